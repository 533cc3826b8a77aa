"""The terms of the chain and the deadline engine, without a database."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from openinburgering.rules.dossiertermijnen import (
    DeadlineKind,
    DeadlineStatus,
    DossierFacts,
    OproepFacts,
    dossier_deadlines,
    next_deadline,
)
from openinburgering.rules.enums import Doelgroep
from openinburgering.rules.intake import OproepUitkomst
from openinburgering.rules.kalender import atw_feestdagen, is_working_day, period_last_day
from openinburgering.rules.termijnen import (
    INBURGERINGSTERMIJN,
    PIP_NA_INFORMATIE_DERDEN,
    PIP_TERMIJN,
    ROUTEWIJZIGING_TERMIJN,
    inburgeringstermijn,
    oproep_last_day,
    pip_deadline,
    pip_termijn_start,
    term_last_day,
)

FEESTDAGEN = atw_feestdagen(range(2020, 2046))
dates = st.dates(date(2022, 1, 1), date(2040, 12, 31))


def test_pip_clock_starts_at_the_later_of_kennisgeving_and_registration():
    assert pip_termijn_start(
        kennisgeving=date(2026, 1, 5), brp_inschrijving=date(2026, 3, 2), awaiting_registration=True
    ) == date(2026, 3, 2)
    assert pip_termijn_start(
        kennisgeving=date(2026, 3, 5), brp_inschrijving=date(2026, 3, 2), awaiting_registration=True
    ) == date(2026, 3, 5)


def test_pip_clock_waits_for_registration_of_an_asielstatushouder():
    assert pip_termijn_start(kennisgeving=date(2026, 1, 5), brp_inschrijving=None, awaiting_registration=True) is None
    assert pip_termijn_start(kennisgeving=date(2026, 1, 5), brp_inschrijving=None, awaiting_registration=False) == date(
        2026, 1, 5
    )


def test_information_from_a_third_party_suspends_then_allows_two_weeks():
    start = date(2026, 1, 5)
    regular = term_last_day(start, PIP_TERMIJN, feestdagen=FEESTDAGEN)
    waiting = pip_deadline(start=start, information_requested=date(2026, 2, 1), feestdagen=FEESTDAGEN)
    assert waiting.end is None and waiting.regular_end == regular
    received = date(2026, 3, 10)
    done = pip_deadline(
        start=start, information_requested=date(2026, 2, 1), information_received=received, feestdagen=FEESTDAGEN
    )
    assert done.end == term_last_day(received, PIP_NA_INFORMATIE_DERDEN, feestdagen=FEESTDAGEN)
    assert done.extended


def test_information_received_early_does_not_shorten_the_term():
    start = date(2026, 1, 5)
    early = pip_deadline(
        start=start,
        information_requested=date(2026, 1, 10),
        information_received=date(2026, 1, 20),
        feestdagen=FEESTDAGEN,
    )
    assert early.end == early.regular_end and not early.extended


def test_information_asked_after_the_term_does_not_count():
    start = date(2026, 1, 5)
    late = pip_deadline(start=start, information_requested=date(2026, 6, 1), feestdagen=FEESTDAGEN)
    assert late.end == late.regular_end


@given(start=dates, wait=st.integers(0, 69), took=st.integers(0, 200))
def test_pip_deadline_is_a_working_day_and_never_before_ten_weeks(start, wait, took):
    requested = start + timedelta(days=wait)
    clock = pip_deadline(
        start=start,
        information_requested=requested,
        information_received=requested + timedelta(days=took),
        feestdagen=FEESTDAGEN,
    )
    assert clock.end is not None
    assert is_working_day(clock.end, feestdagen=FEESTDAGEN)
    assert clock.end >= clock.regular_end >= PIP_TERMIJN.value.length.after(start)


@pytest.mark.parametrize(
    ("dagtekening", "start", "last_day"),
    [
        (date(2026, 3, 10), date(2026, 3, 11), date(2029, 3, 10)),
        (date(2024, 2, 29), date(2024, 3, 1), date(2027, 2, 28)),
        (date(2026, 6, 5), date(2026, 6, 6), date(2029, 6, 5)),  # a Tuesday; years: never moved by the Atw
    ],
)
def test_inburgeringstermijn(dagtekening, start, last_day):
    termijn = inburgeringstermijn(dagtekening)
    assert (termijn.start, termijn.last_day) == (start, last_day)
    assert termijn.duo_einddatum == last_day + timedelta(days=1)  # DUO's einddatum is exclusive


@given(dagtekening=dates)
def test_inburgeringstermijn_is_three_years_and_not_moved(dagtekening):
    termijn = inburgeringstermijn(dagtekening)
    assert termijn.last_day == period_last_day(termijn.start, INBURGERINGSTERMIJN.value.length)
    assert termijn.start < termijn.route_change_last_day() < termijn.last_day
    assert termijn.route_change_last_day() == period_last_day(termijn.start, ROUTEWIJZIGING_TERMIJN.value.length)


@given(sent=dates)
def test_oproep_never_ends_on_a_non_working_day(sent):
    assert is_working_day(oproep_last_day(sent, feestdagen=FEESTDAGEN), feestdagen=FEESTDAGEN)


# --- the deadline engine ---------------------------------------------------------------------

ASIEL = Doelgroep.ASIELSTATUSHOUDER


def _kinds(deadlines):
    return {d.kind: d for d in deadlines}


def test_new_dossier_has_an_open_pip_deadline():
    facts = DossierFacts(doelgroep=ASIEL, kennisgeving=date(2026, 1, 5), brp_inschrijving=date(2026, 1, 26))
    found = _kinds(dossier_deadlines(facts, today=date(2026, 2, 1), feestdagen=FEESTDAGEN))
    pip = found[DeadlineKind.PIP_VASTSTELLEN]
    assert pip.due == date(2026, 4, 7)  # ten weeks after 26 January is Tweede Paasdag
    assert pip.status == DeadlineStatus.OPEN and pip.actionable
    assert next_deadline(list(found.values())) == pip


def test_pip_deadline_overdue_then_met_late():
    facts = DossierFacts(doelgroep=ASIEL, kennisgeving=date(2026, 1, 5), brp_inschrijving=date(2026, 1, 26))
    overdue = _kinds(dossier_deadlines(facts, today=date(2026, 4, 8), feestdagen=FEESTDAGEN))
    assert overdue[DeadlineKind.PIP_VASTSTELLEN].status == DeadlineStatus.OVERDUE

    met = DossierFacts(
        doelgroep=ASIEL,
        kennisgeving=date(2026, 1, 5),
        brp_inschrijving=date(2026, 1, 26),
        eerste_pip_dagtekening=date(2026, 4, 10),
        laatste_pip_bekendmaking=date(2026, 4, 10),
    )
    found = _kinds(dossier_deadlines(met, today=date(2026, 4, 12), feestdagen=FEESTDAGEN))
    assert found[DeadlineKind.PIP_VASTSTELLEN].status == DeadlineStatus.MET
    assert found[DeadlineKind.PIP_VASTSTELLEN].late
    assert found[DeadlineKind.BEZWAAR_PIP].status == DeadlineStatus.OPEN
    assert not found[DeadlineKind.BEZWAAR_PIP].actionable
    assert found[DeadlineKind.INBURGERINGSTERMIJN].due == date(2029, 4, 10)
    assert next_deadline(list(found.values())) is None


def test_informative_terms_lapse_instead_of_going_overdue():
    facts = DossierFacts(
        doelgroep=ASIEL,
        kennisgeving=date(2026, 1, 5),
        brp_inschrijving=date(2026, 1, 26),
        eerste_pip_dagtekening=date(2026, 3, 2),
        laatste_pip_bekendmaking=date(2026, 3, 2),
    )
    found = _kinds(dossier_deadlines(facts, today=date(2026, 6, 1), feestdagen=FEESTDAGEN))
    assert found[DeadlineKind.BEZWAAR_PIP].status == DeadlineStatus.LAPSED


def test_waiting_for_registration_has_no_pip_deadline_yet():
    facts = DossierFacts(doelgroep=ASIEL, kennisgeving=date(2026, 1, 5))
    assert DeadlineKind.PIP_VASTSTELLEN not in _kinds(
        dossier_deadlines(facts, today=date(2026, 2, 1), feestdagen=FEESTDAGEN)
    )


def test_suspended_pip_deadline_is_not_the_next_deadline():
    facts = DossierFacts(
        doelgroep=Doelgroep.GEZINSMIGRANT_EN_OVERIGE_MIGRANT,
        kennisgeving=date(2026, 1, 5),
        information_requested=date(2026, 2, 2),
    )
    deadlines = dossier_deadlines(facts, today=date(2026, 5, 1), feestdagen=FEESTDAGEN)
    assert _kinds(deadlines)[DeadlineKind.PIP_VASTSTELLEN].status == DeadlineStatus.SUSPENDED
    assert next_deadline(deadlines) is None


def test_latest_summons_without_outcome_goes_overdue():
    oproepen = (
        OproepFacts(1, date(2026, 2, 2), date(2026, 2, 16), OproepUitkomst.NIET_VERSCHENEN, date(2026, 2, 16)),
        OproepFacts(2, date(2026, 2, 20), date(2026, 3, 6)),
    )
    facts = DossierFacts(
        doelgroep=ASIEL, kennisgeving=date(2026, 1, 5), brp_inschrijving=date(2026, 1, 26), oproepen=oproepen
    )
    deadlines = dossier_deadlines(facts, today=date(2026, 3, 9), feestdagen=FEESTDAGEN)
    oproep = _kinds(deadlines)[DeadlineKind.OPROEP_BREDE_INTAKE]
    assert oproep.status == DeadlineStatus.OVERDUE and oproep.params["volgnummer"] == 2
    assert next_deadline(deadlines) == oproep  # due before the PIP's ten weeks


def test_closed_dossier_without_pip_has_no_deadlines():
    facts = DossierFacts(
        doelgroep=ASIEL, is_open=False, kennisgeving=date(2026, 1, 5), brp_inschrijving=date(2026, 1, 26)
    )
    assert dossier_deadlines(facts, today=date(2026, 6, 1), feestdagen=FEESTDAGEN) == []


@given(kennisgeving=dates, registered_after=st.integers(0, 300), today_offset=st.integers(0, 400))
def test_engine_pip_deadline_is_ten_weeks_after_the_later_start(kennisgeving, registered_after, today_offset):
    brp = kennisgeving + timedelta(days=registered_after)
    facts = DossierFacts(doelgroep=ASIEL, kennisgeving=kennisgeving, brp_inschrijving=brp)
    pip = _kinds(dossier_deadlines(facts, today=brp + timedelta(days=today_offset), feestdagen=FEESTDAGEN))[
        DeadlineKind.PIP_VASTSTELLEN
    ]
    assert pip.due == term_last_day(brp, PIP_TERMIJN, feestdagen=FEESTDAGEN)
    assert pip.status == (
        DeadlineStatus.OVERDUE if brp + timedelta(days=today_offset) > pip.due else DeadlineStatus.OPEN
    )
