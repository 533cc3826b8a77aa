"""The contract services: what they store, and every refusal with its Dutch message and nothing half-stored."""

from datetime import date
from decimal import Decimal

import pytest

from openinburgering.aanbod.factories import AanbiederFactory
from openinburgering.core.exceptions import DomainError, StaleTransition
from openinburgering.gemeenten.factories import GemeenteFactory
from openinburgering.inkoop import selectors, services
from openinburgering.inkoop.constants import ComponentChoices, ContractStatus, EindeReden, Prijsmodel
from openinburgering.inkoop.factories import perceel_input
from openinburgering.inkoop.models import Contract, ContractEvent, ContractVersie, Perceel
from openinburgering.inkoop.services import (
    InkoopRefused,
    contract_create,
    contract_end,
    contract_version_create,
    errors_of,
    plaatsing_keurmerk_check,
)

pytestmark = pytest.mark.django_db


def _counts() -> tuple[int, int, int, int]:
    return (
        Contract.objects.count(),
        ContractVersie.objects.count(),
        Perceel.objects.count(),
        ContractEvent.objects.count(),
    )


def _create(actor, gemeenten, **overrides):
    values = {
        "actor": actor,
        "aanbieder": overrides.pop("aanbieder", None) or AanbiederFactory(naam="Taalschool De Brug"),
        "kenmerk": "INK-2026-001",
        "startdatum": date(2026, 1, 1),
        "einddatum": date(2027, 12, 31),
        "percelen": [perceel_input(gemeenten)],
    }
    values.update(overrides)
    return contract_create(**values)


def refused(call, *, field: str, message: str) -> list[DomainError]:
    """The call is refused with `message` at `field`, and nothing was stored."""
    before = _counts()
    with pytest.raises(DomainError) as caught:
        call()
    errors = errors_of(caught.value)
    assert any(e.field == field and message in e.message for e in errors), [(e.field, e.message) for e in errors]
    assert _counts() == before
    return errors


def test_create_stores_the_contract_its_first_version_and_percelen(contractmanager, gemeente_a):
    bonus = perceel_input(
        [gemeente_a],
        component=ComponentChoices.ALFABETISERING,
        prijsmodel=Prijsmodel.TRAJECT_MET_RESULTAATBONUS,
        tarief=Decimal("7500.00"),
        resultaatbonus=Decimal("1000.00"),
        bonusvoorwaarde="Examen A2 gehaald",
    )
    contract = _create(contractmanager, [gemeente_a], percelen=[perceel_input([gemeente_a]), bonus])
    assert contract.uitvoeringsorganisatie == gemeente_a.uitvoeringsorganisatie
    [versie] = contract.versies.all()
    assert (versie.versie, versie.ingangsdatum) == (1, date(2026, 1, 1))
    assert sorted(versie.percelen.values_list("component", flat=True)) == ["alfabetisering", "b1_route"]
    assert versie.percelen.get(component="alfabetisering").resultaatbonus == Decimal("1000.00")
    assert list(versie.percelen.get(component="b1_route").gemeenten.all()) == [gemeente_a]
    event = contract.events.get()
    assert event.action == "contract.create" and event.actor == contractmanager


def test_end_before_start_is_refused(contractmanager, gemeente_a):
    refused(
        lambda: _create(contractmanager, [gemeente_a], einddatum=date(2025, 12, 31)),
        field="einddatum",
        message="Einddatum: ligt vóór de startdatum (1 januari 2026)",
    )


