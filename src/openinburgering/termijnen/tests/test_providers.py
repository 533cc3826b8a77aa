"""The apps above tell the deadline engine a dossier's facts (termijnen/providers.py); a gap or an overlap fails."""

from datetime import date

import pytest
import time_machine
from django.core.exceptions import ImproperlyConfigured

from openinburgering.dossiers.constants import Status
from openinburgering.dossiers.factories import DossierFactory
from openinburgering.intake.models import Oproep
from openinburgering.rules.enums import Doelgroep
from openinburgering.termijnen import providers
from openinburgering.termijnen.constants import Soort
from openinburgering.termijnen.models import Termijn
from openinburgering.termijnen.services import termijnen_recompute_all

pytestmark = pytest.mark.django_db


def test_the_facts_of_a_dossier_come_from_dossiers_intake_and_pip(gemeente_a):
    dossier = DossierFactory(
        gemeente=gemeente_a, datum_kennisgeving=date(2026, 1, 5), datum_brp_inschrijving=date(2026, 1, 26)
    )
    Oproep.objects.create(
        dossier=dossier, volgnummer=1, verzonden_op=date(2026, 2, 2), uiterste_datum=date(2026, 2, 16)
    )
    facts = providers.dossier_facts(dossier=dossier)
    assert facts.doelgroep == Doelgroep(dossier.doelgroep)
    assert (facts.kennisgeving, facts.brp_inschrijving) == (date(2026, 1, 5), date(2026, 1, 26))
    assert [(o.volgnummer, o.uiterste_datum) for o in facts.oproepen] == [(1, date(2026, 2, 16))]  # intake's
    assert facts.eerste_pip_dagtekening is None  # pip's: no PIP yet


def test_a_fact_provided_twice_is_refused(gemeente_a, monkeypatch):
    monkeypatch.setitem(providers._providers, "tweede-intake", lambda dossier: {"oproepen": ()})
    with pytest.raises(ImproperlyConfigured, match="oproepen"):
        providers.dossier_facts(dossier=DossierFactory(gemeente=gemeente_a))


def test_a_fact_no_app_provides_is_refused(gemeente_a, monkeypatch):
    monkeypatch.delitem(providers._providers, "pip")
    with pytest.raises(ImproperlyConfigured, match="eerste_pip_dagtekening"):
        providers.dossier_facts(dossier=DossierFactory(gemeente=gemeente_a))


def test_without_the_dossiers_app_registered_the_engine_refuses(gemeente_a, monkeypatch):
    monkeypatch.setattr(providers, "_owner", None)
    with pytest.raises(ImproperlyConfigured, match="dossier"):
        providers.dossier_facts(dossier=DossierFactory(gemeente=gemeente_a))


@time_machine.travel(date(2026, 2, 1))
def test_recompute_all_takes_the_open_dossiers_from_the_dossiers_app(gemeente_a):
    dates = {"datum_kennisgeving": date(2026, 1, 5), "datum_brp_inschrijving": date(2026, 1, 26)}
    open_ones = DossierFactory.create_batch(2, gemeente=gemeente_a, **dates)
    closed = DossierFactory(gemeente=gemeente_a, status=Status.AFGEROND, **dates)
    assert termijnen_recompute_all() == 2
    assert set(Termijn.objects.values_list("dossier_id", flat=True)) == {dossier.pk for dossier in open_ones}
    # The next deadline went back onto each dossier through the store the dossiers app registered.
    for dossier in open_ones:
        dossier.refresh_from_db()
        assert (dossier.termijn_datum, dossier.termijn_soort) == (date(2026, 4, 7), Soort.PIP_VASTSTELLEN)
    closed.refresh_from_db()
    assert closed.termijn_datum is None
