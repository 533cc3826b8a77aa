"""Test data for uitvoeringsorganisaties and gemeenten."""

import factory
from factory.django import DjangoModelFactory

from .models import Gemeente, Uitvoeringsorganisatie


class UitvoeringsorganisatieFactory(DjangoModelFactory):
    class Meta:
        model = Uitvoeringsorganisatie

    naam = factory.Sequence(lambda n: f"Uitvoeringsorganisatie {n}")


class GemeenteFactory(DjangoModelFactory):
    class Meta:
        model = Gemeente

    uitvoeringsorganisatie = factory.SubFactory(UitvoeringsorganisatieFactory)
    # Four digits, unique per test run: 1000..9999 (no real CBS code is needed in a test).
    code = factory.Sequence(lambda n: f"{1000 + n % 9000:04d}")
    naam = factory.Sequence(lambda n: f"Gemeente {n}")
