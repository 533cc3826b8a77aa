"""Every list page: page 2 keeps the list's filter (issue 11, 5.2).

The shared pagination (templates/components/pagination.html) writes `?page=` and keeps the other query
parameters; every list reads the page through core.paging.page_for_request. LIST_TEMPLATES names every
template that pages, with the test that proves its page 2: a new paged list fails
test_every_paged_list_is_tested until it has one. The betaalrun lists are tested in
betalingen/tests/test_paging.py (they need that app's fixtures).
"""

import uuid
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone

from openinburgering.aanbod.factories import AanbiederFactory
from openinburgering.accounts.constants import Role
from openinburgering.accounts.factories import UserFactory
from openinburgering.core.tests.clock import travel_to
from openinburgering.dossiers.constants import Status
from openinburgering.dossiers.factories import DossierFactory
from openinburgering.duo.constants import NotificatieStatus
from openinburgering.duo.models import DuoBericht, Notificatie
from openinburgering.logboek.constants import Action, Purpose
from openinburgering.logboek.services import logboek_record
from openinburgering.ontzorgen.factories import OntzorgingFactory
from openinburgering.taken.constants import TaakSoort, TaakStatus
from openinburgering.taken.models import Taak
from openinburgering.uitkeringen.constants import UitkeringBron
from openinburgering.uitkeringen.models import Uitkering

from .paging_helpers import follow_to_page_two, small_pages  # noqa: F401  (a fixture)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("small_pages")]

ROOT = Path(__file__).resolve().parents[2]

# template that includes components/pagination.html → the test of its page 2
LIST_TEMPLATES = {
    "werkplek/templates/werkplek/werkvoorraad.html": "test_werkvoorraad_page_two_keeps_the_filter",
    "taken/templates/taken/taken.html": "test_taken_page_two_keeps_the_filter",
    "aanbod/templates/aanbod/aanbieders.html": "test_aanbieders_page_two",
    "inkoop/templates/inkoop/list.html": "test_contracten_page_two_keeps_the_filter",
    "logboek/templates/logboek/search.html": "test_logboek_search_page_two_keeps_the_search",
    "duo/templates/duo/beheer_list.html": "test_duo_berichten_page_two_keeps_the_filter",
    "duo/templates/duo/beheer_notificaties.html": "test_duo_notificaties_page_two_keeps_the_filter",
    "ontzorgen/templates/ontzorgen/overzicht.html": "test_ontzorgen_overzicht_page_two_keeps_the_filter",
    "uitkeringen/templates/uitkeringen/list.html": "test_uitkeringen_page_two_keeps_the_filter",
    "betalingen/templates/betalingen/overview.html": "betalingen/tests/test_paging.py",
    "betalingen/templates/betalingen/detail.html": "betalingen/tests/test_paging.py",
    "betalingen/templates/betalingen/bankafschriften.html": "betalingen/tests/test_paging.py",
}


def test_every_paged_list_is_tested():
    paged = {
        str(path.relative_to(ROOT))
        for path in ROOT.glob("*/templates/**/*.html")
        if "components/pagination.html" in path.read_text()
    }
    assert paged == set(LIST_TEMPLATES)
    for test in LIST_TEMPLATES.values():
        assert test in globals() or (ROOT / test).exists()


def test_every_list_reads_the_page_through_one_helper():
    """No view reads a page number of its own (`?pagina=` was read by four of them)."""
    for path in ROOT.glob("*/views*.py"):
        text = path.read_text()
        assert "page_for(" not in text, f"{path.name}: use page_for_request"
        assert '"pagina"' not in text


def test_werkvoorraad_page_two_keeps_the_filter(kr_client, klantregisseur, gemeente_a):
    for _ in range(5):
        DossierFactory(gemeente=gemeente_a, klantregisseur=klantregisseur, status=Status.PIP)
    for _ in range(3):
        DossierFactory(gemeente=gemeente_a, klantregisseur=klantregisseur, status=Status.AANGEMELD)
    params = {"status": Status.PIP, "klantregisseur": "", "sort": "naam"}
    rows = follow_to_page_two(
        kr_client, reverse("dossiers:werkvoorraad"), params, matches=lambda d: d.status == Status.PIP
    )
    assert len(rows) == 2


def test_taken_page_two_keeps_the_filter(kr_client, gemeente_a):
    for i in range(5):
        Taak.objects.create(
            gemeente=gemeente_a, soort=TaakSoort.DUO_GEWEIGERD, rol=Role.KLANTREGISSEUR, titel=f"DUO {i}"
        )
    for i in range(3):
        Taak.objects.create(gemeente=gemeente_a, soort=TaakSoort.DUO_SIGNAAL, rol=Role.KLANTREGISSEUR, titel=f"S {i}")
    params = {"status": TaakStatus.OPEN, "soort": TaakSoort.DUO_GEWEIGERD}
    follow_to_page_two(kr_client, reverse("taken:taken"), params, matches=lambda t: t.soort == TaakSoort.DUO_GEWEIGERD)


def test_aanbieders_page_two(kr_client):
    """The register has no filter; page 2 is still page 2 (and would keep one)."""
    for i in range(5):
        AanbiederFactory(naam=f"Taalschool {i}")
    follow_to_page_two(kr_client, reverse("aanbod:aanbieders"), {})


