"""The contract models: their choices mirror rules/, their constraints hold in the database."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from openinburgering.aanbod.factories import AanbiederFactory
from openinburgering.inkoop.constants import ComponentChoices, ContractFase
from openinburgering.inkoop.factories import ContractFactory, PerceelFactory
from openinburgering.inkoop.models import Contract, ContractVersie
from openinburgering.rules.inkoop import Component, Keurmerkstatus


def test_the_component_choices_are_the_rules_enumeration():
    assert ComponentChoices.values == [c.value for c in Component]


@pytest.mark.django_db
def test_fase_follows_the_dates_and_the_status():
    contract = ContractFactory(startdatum=date(2026, 1, 1), einddatum=date(2026, 12, 31))
    assert contract.fase(date(2025, 12, 31)) == ContractFase.TOEKOMSTIG
    assert contract.fase(date(2026, 1, 1)) == ContractFase.LOPEND
    assert contract.fase(date(2026, 12, 31)) == ContractFase.LOPEND
    assert contract.fase(date(2027, 1, 1)) == ContractFase.AFGELOPEN
    Contract.objects.filter(pk=contract.pk).update(status="beeindigd", beeindigd_per=date(2026, 6, 30))
    contract.refresh_from_db()
    assert contract.fase(date(2026, 3, 1)) == ContractFase.BEEINDIGD


@pytest.mark.django_db
@pytest.mark.parametrize(
    "fields",
    [
        {"tarief": Decimal("0.00")},
        {"budgetplafond": Decimal("-1.00")},
        {"volume": 0},
        {"prijsmodel": "traject_bonus", "resultaatbonus": None},
        {"prijsmodel": "per_uur", "resultaatbonus": Decimal("10.00")},
    ],
)
def test_the_database_refuses_a_perceel_that_breaks_a_rule(fields):
    with pytest.raises(IntegrityError), transaction.atomic():
        PerceelFactory(**fields)


@pytest.mark.django_db
def test_the_database_refuses_an_end_before_the_start_and_two_versions_on_one_day():
    with pytest.raises(IntegrityError), transaction.atomic():
        ContractFactory(startdatum=date(2026, 1, 2), einddatum=date(2026, 1, 1))
    contract = ContractFactory()
    ContractVersie.objects.create(contract=contract, versie=1, ingangsdatum=date(2026, 1, 1))
    with pytest.raises(IntegrityError), transaction.atomic():
        ContractVersie.objects.create(contract=contract, versie=2, ingangsdatum=date(2026, 1, 1))


@pytest.mark.django_db
def test_the_keurmerk_date_only_with_the_keurmerk_and_its_status():
    aanbieder = AanbiederFactory.build(heeft_bow_keurmerk=False, bow_keurmerk_geldig_tot=date(2027, 1, 1))
    with pytest.raises(ValidationError, match="alleen in te vullen bij een instelling met het keurmerk"):
        aanbieder.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        aanbieder.save()
    assert AanbiederFactory.build(heeft_bow_keurmerk=False).keurmerk_status(date(2026, 1, 1)) == Keurmerkstatus.GEEN
    assert (
        AanbiederFactory.build(bow_keurmerk_geldig_tot=date(2026, 1, 1)).keurmerk_status(date(2026, 1, 2))
        == Keurmerkstatus.VERLOPEN
    )