def test_a_duplicate_kenmerk_is_refused(contractmanager, gemeente_a):
    _create(contractmanager, [gemeente_a])
    refused(
        lambda: _create(contractmanager, [gemeente_a], kenmerk="ink-2026-001"),
        field="kenmerk",
        message="Contractnummer: er is al een contract met nummer ink-2026-001.",
    )


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"tarief": Decimal("0.00")}, "tarief", "Tarief (perceel 1, B1-route): moet hoger zijn dan € 0,00."),
        ({"tarief": Decimal("-5.00")}, "tarief", "Tarief (perceel 1, B1-route): moet hoger zijn dan € 0,00."),
        ({"budgetplafond": Decimal("0")}, "budgetplafond", "Budgetplafond (perceel 1, B1-route): moet hoger zijn"),
        ({"volume": 0}, "volume", "Volume (perceel 1, B1-route): moet minstens 1 zijn."),
        ({"gemeente_ids": frozenset()}, "gemeenten", "Gemeenten (perceel 1, B1-route): kies minstens één gemeente"),
        (
            {"prijsmodel": Prijsmodel.TRAJECT_MET_RESULTAATBONUS},
            "resultaatbonus",
            "Resultaatbonus (perceel 1, B1-route): vul bij een trajectprijs met resultaatbonus",
        ),
        (
            {"resultaatbonus": Decimal("500.00")},
            "resultaatbonus",
            "Resultaatbonus (perceel 1, B1-route): alleen bij het prijsmodel",
        ),
    ],
)
def test_a_bad_perceel_is_refused_naming_field_and_rule(contractmanager, gemeente_a, overrides, field, message):
    refused(
        lambda: _create(contractmanager, [gemeente_a], percelen=[perceel_input([gemeente_a], **overrides)]),
        field=f"percelen-0-{field}",
        message=message,
    )


def test_a_contract_without_percelen_is_refused(contractmanager, gemeente_a):
    refused(
        lambda: _create(contractmanager, [gemeente_a], percelen=[]),
        field="percelen",
        message="Percelen: een contractversie koopt minstens één component in.",
    )


def test_a_component_twice_in_one_version_is_refused(contractmanager, gemeente_a):
    refused(
        lambda: _create(contractmanager, [gemeente_a], percelen=[perceel_input([gemeente_a])] * 2),
        field="percelen-1-component",
        message="Component (perceel 2): B1-route staat al in perceel 1; een versie heeft één perceel per component.",
    )


def test_a_gemeente_outside_the_scope_is_refused(contractmanager, gemeente_a, gemeente_b):
    refused(
        lambda: _create(contractmanager, [gemeente_a, gemeente_b]),
        field="percelen-0-gemeenten",
        message="Gemeenten (perceel 1, B1-route): Beekstad valt buiten uw gemeenten",
    )


def test_a_gemeente_of_another_organisation_is_refused(contractmanager, gemeente_a):
    elders = GemeenteFactory(naam="Elders")
    contractmanager.gemeenten.add(elders)  # even in scope: it belongs to another uitvoeringsorganisatie
    with pytest.raises(DomainError, match="één uitvoeringsorganisatie"):
        _create(contractmanager, [gemeente_a, elders])
    assert _counts() == (0, 0, 0, 0)


def test_every_problem_is_reported_at_once(contractmanager, gemeente_a):
    with pytest.raises(InkoopRefused) as caught:
        _create(
            contractmanager,
            [gemeente_a],
            einddatum=date(2025, 1, 1),
            percelen=[perceel_input([gemeente_a], tarief=Decimal("0"), volume=0)],
        )
    assert {e.field for e in caught.value.errors} == {"einddatum", "percelen-0-tarief", "percelen-0-volume"}


# --- versions ---------------------------------------------------------------------------------------------


@pytest.fixture
def contract(contractmanager, gemeente_a):
    return _create(contractmanager, [gemeente_a])


def test_a_new_version_keeps_the_earlier_one_and_answers_what_was_valid_when(contract, contractmanager, gemeente_a):
    versie = contract_version_create(
        actor=contractmanager,
        contract=contract,
        ingangsdatum=date(2026, 7, 1),
        wijzigingsreden="Indexering tarieven",
        percelen=[perceel_input([gemeente_a], tarief=Decimal("10100.00"))],
    )
    assert versie.versie == 2
    assert selectors.versie_valid_on(contract, date(2026, 6, 30)).versie == 1
    assert selectors.versie_valid_on(contract, date(2026, 7, 1)).versie == 2
    assert selectors.versie_valid_on(contract, date(2025, 12, 31)) is None
    assert selectors.versie_valid_on(contract, date(2028, 1, 1)) is None
    assert contract.versies.get(versie=1).percelen.get().tarief == Decimal("9850.00")  # unchanged
    event = contract.events.get(action="contract.version")
    assert {"label": "B1-route: Tarief (euro)", "old": "€ 9.850,00", "new": "€ 10.100,00"}.items() <= next(
        c for c in event.changes if c["field"] == "tarief"
    ).items()


