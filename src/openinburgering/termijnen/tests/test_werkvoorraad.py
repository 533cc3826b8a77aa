"""The werkvoorraad filters and sorts on the stored next deadline; the dossier page shows every deadline."""

from datetime import date

import pytest
import time_machine

from openinburgering.dossiers.factories import DossierFactory
from openinburgering.termijnen.services import termijnen_recompute

pytestmark = pytest.mark.django_db
TODAY = date(2026, 3, 2)


def _dossier(gemeente, klantregisseur, brp):
    dossier = DossierFactory(
        gemeente=gemeente,
        klantregisseur=klantregisseur,
        datum_kennisgeving=date(2025, 10, 1),
        datum_brp_inschrijving=brp,
    )
    termijnen_recompute(dossier=dossier, today=TODAY)
    dossier.refresh_from_db()
    return dossier


@pytest.fixture
def three(gemeente_a, klantregisseur):
    overdue = _dossier(gemeente_a, klantregisseur, date(2025, 12, 1))  # due 9 Feb 2026
    soon = _dossier(gemeente_a, klantregisseur, date(2025, 12, 29))  # due 9 Mar 2026
    later = _dossier(gemeente_a, klantregisseur, date(2026, 2, 16))  # due 27 Apr → 28 Apr (Koningsdag)
    none = DossierFactory(gemeente=gemeente_a, klantregisseur=klantregisseur, datum_kennisgeving=None)
    return overdue, soon, later, none


def _shown(client, **params):
    response = client.get("/dossiers/", params)
    assert response.status_code == 200
    return [d.pk for d in response.context["rows"]]


@time_machine.travel(TODAY)
def test_default_order_is_overdue_first_then_nearest(kr_client, three):
    overdue, soon, later, none = three
    assert later.termijn_datum == date(2026, 4, 28)
    assert _shown(kr_client) == [overdue.pk, soon.pk, later.pk, none.pk]


@time_machine.travel(TODAY)
def test_filter_overdue_and_due_within_n_days(kr_client, three):
    overdue, soon, later, _ = three
    assert _shown(kr_client, termijn="verlopen") == [overdue.pk]
    assert _shown(kr_client, termijn="7") == [soon.pk]
    assert _shown(kr_client, termijn="60") == [soon.pk, later.pk]
    assert _shown(kr_client, termijn="onzin") == _shown(kr_client)  # an unknown value is ignored


@time_machine.travel(TODAY)
def test_werkvoorraad_cell_says_how_late(kr_client, three):
    html = kr_client.get("/dossiers/", {"termijn": "verlopen"}).content.decode()
    assert "21 dagen verlopen" in html and "PIP vaststellen" in html


@time_machine.travel(TODAY)
def test_dossier_page_shows_deadline_with_legal_basis(kr_client, three):
    overdue = three[0]
    html = kr_client.get(f"/dossiers/{overdue.pk}/").content.decode()
    assert 'id="termijnen"' in html
    assert "9 februari 2026" in html and "Verlopen" in html
    assert "Bi 5.3(1)" in html and "tien weken" in html and "https://wetten.overheid.nl/BWBR0045555" in html


@time_machine.travel(TODAY)
def test_export_has_the_deadline(kr_client, three):
    body = b"".join(kr_client.get("/dossiers/export.csv").streaming_content).decode()
    assert "2026-02-09;PIP vaststellen" in body


def test_teamleider_sees_how_many_pips_await_sign_off(verified_client, teamleider, klantregisseur, gemeente_a):
    from openinburgering.pip.factories import PipFactory

    PipFactory(dossier=DossierFactory(gemeente=gemeente_a), ter_accordering=True, drafted_by=klantregisseur)
    PipFactory(dossier=DossierFactory(gemeente=gemeente_a), ter_accordering=True, drafted_by=teamleider)  # own
    html = verified_client(teamleider).get("/dossiers/").content.decode()
    assert "1 PIP wacht op uw accordering" in html
    assert "accordering" not in verified_client(klantregisseur).get("/dossiers/").content.decode()
