"""The deadline engine (rules/dossiertermijnen.py): every boundary on both sides, with dates worked out by hand.

A deadline is met on its own last day: it goes overdue (actionable) or lapses (informative) the day after.
The dates come from the terms' sources: Bi 5.3(1) ten weeks, Bi 5.3(2) two weeks after the information from a
third party, Awb 6:7 six weeks, Bi 5.4 eighteen months, Wi 11 three years, the Atw for the ends that move.
"""

from datetime import date, timedelta

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
from openinburgering.rules.kalender import atw_feestdagen
from openinburgering.rules.termijnen import (
    BEZWAARTERMIJN,
    INBURGERINGSTERMIJN,
    OPROEP_TERMIJN,
    PIP_NA_INFORMATIE_DERDEN,
    PIP_TERMIJN,
    ROUTEWIJZIGING_TERMIJN,
)

FEESTDAGEN = atw_feestdagen(range(2020, 2046))
ASIEL = Doelgroep.ASIELSTATUSHOUDER
GEZIN = Doelgroep.GEZINSMIGRANT_EN_OVERIGE_MIGRANT
# Registered Monday 26 January 2026: ten weeks later is Monday 6 April 2026, Tweede Paasdag, so the
# PIP is due on Tuesday 7 April 2026 (Bi 5.3(1) with Atw 1).
REGISTERED = DossierFacts(doelgroep=ASIEL, kennisgeving=date(2026, 1, 5), brp_inschrijving=date(2026, 1, 26))
PIP_DUE = date(2026, 4, 7)


def kinds(facts: DossierFacts, today: date):
    return {d.kind: d for d in dossier_deadlines(facts, today=today, feestdagen=FEESTDAGEN)}


def pip(facts: DossierFacts, today: date):
    return kinds(facts, today)[DeadlineKind.PIP_VASTSTELLEN]


def with_(facts: DossierFacts, **changes) -> DossierFacts:
    return DossierFacts(**{**facts.__dict__, **changes})


# --- status: the last day itself is in time ----------------------------------------------------------


def test_pip_deadline_is_not_overdue_on_its_own_last_day():
    on_the_day = pip(REGISTERED, PIP_DUE)
    assert (on_the_day.due, on_the_day.status) == (PIP_DUE, DeadlineStatus.OPEN)
    day_after = pip(REGISTERED, PIP_DUE + timedelta(days=1))
    assert day_after.status == DeadlineStatus.OVERDUE
    assert next_deadline(list(kinds(REGISTERED, PIP_DUE + timedelta(days=1)).values())) == day_after


def test_bezwaar_term_is_open_on_its_last_day_and_lapses_after_it():
    # Bekendmaking Monday 2 March 2026: six weeks later is Monday 13 April 2026 (Awb 6:7, 6:8).
    facts = with_(REGISTERED, eerste_pip_dagtekening=date(2026, 3, 2), laatste_pip_bekendmaking=date(2026, 3, 2))
    on_the_day = kinds(facts, date(2026, 4, 13))[DeadlineKind.BEZWAAR_PIP]
    assert (on_the_day.due, on_the_day.status) == (date(2026, 4, 13), DeadlineStatus.OPEN)
    after = kinds(facts, date(2026, 4, 14))[DeadlineKind.BEZWAAR_PIP]
    assert after.status == DeadlineStatus.LAPSED
    assert not after.actionable and after.basis is BEZWAARTERMIJN
    assert after.params == {"bekendmaking": date(2026, 3, 2)}


def test_a_pip_set_on_the_last_day_is_in_time():
    in_time = pip(with_(REGISTERED, eerste_pip_dagtekening=PIP_DUE), date(2026, 5, 1))
    assert (in_time.status, in_time.met_on, in_time.late) == (DeadlineStatus.MET, PIP_DUE, False)
    late = pip(with_(REGISTERED, eerste_pip_dagtekening=PIP_DUE + timedelta(days=1)), date(2026, 5, 1))
    assert (late.status, late.late) == (DeadlineStatus.MET, True)
    early = pip(with_(REGISTERED, eerste_pip_dagtekening=PIP_DUE - timedelta(days=1)), date(2026, 5, 1))
    assert (early.status, early.late) == (DeadlineStatus.MET, False)


def test_only_a_deadline_met_after_its_last_day_is_late():
    # Summons answered on its last day, PIP set in time, bezwaar and the terms of Wi 11 and Bi 5.4 running.
    oproep = OproepFacts(1, date(2026, 2, 2), date(2026, 2, 16), OproepUitkomst.VERSCHENEN, date(2026, 2, 16))
    facts = with_(
        REGISTERED,
        oproepen=(oproep,),
        eerste_pip_dagtekening=date(2026, 3, 2),
        laatste_pip_bekendmaking=date(2026, 3, 2),
    )
    found = dossier_deadlines(facts, today=date(2026, 3, 3), feestdagen=FEESTDAGEN)
    assert len(found) == 5
    assert [d.late for d in found] == [False] * 5