def _version(contract, actor, gemeenten, **overrides):
    values = {
        "actor": actor,
        "contract": contract,
        "ingangsdatum": date(2026, 7, 1),
        "wijzigingsreden": "Nieuwe tarieven",
        "percelen": [perceel_input(gemeenten)],
    }
    values.update(overrides)
    return contract_version_create(**values)


@pytest.mark.parametrize("ingangsdatum", [date(2026, 1, 1), date(2025, 12, 1)])
def test_an_overlapping_or_earlier_version_is_refused(contract, contractmanager, gemeente_a, ingangsdatum):
    message = (
        "Ingangsdatum: overlapt met versie 1, die ingaat op 1 januari 2026."
        if ingangsdatum >= contract.startdatum
        else "Ingangsdatum: ligt buiten de looptijd van het contract (1 januari 2026 tot en met 31 december 2027)."
    )
    refused(
        lambda: _version(contract, contractmanager, [gemeente_a], ingangsdatum=ingangsdatum),
        field="ingangsdatum",
        message=message,
    )


def test_a_version_without_reason_is_refused(contract, contractmanager, gemeente_a):
    refused(
        lambda: _version(contract, contractmanager, [gemeente_a], wijzigingsreden="  "),
        field="wijzigingsreden",
        message="Reden van de wijziging: vul in waarom het contract verandert.",
    )


def test_a_ceiling_below_what_placements_committed_is_refused(contract, contractmanager, gemeente_a, monkeypatch):
    monkeypatch.setattr(services, "perceel_committed", lambda perceel: Decimal("50000.00"))
    refused(
        lambda: _version(
            contract,
            contractmanager,
            [gemeente_a],
            percelen=[perceel_input([gemeente_a], budgetplafond=Decimal("49999.99"))],
        ),
        field="percelen-0-budgetplafond",
        message="ligt onder wat al in plaatsingen is vastgelegd (€ 50.000,00)",
    )
    assert _version(
        contract,
        contractmanager,
        [gemeente_a],
        percelen=[perceel_input([gemeente_a], budgetplafond=Decimal("50000.00"))],
    )


def test_committed_is_zero_until_plaatsingen_exist(contract):
    perceel = Perceel.objects.get(versie__contract=contract)
    assert selectors.perceel_committed(perceel) == Decimal("0.00")
    assert selectors.perceel_committed_volume(perceel) == 0


def test_a_contract_serving_gemeenten_outside_the_scope_is_not_changed(
    contractmanager_ab, contractmanager, gemeente_a, gemeente_b
):
    contract = _create(contractmanager_ab, [gemeente_a, gemeente_b])
    with pytest.raises(DomainError, match=r"gemeenten buiten uw scope \(Beekstad\)"):
        _version(contract, contractmanager, [gemeente_a])
    with pytest.raises(DomainError, match=r"gemeenten buiten uw scope \(Beekstad\)"):
        contract_end(
            actor=contractmanager, contract=contract, beeindigd_per=date(2026, 6, 30), reden=EindeReden.OPGEZEGD
        )
    contract.refresh_from_db()
    assert contract.status == ContractStatus.ACTIEF and contract.versies.count() == 1


# --- ending --------------------------------------------------------------------------------------------------


def test_end_stores_date_and_reason_and_the_version_ends_with_it(contract, contractmanager):
    contract_end(actor=contractmanager, contract=contract, beeindigd_per=date(2026, 6, 30), reden=EindeReden.OPGEZEGD)
    contract.refresh_from_db()
    assert (contract.status, contract.beeindigd_per, contract.einde_reden) == (
        "beeindigd",
        date(2026, 6, 30),
        "opgezegd",
    )
    assert selectors.versie_valid_on(contract, date(2026, 6, 30)) is not None
    assert selectors.versie_valid_on(contract, date(2026, 7, 1)) is None
    assert contract.events.filter(action="contract.end").exists()
    with pytest.raises(StaleTransition):
        contract_end(
            actor=contractmanager, contract=contract, beeindigd_per=date(2026, 6, 30), reden=EindeReden.OPGEZEGD
        )
    with pytest.raises(StaleTransition, match="geen nieuwe versie"):
        _version(contract, contractmanager, [])


