"""The contract manager's pages: each renders, filters and pages; a form's refusal names the field and stores
nothing; the aanbieder's page shows its contracts, keurmerk and (not yet) placements."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from openinburgering.aanbod.factories import AanbiederFactory
from openinburgering.accounts.constants import Role
from openinburgering.accounts.factories import UserFactory
from openinburgering.inkoop.constants import ContractStatus
from openinburgering.inkoop.factories import ContractFactory, PerceelFactory, perceel_input
from openinburgering.inkoop.models import Contract, ContractVersie, Perceel
from openinburgering.inkoop.services import contract_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def cm_client(verified_client, contractmanager):
    return verified_client(contractmanager)


def _contract(gemeente, *, kenmerk="INK-1", aanbieder=None, component="b1_route", **fields):
    contract = ContractFactory(
        kenmerk=kenmerk,
        uitvoeringsorganisatie=gemeente.uitvoeringsorganisatie,
        **({"aanbieder": aanbieder} if aanbieder else {}),
        **fields,
    )
    PerceelFactory(versie__contract=contract, component=component, gemeenten=[gemeente])
    return contract


def _post_data(gemeente, aanbieder, **overrides):
    data = {
        "aanbieder": aanbieder.pk,
        "kenmerk": "INK-2026-014",
        "omschrijving": "Taaltrajecten 2026-2027",
        "startdatum": "2026-04-01",
        "einddatum": "2027-12-31",
        "percelen-TOTAL_FORMS": "2",
        "percelen-INITIAL_FORMS": "0",
        "percelen-MIN_NUM_FORMS": "0",
        "percelen-MAX_NUM_FORMS": "9",
        "percelen-0-component": "b1_route",
        "percelen-0-prijsmodel": "per_traject",
        "percelen-0-tarief": "9.850,00",
        "percelen-0-volume": "40",
        "percelen-0-budgetplafond": "394.000,00",
        "percelen-0-gemeenten": [gemeente.pk],
        "percelen-0-starttermijn_dagen": "28",
        "percelen-0-acceptatietermijn_werkdagen": "5",
    }
    data.update(overrides)
    return data


def test_the_pages_are_for_the_contractmanager_only(kr_client):
    assert kr_client.get(reverse("inkoop:list")).status_code == 403
    assert kr_client.get(reverse("inkoop:new")).status_code == 403


def test_list_shows_the_contracts_in_scope_and_filters(cm_client, gemeente_a, gemeente_b):
    brug, roc = AanbiederFactory(naam="Taalschool De Brug"), AanbiederFactory(naam="ROC Da Vinci")
    _contract(gemeente_a, kenmerk="INK-LOOPT", aanbieder=brug)
    _contract(gemeente_a, kenmerk="INK-EINDIGT", aanbieder=roc, component="onderwijsroute", einddatum=date(2026, 5, 31))
    _contract(gemeente_a, kenmerk="INK-LATER", aanbieder=brug, startdatum=date(2026, 9, 1))
    _contract(gemeente_b, kenmerk="INK-ANDERE-GEMEENTE", aanbieder=brug)

    def kenmerken(**params):
        response = cm_client.get(reverse("inkoop:list"), params)
        assert response.status_code == 200
        return [c.kenmerk for c, _fase in response.context["rows"]]

    assert kenmerken() == ["INK-EINDIGT", "INK-LATER", "INK-LOOPT"]
    assert kenmerken(aanbieder=roc.pk) == ["INK-EINDIGT"]
    assert kenmerken(component="onderwijsroute") == ["INK-EINDIGT"]
    assert kenmerken(eindigt="binnenkort") == ["INK-EINDIGT"]
    assert kenmerken(fase="toekomstig") == ["INK-LATER"]
    assert kenmerken(fase="lopend") == ["INK-EINDIGT", "INK-LOOPT"]
    assert kenmerken(fase="onzin", aanbieder="x", component="?") == ["INK-EINDIGT", "INK-LATER", "INK-LOOPT"]
    html = cm_client.get(reverse("inkoop:list")).content.decode()
    assert "INK-ANDERE-GEMEENTE" not in html


def test_list_pages_and_page_two_keeps_the_filter(cm_client, gemeente_a):
    brug = AanbiederFactory(naam="Taalschool De Brug")
    for n in range(27):
        _contract(gemeente_a, kenmerk=f"INK-{n:03d}", aanbieder=brug)
    _contract(gemeente_a, kenmerk="INK-ANDER", aanbieder=AanbiederFactory())
    first = cm_client.get(reverse("inkoop:list"), {"aanbieder": brug.pk})
    assert first.context["page"].paginator.count == 27
    assert f"aanbieder={brug.pk}" in first.content.decode() and "page=2" in first.content.decode()
    second = cm_client.get(reverse("inkoop:list"), {"aanbieder": brug.pk, "page": "2"})
    assert [c.kenmerk for c, _ in second.context["rows"]] == ["INK-025", "INK-026"]
    partial = cm_client.get(reverse("inkoop:list"), {"page": "2"}, HTTP_HX_REQUEST="true", HTTP_HX_TARGET="results")
    assert b"<h1" not in partial.content and b'id="results"' in partial.content


def test_create_stores_the_contract_and_goes_to_its_page(cm_client, gemeente_a):
    brug = AanbiederFactory(naam="Taalschool De Brug")
    assert cm_client.get(reverse("inkoop:new")).status_code == 200
    response = cm_client.post(reverse("inkoop:new"), _post_data(gemeente_a, brug))
    contract = Contract.objects.get(kenmerk="INK-2026-014")
    assert response.status_code == 302 and response.url == reverse("inkoop:detail", args=[contract.uuid])
    perceel = Perceel.objects.get(versie__contract=contract)
    assert perceel.tarief == Decimal("9850.00") and list(perceel.gemeenten.all()) == [gemeente_a]
    page = cm_client.get(response.url).content.decode()
    assert "INK-2026-014" in page and "€ 9.850,00" in page and "Versie 1" in page


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"einddatum": "2026-03-31"}, "Einddatum: ligt vóór de startdatum (1 april 2026)"),
        ({"percelen-0-tarief": "0"}, "Het tarief"),
        ({"percelen-0-gemeenten": []}, "Gemeenten (perceel 1, B1-route): kies minstens één gemeente"),
        (
            {
                "percelen-1-component": "b1_route",
                "percelen-1-prijsmodel": "per_uur",
                "percelen-1-tarief": "62,50",
                "percelen-1-volume": "1000",
                "percelen-1-budgetplafond": "62.500",
                "percelen-1-starttermijn_dagen": "14",
                "percelen-1-acceptatietermijn_werkdagen": "5",
            },
            "B1-route staat al in perceel 1",
        ),
    ],
)
def test_a_refused_create_names_the_field_and_stores_nothing(cm_client, gemeente_a, overrides, message):
    response = cm_client.post(reverse("inkoop:new"), _post_data(gemeente_a, AanbiederFactory(), **overrides))
    assert response.status_code == 422
    assert message in response.content.decode()
    assert (Contract.objects.count(), ContractVersie.objects.count(), Perceel.objects.count()) == (0, 0, 0)


def test_a_gemeente_outside_the_scope_cannot_even_be_posted(cm_client, gemeente_a, gemeente_b):
    response = cm_client.post(
        reverse("inkoop:new"), _post_data(gemeente_a, AanbiederFactory(), **{"percelen-0-gemeenten": [gemeente_b.pk]})
    )
    assert response.status_code == 422
    assert Contract.objects.count() == 0


@pytest.fixture
def contract(contractmanager, gemeente_a):
    return contract_create(
        actor=contractmanager,
        aanbieder=AanbiederFactory(naam="Taalschool De Brug"),
        kenmerk="INK-2026-001",
        startdatum=date(2026, 1, 1),
        einddatum=date(2027, 12, 31),
        percelen=[perceel_input([gemeente_a])],
    )


def _version_data(gemeente, **overrides):
    data = {
        "ingangsdatum": "2026-07-01",
        "wijzigingsreden": "Indexering",
        "percelen-TOTAL_FORMS": "1",
        "percelen-INITIAL_FORMS": "1",
        "percelen-MIN_NUM_FORMS": "0",
        "percelen-MAX_NUM_FORMS": "9",
        "percelen-0-component": "b1_route",
        "percelen-0-prijsmodel": "per_traject",
        "percelen-0-tarief": "10.100,00",
        "percelen-0-volume": "40",
        "percelen-0-budgetplafond": "404.000,00",
        "percelen-0-gemeenten": [gemeente.pk],
        "percelen-0-starttermijn_dagen": "28",
        "percelen-0-acceptatietermijn_werkdagen": "5",
    }
    data.update(overrides)
    return data


def test_new_version_is_prefilled_and_stored(cm_client, contract, gemeente_a):
    page = cm_client.get(reverse("inkoop:version_new", args=[contract.uuid]))
    assert page.status_code == 200 and 'value="9850,00"' in page.content.decode()
    response = cm_client.post(reverse("inkoop:version_new", args=[contract.uuid]), _version_data(gemeente_a))
    assert response.status_code == 302
    assert contract.versies.get(versie=2).percelen.get().tarief == Decimal("10100.00")
    detail = cm_client.get(reverse("inkoop:detail", args=[contract.uuid])).content.decode()
    assert "Versie 2" in detail and "Versie 1" in detail and "€ 9.850,00 → € 10.100,00" in detail


def test_an_overlapping_version_is_refused_on_the_page(cm_client, contract, gemeente_a):
    response = cm_client.post(
        reverse("inkoop:version_new", args=[contract.uuid]), _version_data(gemeente_a, ingangsdatum="2026-01-01")
    )
    assert response.status_code == 422
    assert "Ingangsdatum: overlapt met versie 1" in response.content.decode()
    assert contract.versies.count() == 1


def test_a_perceel_dropped_in_a_new_version(cm_client, contract, gemeente_a):
    response = cm_client.post(
        reverse("inkoop:version_new", args=[contract.uuid]), _version_data(gemeente_a, **{"percelen-0-DELETE": "on"})
    )
    assert response.status_code == 422  # nothing left to buy
    assert "Percelen: een contractversie koopt minstens één component in." in response.content.decode()


def test_end_the_contract(cm_client, contract):
    assert cm_client.get(reverse("inkoop:end", args=[contract.uuid])).status_code == 200
    bad = cm_client.post(
        reverse("inkoop:end", args=[contract.uuid]), {"beeindigd_per": "2030-01-01", "einde_reden": "opgezegd"}
    )
    assert bad.status_code == 422 and "Beëindigd per: ligt buiten de looptijd" in bad.content.decode()
    response = cm_client.post(
        reverse("inkoop:end", args=[contract.uuid]), {"beeindigd_per": "2026-06-30", "einde_reden": "opgezegd"}
    )
    assert response.status_code == 302
    contract.refresh_from_db()
    assert contract.status == ContractStatus.BEEINDIGD
    again = cm_client.get(reverse("inkoop:version_new", args=[contract.uuid]))
    assert again.status_code == 302


def test_aanbieder_page_shows_contracts_keurmerk_and_no_placements_yet(
    verified_client, contractmanager, gemeente_a, gemeente_b
):
    brug = AanbiederFactory(naam="Taalschool De Brug", bow_keurmerk_geldig_tot=date(2026, 5, 1))
    _contract(gemeente_a, kenmerk="INK-EIGEN", aanbieder=brug)
    _contract(gemeente_b, kenmerk="INK-ANDER", aanbieder=brug)
    html = verified_client(contractmanager).get(reverse("inkoop:aanbieder", args=[brug.pk])).content.decode()
    assert "INK-EIGEN" in html and "INK-ANDER" not in html
    assert "verloopt binnen 90 dagen: het geldt tot en met 1 mei 2026" in html
    assert "Plaatsingen worden nog niet in dit systeem vastgelegd" in html
    verlopen = AanbiederFactory(bow_keurmerk_geldig_tot=date(2026, 3, 14))
    html = verified_client(contractmanager).get(reverse("inkoop:aanbieder", args=[verlopen.pk])).content.decode()
    assert "Het keurmerk van Blik op Werk is verlopen (het gold tot en met 14 maart 2026)" in html


def test_the_register_links_to_the_aanbieder_page(kr_client):
    brug = AanbiederFactory(naam="Taalschool De Brug")
    html = kr_client.get(reverse("aanbod:aanbieders")).content.decode()
    assert reverse("inkoop:aanbieder", args=[brug.pk]) in html
    assert kr_client.get(reverse("inkoop:aanbieder", args=[brug.pk])).status_code == 200


def test_an_aanbieder_employee_has_no_aanbieder_page(verified_client):
    brug = AanbiederFactory()
    client = verified_client(UserFactory(roles=[Role.AANBIEDER], aanbieder=brug))
    assert client.get(reverse("inkoop:aanbieder", args=[brug.pk])).status_code == 403