def test_the_asiel_doelgroep_as_stored_waits_for_the_brp_registration():
    # Bi 5.3(1): an asielstatushouder's ten weeks start on the BRP registration; before it there is no PIP
    # deadline, also when the doelgroep comes from the database as the plain string DUO uses.
    waiting = with_(REGISTERED, brp_inschrijving=None)
    assert DeadlineKind.PIP_VASTSTELLEN not in kinds(with_(waiting, doelgroep="Asielstatushouder"), date(2026, 3, 1))
    assert pip(with_(waiting, doelgroep=GEZIN), date(2026, 3, 1)).params["start"] == date(2026, 1, 5)


def test_a_met_deadline_stays_met_while_the_clock_is_suspended():
    facts = with_(REGISTERED, information_requested=date(2026, 2, 2), eerste_pip_dagtekening=date(2026, 5, 4))
    found = pip(facts, date(2026, 6, 1))
    assert (found.due, found.status, found.late) == (None, DeadlineStatus.MET, False)


# --- Bi 5.3(2): information from a third party -----------------------------------------------------------


def test_information_requested_on_the_last_day_of_the_ten_weeks_suspends_the_clock():
    found = pip(with_(REGISTERED, information_requested=PIP_DUE), date(2026, 5, 1))
    assert (found.due, found.status) == (None, DeadlineStatus.SUSPENDED)
    assert found.basis is PIP_NA_INFORMATIE_DERDEN  # the clock stands still under Bi 5.3(2)
    assert found.params == {"start": date(2026, 1, 26), "regular_end": PIP_DUE}


def test_information_requested_the_day_after_the_ten_weeks_does_not_count():
    found = pip(with_(REGISTERED, information_requested=PIP_DUE + timedelta(days=1)), date(2026, 5, 1))
    assert (found.due, found.status) == (PIP_DUE, DeadlineStatus.OVERDUE)


def test_two_weeks_after_the_information_arrives():
    # Received Tuesday 7 April 2026 (the last day of the ten weeks): due Tuesday 21 April 2026.
    facts = with_(REGISTERED, information_requested=date(2026, 2, 2), information_received=date(2026, 4, 7))
    found = pip(facts, date(2026, 4, 21))
    assert (found.due, found.status) == (date(2026, 4, 21), DeadlineStatus.OPEN)
    assert found.basis is PIP_NA_INFORMATIE_DERDEN
    assert found.params["regular_end"] == PIP_DUE
    assert pip(facts, date(2026, 4, 22)).status == DeadlineStatus.OVERDUE


def test_information_arriving_two_weeks_before_the_end_keeps_the_regular_basis():
    # Received Tuesday 24 March 2026: two weeks later is 7 April, the regular end itself: no extension.
    facts = with_(REGISTERED, information_requested=date(2026, 2, 2), information_received=date(2026, 3, 24))
    found = pip(facts, date(2026, 4, 1))
    assert (found.due, found.basis) == (PIP_DUE, PIP_TERMIJN)
    # One day later (Wednesday 25 March → 8 April) the two weeks reach past the ten: Bi 5.3(2) is the basis.
    later = pip(with_(facts, information_received=date(2026, 3, 25)), date(2026, 4, 1))
    assert (later.due, later.basis) == (date(2026, 4, 8), PIP_NA_INFORMATIE_DERDEN)


# --- when the PIP clock starts (Bi 5.3(1)) ------------------------------------------------------------


def test_gezinsmigrant_clock_starts_at_the_kennisgeving_without_registration():
    # Kennisgeving Monday 5 January 2026: ten weeks later is Monday 16 March 2026.
    facts = DossierFacts(doelgroep=GEZIN, kennisgeving=date(2026, 1, 5))
    assert pip(facts, date(2026, 2, 1)).due == date(2026, 3, 16)


def test_asielstatushouder_clock_waits_for_registration():
    facts = DossierFacts(doelgroep=ASIEL, kennisgeving=date(2026, 1, 5))
    assert DeadlineKind.PIP_VASTSTELLEN not in kinds(facts, date(2026, 2, 1))


def test_no_kennisgeving_no_pip_deadline():
    assert dossier_deadlines(DossierFacts(doelgroep=GEZIN), today=date(2026, 2, 1), feestdagen=FEESTDAGEN) == []


def test_closed_dossier_keeps_its_pip_deadline_once_a_pip_was_set():
    facts = with_(REGISTERED, is_open=False, eerste_pip_dagtekening=date(2026, 3, 2))
    assert pip(facts, date(2026, 6, 1)).status == DeadlineStatus.MET
    assert DeadlineKind.PIP_VASTSTELLEN not in kinds(with_(REGISTERED, is_open=False), date(2026, 6, 1))


