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
        skip_postgeneration_save = True

    uitvoeringsorganisatie = factory.SubFactory(UitvoeringsorganisatieFactory)
    # Four digits, unique per test run: 1000..9999 (no real CBS code is needed in a test).
    code = factory.Sequence(lambda n: f"{1000 + n % 9000:04d}")
    naam = factory.Sequence(lambda n: f"Gemeente {n}")
    # A gemeente sends letters only with its address, phone and e-mail: every test gemeente has them.
    # GemeenteFactory(letter_template=None) makes one without.
    letter_template = factory.RelatedFactory(
        "openinburgering.letters.factories.LetterTemplateFactory", factory_related_name="gemeente"
    )