def test_end_outside_the_period_or_without_explanation_is_refused(contract, contractmanager):
    refused(
        lambda: contract_end(
            actor=contractmanager, contract=contract, beeindigd_per=date(2028, 1, 1), reden=EindeReden.OPGEZEGD
        ),
        field="beeindigd_per",
        message="Beëindigd per: ligt buiten de looptijd van het contract",
    )
    refused(
        lambda: contract_end(
            actor=contractmanager, contract=contract, beeindigd_per=date(2026, 6, 1), reden=EindeReden.OVERIG
        ),
        field="einde_toelichting",
        message="Toelichting: licht bij ‘Anders’ toe",
    )
    assert Contract.objects.get(pk=contract.pk).status == ContractStatus.ACTIEF


# --- what part 2 asks ----------------------------------------------------------------------------------------


def test_percelen_beschikbaar_gives_the_version_in_force_with_what_is_left(
    contract, contractmanager, gemeente_a, gemeente_b
):
    _version(
        contract, contractmanager, [gemeente_a], percelen=[perceel_input([gemeente_a], tarief=Decimal("10100.00"))]
    )
    [before] = selectors.percelen_beschikbaar(
        gemeente_id=gemeente_a.pk, component="b1_route", on_date=date(2026, 6, 30)
    )
    [after] = selectors.percelen_beschikbaar(gemeente_id=gemeente_a.pk, component="b1_route", on_date=date(2026, 7, 1))
    assert (before.tarief, after.tarief) == (Decimal("9850.00"), Decimal("10100.00"))
    assert after.budget_resterend == Decimal("394000.00") and after.volume_resterend == 40
    assert after.aanbieder.naam == "Taalschool De Brug"
    assert (
        selectors.percelen_beschikbaar(gemeente_id=gemeente_b.pk, component="b1_route", on_date=date(2026, 7, 1)) == []
    )
    assert (
        selectors.percelen_beschikbaar(gemeente_id=gemeente_a.pk, component="z_route", on_date=date(2026, 7, 1)) == []
    )
    assert (
        selectors.percelen_beschikbaar(gemeente_id=gemeente_a.pk, component="b1_route", on_date=date(2028, 1, 1)) == []
    )


def test_the_placement_check_refuses_an_expired_keurmerk_naming_the_rule():
    aanbieder = AanbiederFactory(bow_keurmerk_geldig_tot=date(2026, 3, 14))
    [violation] = plaatsing_keurmerk_check(aanbieder=aanbieder, component="b1_route", doelgroep="Asielstatushouder")
    assert violation.code == "keurmerk_verlopen"
    from openinburgering.inkoop.messages import refusals

    [error] = refusals([violation])
    assert error.field == "aanbieder"
    assert "gold tot en met 14 maart 2026 en is verlopen" in error.message
    assert "(Blik op Werk, Keurmerk Inburgeren)" in error.message
    aanbieder.bow_keurmerk_geldig_tot = date(2026, 3, 15)  # its last day is today: still valid
    assert plaatsing_keurmerk_check(aanbieder=aanbieder, component="b1_route", doelgroep="Asielstatushouder") == []
    assert (
        plaatsing_keurmerk_check(
            aanbieder=AanbiederFactory(bow_keurmerk_geldig_tot=date(2026, 1, 1)),
            component="onderwijsroute",
            doelgroep="Asielstatushouder",
        )
        == []
    )


def test_a_gemeente_of_another_organisation_in_the_input_is_refused(contractmanager, gemeente_a):
    elders = GemeenteFactory(naam="Elders")
    refused(
        lambda: _create(contractmanager, [gemeente_a, elders]),
        field="percelen-0-gemeenten",
        message="Gemeenten (perceel 1, B1-route): Elders hoort niet bij de uitvoeringsorganisatie van dit contract.",
    )