# --- the summons of the brede intake ------------------------------------------------------------------

FIRST = OproepFacts(1, date(2026, 2, 2), date(2026, 2, 16), OproepUitkomst.NIET_VERSCHENEN, date(2026, 2, 16))
SECOND = OproepFacts(2, date(2026, 2, 20), date(2026, 3, 6))


def test_the_latest_summons_counts_whatever_the_order():
    for oproepen in ((FIRST, SECOND), (SECOND, FIRST)):
        found = kinds(with_(REGISTERED, oproepen=oproepen), date(2026, 3, 1))[DeadlineKind.OPROEP_BREDE_INTAKE]
        assert found.params == {"volgnummer": 2, "uitkomst": ""}
        assert found.due == date(2026, 3, 6) and found.basis is OPROEP_TERMIJN


def test_summons_is_not_overdue_on_its_own_day():
    facts = with_(REGISTERED, oproepen=(FIRST, SECOND))
    assert kinds(facts, date(2026, 3, 6))[DeadlineKind.OPROEP_BREDE_INTAKE].status == DeadlineStatus.OPEN
    assert kinds(facts, date(2026, 3, 7))[DeadlineKind.OPROEP_BREDE_INTAKE].status == DeadlineStatus.OVERDUE


def test_summons_with_an_outcome_is_met():
    facts = with_(REGISTERED, oproepen=(FIRST,))
    found = kinds(facts, date(2026, 3, 1))[DeadlineKind.OPROEP_BREDE_INTAKE]
    assert (found.status, found.met_on) == (DeadlineStatus.MET, date(2026, 2, 16))
    assert found.params == {"volgnummer": 1, "uitkomst": OproepUitkomst.NIET_VERSCHENEN}


def test_closed_dossier_drops_an_open_summons_but_keeps_an_answered_one():
    assert DeadlineKind.OPROEP_BREDE_INTAKE not in kinds(
        with_(REGISTERED, is_open=False, oproepen=(FIRST, SECOND)), date(2026, 3, 1)
    )
    closed = kinds(with_(REGISTERED, is_open=False, oproepen=(FIRST,)), date(2026, 3, 1))
    assert closed[DeadlineKind.OPROEP_BREDE_INTAKE].status == DeadlineStatus.MET


# --- the inburgeringstermijn and the route-change window ------------------------------------------------


def test_terms_computed_from_the_first_pip():
    # Dagtekening Friday 10 April 2026: the term starts Saturday 11 April 2026 (Wi 11(1)); the route can be
    # changed until 10 October 2027 (Bi 5.4(1), eighteen months), the term's last day is 10 April 2029.
    facts = with_(REGISTERED, eerste_pip_dagtekening=date(2026, 4, 10))
    found = kinds(facts, date(2026, 5, 1))
    route, termijn = found[DeadlineKind.ROUTEWIJZIGING], found[DeadlineKind.INBURGERINGSTERMIJN]
    assert (route.due, route.basis, route.params) == (
        date(2027, 10, 10),
        ROUTEWIJZIGING_TERMIJN,
        {"start": date(2026, 4, 11)},
    )
    assert (termijn.due, termijn.basis) == (date(2029, 4, 10), INBURGERINGSTERMIJN)
    assert not route.actionable and not termijn.actionable
    assert kinds(facts, date(2027, 10, 10))[DeadlineKind.ROUTEWIJZIGING].status == DeadlineStatus.OPEN
    assert kinds(facts, date(2027, 10, 11))[DeadlineKind.ROUTEWIJZIGING].status == DeadlineStatus.LAPSED


def test_duos_termijn_wins_over_the_computed_one():
    # DUO extended the term (SS103): start 11 April 2026, einddatum 11 October 2029 (exclusive).
    facts = with_(
        REGISTERED,
        eerste_pip_dagtekening=date(2026, 4, 10),
        duo_termijn_start=date(2026, 4, 11),
        duo_termijn_einde=date(2029, 10, 11),
    )
    found = kinds(facts, date(2026, 5, 1))
    assert found[DeadlineKind.INBURGERINGSTERMIJN].due == date(2029, 10, 10)
    assert found[DeadlineKind.ROUTEWIJZIGING].due == date(2027, 10, 10)


def test_duos_termijn_needs_both_dates():
    # Only a start from DUO (no einddatum yet): the term is still computed from the first PIP.
    facts = with_(REGISTERED, eerste_pip_dagtekening=date(2026, 4, 10), duo_termijn_start=date(2026, 5, 1))
    found = kinds(facts, date(2026, 5, 2))
    assert found[DeadlineKind.INBURGERINGSTERMIJN].due == date(2029, 4, 10)
    only_end = with_(REGISTERED, duo_termijn_einde=date(2029, 10, 11))
    assert DeadlineKind.INBURGERINGSTERMIJN not in kinds(only_end, date(2026, 5, 2))