def test_contracten_page_two_keeps_the_filter(verified_client, gemeente_a):
    from openinburgering.inkoop.factories import ContractFactory, PerceelFactory

    brug, ander = AanbiederFactory(naam="Taalschool De Brug"), AanbiederFactory(naam="Leerhuis")
    for i, aanbieder in enumerate([brug] * 5 + [ander] * 3):
        contract = ContractFactory(
            kenmerk=f"INK-{i}", aanbieder=aanbieder, uitvoeringsorganisatie=gemeente_a.uitvoeringsorganisatie
        )
        PerceelFactory(versie__contract=contract, gemeenten=[gemeente_a])
    client = verified_client(UserFactory(roles=[Role.CONTRACTMANAGER], gemeenten=[gemeente_a]))
    follow_to_page_two(
        client, reverse("inkoop:list"), {"aanbieder": str(brug.pk)}, matches=lambda row: row.aanbieder_id == brug.pk
    )


def test_logboek_search_page_two_keeps_the_search(verified_client, beheerder, klantregisseur, gemeente_a):
    dossier = DossierFactory(gemeente=gemeente_a)
    for actor in [klantregisseur] * 5 + [beheerder] * 3:
        logboek_record(
            actor=actor,
            action=Action.VIEW,
            purpose=Purpose.REGIE,
            subject="dossier",
            inburgeraar_id=dossier.inburgeraar_id,
            dossier_id=dossier.pk,
        )
    params = {"actor": klantregisseur.username, "bsn": "", "since": "", "until": ""}
    follow_to_page_two(
        verified_client(beheerder),
        reverse("logboek:search"),
        params,
        matches=lambda v: v.actor_id == klantregisseur.pk,
    )


def _bericht(gemeente, status):
    dossier = DossierFactory(gemeente=gemeente)
    return DuoBericht.objects.create(
        gemeente=gemeente,
        dossier=dossier,
        bsn=dossier.inburgeraar.bsn,
        api="pip",
        operatie="post_pip",
        args={"bsn": dossier.inburgeraar.bsn, "pip": {"leerroute": "B"}},
        status=status,
        volgende_poging_op=timezone.now(),
    )


def test_duo_berichten_page_two_keeps_the_filter(verified_client, beheerder, gemeente_a):
    for _ in range(5):
        _bericht(gemeente_a, DuoBericht.Status.GEWEIGERD)
    for _ in range(3):
        _bericht(gemeente_a, DuoBericht.Status.WACHTEND)
    params = {"status": DuoBericht.Status.GEWEIGERD, "api": "pip"}
    follow_to_page_two(
        verified_client(beheerder),
        reverse("duo_beheer:berichten"),
        params,
        matches=lambda b: b.status == DuoBericht.Status.GEWEIGERD,
    )


def test_duo_notificaties_page_two_keeps_the_filter(verified_client, beheerder, gemeente_a):
    for status in [NotificatieStatus.FOUT] * 5 + [NotificatieStatus.VERWERKT] * 3:
        dossier = DossierFactory(gemeente=gemeente_a)
        Notificatie.objects.create(
            bericht_id=uuid.uuid4(),
            bron="00000001234567890000",
            doel=gemeente_a.oin or "00000001800482001000",
            gebeurtenis_id="SS101",
            bsn=dossier.inburgeraar.bsn,
            registratie_datum_tijd=timezone.now(),
            body={},
            status=status,
            dossier=dossier,
        )
    follow_to_page_two(
        verified_client(beheerder),
        reverse("duo_beheer:notificaties"),
        {"status": NotificatieStatus.FOUT},
        matches=lambda n: n.status == NotificatieStatus.FOUT,
    )


# New Year's Eve: "ending within 30 days" reaches into next year.
NEW_YEARS_EVE = date(2027, 12, 31)


@travel_to(NEW_YEARS_EVE)
def test_ontzorgen_overzicht_page_two_keeps_the_filter(verified_client, gemeente_a):
    fm = UserFactory(roles=[Role.FINANCIEEL_MEDEWERKER], gemeenten=[gemeente_a])
    today = NEW_YEARS_EVE
    for _ in range(5):  # ending within 30 days
        OntzorgingFactory(dossier__gemeente=gemeente_a, startdatum=today - timedelta(days=170))
    for _ in range(3):  # just started
        OntzorgingFactory(dossier__gemeente=gemeente_a, startdatum=today.replace(day=1))
    params = {"status": "actief", "binnen_dagen": "30"}
    follow_to_page_two(
        verified_client(fm),
        reverse("ontzorgen_overzicht:overzicht"),
        params,
        matches=lambda o: o.einddatum <= today + timedelta(days=30),
    )


def test_uitkeringen_page_two_keeps_the_filter(verified_client, gemeente_a):
    fm = UserFactory(roles=[Role.FINANCIEEL_MEDEWERKER], gemeenten=[gemeente_a])
    maart, april = date(2026, 3, 1), date(2026, 4, 1)
    for i in range(8):
        dossier = DossierFactory(gemeente=gemeente_a, status=Status.UITVOERING)
        Uitkering.objects.create(
            dossier=dossier,
            maand=maart if i < 5 else april,
            bedrag=Decimal("1200.00"),
            bron=UitkeringBron.HANDMATIG,
            created_by=fm,
        )
    follow_to_page_two(
        verified_client(fm), reverse("uitkeringen:list"), {"maand": "2026-03"}, matches=lambda u: u.maand == maart
    )
