"""Test data for aanbieders: by default a keurmerk instelling as DUO lists it."""

import factory
from factory.django import DjangoModelFactory

from .models import Aanbieder


class AanbiederFactory(DjangoModelFactory):
    class Meta:
        model = Aanbieder

    naam = factory.Sequence(lambda n: f"Taalschool {n}")
    # Ten digits, unique per test run (DUO's instellingsnummer has exactly ten characters).
    instellingsnummer = factory.Sequence(lambda n: f"{9_000_000_000 + n}")
    postcode = "3311AB"
    huisnummer = factory.Sequence(lambda n: 1 + n % 999)
    plaatsnaam = "Dordrecht"
    bow_registratienummer = factory.Sequence(lambda n: f"{100_000 + n}")
    heeft_bow_keurmerk = True
    is_taalschakelinstelling = False
    actief = True

    class Params:
        taalschakelinstelling = factory.Trait(is_taalschakelinstelling=True, heeft_bow_keurmerk=False, brin="25LJ")