def test_duos_termijn_without_a_pip_of_ours():
    # A person who moved in with the previous gemeente's PIP (SS121): DUO's termijn alone.
    facts = with_(REGISTERED, duo_termijn_start=date(2025, 6, 2), duo_termijn_einde=date(2028, 6, 2))
    found = kinds(facts, date(2026, 5, 2))
    assert found[DeadlineKind.INBURGERINGSTERMIJN].due == date(2028, 6, 1)
    assert found[DeadlineKind.ROUTEWIJZIGING].due == date(2026, 12, 1)


# --- order and the next deadline ------------------------------------------------------------------------


def test_deadlines_are_ordered_by_due_date_with_suspended_ones_last():
    facts = with_(
        REGISTERED,
        information_requested=date(2026, 2, 2),
        oproepen=(SECOND,),
        eerste_pip_dagtekening=None,
        duo_termijn_start=date(2026, 4, 11),
        duo_termijn_einde=date(2029, 4, 11),
        laatste_pip_bekendmaking=date(2026, 3, 2),
    )
    found = dossier_deadlines(facts, today=date(2026, 3, 1), feestdagen=FEESTDAGEN)
    assert [d.kind for d in found] == [
        DeadlineKind.OPROEP_BREDE_INTAKE,  # 6 March 2026
        DeadlineKind.BEZWAAR_PIP,  # 13 April 2026
        DeadlineKind.ROUTEWIJZIGING,  # 10 October 2027
        DeadlineKind.INBURGERINGSTERMIJN,  # 10 April 2029
        DeadlineKind.PIP_VASTSTELLEN,  # suspended: no due date
    ]


def test_equal_due_dates_are_ordered_by_kind():
    # A summons due on the PIP's last day: "oproep_brede_intake" sorts before "pip_vaststellen".
    oproep = OproepFacts(1, date(2026, 3, 24), PIP_DUE)
    found = dossier_deadlines(with_(REGISTERED, oproepen=(oproep,)), today=date(2026, 4, 1), feestdagen=FEESTDAGEN)
    assert [d.kind for d in found] == [DeadlineKind.OPROEP_BREDE_INTAKE, DeadlineKind.PIP_VASTSTELLEN]


def test_next_deadline_is_the_earliest_open_or_overdue_actionable_one():
    facts = with_(REGISTERED, oproepen=(SECOND,))
    found = dossier_deadlines(facts, today=date(2026, 3, 10), feestdagen=FEESTDAGEN)
    chosen = next_deadline(found)
    assert chosen is not None and chosen.kind == DeadlineKind.OPROEP_BREDE_INTAKE  # overdue since 7 March
    answered = OproepFacts(2, date(2026, 2, 20), date(2026, 3, 6), OproepUitkomst.VERSCHENEN, date(2026, 3, 6))
    found = dossier_deadlines(with_(facts, oproepen=(answered,)), today=date(2026, 3, 10), feestdagen=FEESTDAGEN)
    chosen = next_deadline(found)
    assert chosen is not None and chosen.kind == DeadlineKind.PIP_VASTSTELLEN


def test_next_deadline_is_the_earliest_whatever_the_order_given():
    facts = with_(REGISTERED, oproepen=(SECOND,))
    found = dossier_deadlines(facts, today=date(2026, 3, 10), feestdagen=FEESTDAGEN)
    chosen = next_deadline(list(reversed(found)))
    assert chosen is not None and chosen.kind == DeadlineKind.OPROEP_BREDE_INTAKE


def test_informative_terms_are_never_the_next_deadline():
    facts = with_(REGISTERED, eerste_pip_dagtekening=date(2026, 3, 2), laatste_pip_bekendmaking=date(2026, 3, 2))
    assert next_deadline(dossier_deadlines(facts, today=date(2026, 3, 3), feestdagen=FEESTDAGEN)) is None
    assert next_deadline([]) is None


@given(today=st.dates(date(2026, 1, 1), date(2030, 12, 31)))
def test_status_follows_the_last_day(today):
    facts = with_(REGISTERED, laatste_pip_bekendmaking=date(2026, 3, 2))
    found = kinds(facts, today)
    assert found[DeadlineKind.PIP_VASTSTELLEN].status == (
        DeadlineStatus.OVERDUE if today > PIP_DUE else DeadlineStatus.OPEN
    )
    assert found[DeadlineKind.BEZWAAR_PIP].status == (
        DeadlineStatus.LAPSED if today > date(2026, 4, 13) else DeadlineStatus.OPEN
    )
