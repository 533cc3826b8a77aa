"""Test data for aanbieders."""

import factory
from factory.django import DjangoModelFactory

from .models import Aanbieder


class AanbiederFactory(DjangoModelFactory):
    class Meta:
        model = Aanbieder

    naam = factory.Sequence(lambda n: f"Taalschool {n}")
    instellingsnummer = factory.Sequence(lambda n: f"{10000 + n}")
