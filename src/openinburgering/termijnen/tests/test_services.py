"""The deadline engine in the database: recomputed when facts change, stored for the werkvoorraad."""

from datetime import date

import pytest
import time_machine

from openinburgering.dossiers import services as dossier_services
from openinburgering.dossiers.constants import Status
from openinburgering.dossiers.factories import DossierFactory
from openinburgering.rules.enums import RedenGeenInburgeringsplicht
from openinburgering.rules.kalender import atw_feestdagen
from openinburgering.rules.termijnen import PIP_TERMIJN, term_last_day
from openinburgering.termijnen.constants import Soort, TermijnStatus
from openinburgering.termijnen.models import GelijkgesteldeDag, Termijn
from openinburgering.termijnen.services import termijnen_recompute

pytestmark = pytest.mark.django_db
FEESTDAGEN = atw_feestdagen(range(2024, 2032))


def _pip(dossier):
    return Termijn.objects.get(dossier=dossier, soort=Soort.PIP_VASTSTELLEN)


@time_machine.travel(date(2026, 2, 1))
def test_recompute_stores_the_pip_deadline_and_the_dossiers_next_deadline(gemeente_a):
    dossier = DossierFactory(
        gemeente=gemeente_a, datum_kennisgeving=date(2026, 1, 5), datum_brp_inschrijving=date(2026, 1, 26)
    )
    termijnen_recompute(dossier=dossier)
    termijn = _pip(dossier)
    assert termijn.uiterste_datum == date(2026, 4, 7)  # ten weeks is Tweede Paasdag: moved by the Atw
    assert termijn.status == TermijnStatus.OPEN and termijn.actie_nodig
    assert "Bi 5.3(1)" in termijn.grondslag and termijn.grondslag_url.startswith("https://wetten.overheid.nl/")
    dossier.refresh_from_db()
    assert (dossier.termijn_datum, dossier.termijn_soort) == (date(2026, 4, 7), Soort.PIP_VASTSTELLEN)


@time_machine.travel(date(2026, 2, 1))
def test_a_gelijkgestelde_dag_added_by_the_beheerder_moves_the_deadline(gemeente_a):
    dossier = DossierFactory(
        gemeente=gemeente_a, datum_kennisgeving=date(2026, 1, 5), datum_brp_inschrijving=date(2026, 1, 12)
    )
    termijnen_recompute(dossier=dossier)
    before = _pip(dossier).uiterste_datum
    assert before == term_last_day(date(2026, 1, 12), PIP_TERMIJN, feestdagen=FEESTDAGEN) == date(2026, 3, 23)
    GelijkgesteldeDag.objects.create(datum=before, besluit="Besluit gelijkstelling (test)")
    termijnen_recompute(dossier=dossier)
    assert _pip(dossier).uiterste_datum == date(2026, 3, 24)


@time_machine.travel(date(2026, 2, 1))
def test_changing_the_brp_date_recomputes(gemeente_a, klantregisseur):
    dossier = DossierFactory(gemeente=gemeente_a, datum_kennisgeving=date(2026, 1, 5))
    termijnen_recompute(dossier=dossier)
    assert not Termijn.objects.filter(dossier=dossier).exists()  # asielstatushouder not yet registered
    dossier_services.dossier_update_plicht(
        dossier=dossier, actor=klantregisseur, plicht={"datum_brp_inschrijving": date(2026, 1, 26)}
    )
    assert _pip(dossier).uiterste_datum == date(2026, 4, 7)


@time_machine.travel(date(2026, 5, 1))
def test_overdue_status_follows_today_without_a_recompute(gemeente_a):
    dossier = DossierFactory(
        gemeente=gemeente_a, datum_kennisgeving=date(2026, 1, 5), datum_brp_inschrijving=date(2026, 1, 26)
    )
    termijnen_recompute(dossier=dossier, today=date(2026, 2, 1))
    termijn = _pip(dossier)
    assert termijn.status == TermijnStatus.OPEN
    assert termijn.status_on(date(2026, 5, 1)) == TermijnStatus.VERLOPEN


@time_machine.travel(date(2026, 2, 1))
def test_closing_the_dossier_clears_its_deadlines(gemeente_a, klantregisseur):
    dossier = DossierFactory(
        gemeente=gemeente_a, datum_kennisgeving=date(2026, 1, 5), datum_brp_inschrijving=date(2026, 1, 26)
    )
    termijnen_recompute(dossier=dossier)
    dossier_services.dossier_transition(
        dossier=dossier,
        actor=klantregisseur,
        to=Status.BEEINDIGD,
        reden=RedenGeenInburgeringsplicht.VERTREK_UIT_NEDERLAND.value,
        einddatum=date(2026, 1, 31),
    )
    dossier.refresh_from_db()
    assert dossier.termijn_datum is None
    assert not Termijn.objects.filter(dossier=dossier).exists()
