"""Test data for contracts: a running contract with one version and one perceel for the B1-route."""

from datetime import date
from decimal import Decimal
from typing import Any

import factory
from factory.django import DjangoModelFactory

from openinburgering.aanbod.factories import AanbiederFactory
from openinburgering.gemeenten.factories import UitvoeringsorganisatieFactory

from .constants import ComponentChoices, Prijsmodel
from .models import Contract, ContractVersie, Perceel
from .services import PerceelInput


class ContractFactory(DjangoModelFactory):
    class Meta:
        model = Contract

    uitvoeringsorganisatie = factory.SubFactory(UitvoeringsorganisatieFactory)
    aanbieder = factory.SubFactory(AanbiederFactory)
    kenmerk = factory.Sequence(lambda n: f"INK-T-{n:04d}")
    startdatum = date(2026, 1, 1)
    einddatum = date(2027, 12, 31)


class ContractVersieFactory(DjangoModelFactory):
    class Meta:
        model = ContractVersie

    contract = factory.SubFactory(ContractFactory)
    versie = 1
    ingangsdatum = factory.LazyAttribute(lambda o: o.contract.startdatum)


class PerceelFactory(DjangoModelFactory):
    class Meta:
        model = Perceel
        skip_postgeneration_save = True

    versie = factory.SubFactory(ContractVersieFactory)
    component = ComponentChoices.B1_ROUTE
    prijsmodel = Prijsmodel.PER_TRAJECT
    tarief = Decimal("9850.00")
    volume = 40
    budgetplafond = Decimal("394000.00")
    starttermijn_dagen = 28
    acceptatietermijn_werkdagen = 5

    @factory.post_generation
    def gemeenten(self, create: bool, extracted: Any, **kwargs: Any) -> None:
        if create and extracted:
            self.gemeenten.set(extracted)


def perceel_input(gemeenten: Any, **overrides: Any) -> PerceelInput:
    """A valid perceel as the services take it: the B1-route per traject for `gemeenten`."""
    values: dict[str, Any] = {
        "component": ComponentChoices.B1_ROUTE,
        "prijsmodel": Prijsmodel.PER_TRAJECT,
        "tarief": Decimal("9850.00"),
        "volume": 40,
        "budgetplafond": Decimal("394000.00"),
        "gemeente_ids": frozenset(g.pk for g in gemeenten),
        "starttermijn_dagen": 28,
        "acceptatietermijn_werkdagen": 5,
    }
    values.update(overrides)
    return PerceelInput(**values)
