"""Completing the brede intake (rules.intake.brede_intake_complete_violations), written from the law.

Wi 14(2) and 22: after three summonses without appearance or cooperation the college completes the
intake without the person. Wi 14(3) and Bi 5.2(1): the statutory parts, health among the personal
circumstances (5.2(1)(c)) and the leerbaarheidstoets or its exemption (Wi 14(3)(a), (6)). Bi 5.2(2):
the person is told the conversations can be held alone.
"""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from openinburgering.rules.intake import (
    OPROEP_OVERTREDINGEN,
    AfrondingFeiten,
    IntakeOnderdeel,
    LaatsteOproep,
    OproepUitkomst,
    brede_intake_complete_violations,
)
from openinburgering.rules.termijnen import BREDE_INTAKE_OPROEPEN

TODAY = date(2026, 3, 10)
BEGIN = date(2025, 6, 1)


def feiten(**overrides):
    values = {
        "completed_at": TODAY,
        "today": TODAY,
        "plicht_begindatum": BEGIN,
        "started_at": date(2026, 1, 15),
        "laatste_oproep": LaatsteOproep(1, OproepUitkomst.VERSCHENEN, date(2026, 1, 15)),
        "alleen_gesprek_gemeld": True,
        "onderdelen_ontbrekend": (),
        "gezondheid_vastgelegd": True,
        "lbt_afgehandeld": True,
    }
    return AfrondingFeiten(**{**values, **overrides})


def codes(f):
    return [v.code for v in brede_intake_complete_violations(f)]


def test_a_complete_intake_can_be_completed():
    assert codes(feiten()) == []


def test_an_intake_completed_before_is_only_that():
    assert codes(feiten(afgerond=True, alleen_gesprek_gemeld=False, completed_at=TODAY + timedelta(days=9))) == [
        "afgerond"
    ]


def test_the_date_of_completion_on_both_sides_of_today_the_duty_and_the_start():
    assert codes(feiten(completed_at=TODAY + timedelta(days=1))) == ["afronding_toekomst"]
    assert codes(feiten(completed_at=TODAY)) == []
    assert codes(feiten(completed_at=BEGIN, started_at=None)) == []
    assert codes(feiten(completed_at=BEGIN - timedelta(days=1), started_at=None)) == ["afronding_voor_plicht"]
    assert codes(feiten(completed_at=date(2026, 1, 15))) == []
    assert codes(feiten(completed_at=date(2026, 1, 14))) == ["afronding_voor_start"]


def test_what_is_missing_is_each_named():
    found = brede_intake_complete_violations(
        feiten(
            laatste_oproep=LaatsteOproep(2, None),
            alleen_gesprek_gemeld=False,
            onderdelen_ontbrekend=(IntakeOnderdeel.VVE, IntakeOnderdeel.TAALNIVEAU),
            gezondheid_vastgelegd=False,
            lbt_afgehandeld=False,
        )
    )
    assert [(v.code, v.field) for v in found] == [
        ("uitkomst_ontbreekt", "oproepen"),
        ("alleen_gesprek_niet_gemeld", "alleen_gesprek_gemeld"),
        ("onderdeel_ontbreekt", "vve"),
        ("onderdeel_ontbreekt", "taalniveau"),
        ("gezondheid_ontbreekt", "gezondheid"),
        ("lbt_ontbreekt", "leerbaarheidstoets"),
    ]
    assert found[0].params == {"n": 2}


@given(
    missing=st.lists(st.sampled_from(list(IntakeOnderdeel)), unique=True),
    alleen=st.booleans(),
    gezondheid=st.booleans(),
    lbt=st.booleans(),
)
def test_a_violation_exactly_for_each_missing_part(missing, alleen, gezondheid, lbt):
    found = brede_intake_complete_violations(
        feiten(
            onderdelen_ontbrekend=tuple(missing),
            alleen_gesprek_gemeld=alleen,
            gezondheid_vastgelegd=gezondheid,
            lbt_afgehandeld=lbt,
        )
    )
    assert [v.field for v in found if v.code == "onderdeel_ontbreekt"] == [o.value for o in missing]
    assert ("alleen_gesprek_niet_gemeld" in {v.code for v in found}) == (not alleen)
    assert ("gezondheid_ontbreekt" in {v.code for v in found}) == (not gezondheid)
    assert ("lbt_ontbreekt" in {v.code for v in found}) == (not lbt)


# --- without the person: Wi 14(2) ---------------------------------------------------------------


def zonder(volgnummer, uitkomst, uitkomst_op=date(2026, 3, 2), **overrides):
    return feiten(zonder_medewerking=True, laatste_oproep=LaatsteOproep(volgnummer, uitkomst, uitkomst_op), **overrides)


def test_three_summonses_are_the_law():
    assert BREDE_INTAKE_OPROEPEN.value == 3
    assert OPROEP_OVERTREDINGEN.value == {OproepUitkomst.NIET_VERSCHENEN, OproepUitkomst.ONVOLDOENDE_MEEGEWERKT}


@pytest.mark.parametrize("uitkomst", [OproepUitkomst.NIET_VERSCHENEN, OproepUitkomst.ONVOLDOENDE_MEEGEWERKT])
def test_without_the_person_after_the_third_summons_not_the_second(uitkomst):
    assert codes(zonder(3, uitkomst)) == []
    found = brede_intake_complete_violations(zonder(2, uitkomst))
    assert [(v.code, v.field, v.params) for v in found] == [("not_after_oproepen", "zonder_medewerking", {"max": 3})]


@pytest.mark.parametrize("uitkomst", [OproepUitkomst.VERSCHENEN, OproepUitkomst.AFGEMELD_MET_REDEN, None])
def test_without_the_person_only_when_the_last_summons_was_an_overtreding(uitkomst):
    assert codes(zonder(3, uitkomst)) == ["not_after_oproepen"]


def test_without_the_person_never_without_a_summons():
    assert codes(feiten(zonder_medewerking=True, laatste_oproep=None)) == ["not_after_oproepen"]


def test_without_the_person_not_before_the_last_outcome():
    assert codes(zonder(3, OproepUitkomst.NIET_VERSCHENEN, uitkomst_op=TODAY)) == []
    found = brede_intake_complete_violations(
        zonder(3, OproepUitkomst.NIET_VERSCHENEN, uitkomst_op=TODAY + timedelta(1))
    )
    # The outcome lies after the date of completion (and today): the later outcome is named.
    assert [v.code for v in found] == ["afronding_voor_uitkomst"]
    assert found[0].params == {"n": 3, "datum": TODAY + timedelta(1)}


def test_without_the_person_an_outcome_without_a_date_does_not_block():
    assert codes(zonder(3, OproepUitkomst.NIET_VERSCHENEN, uitkomst_op=None)) == []


def test_no_summons_yet_is_no_missing_outcome():
    assert codes(feiten(laatste_oproep=None)) == []


def test_without_the_person_the_parts_are_not_asked_for():
    f = zonder(3, OproepUitkomst.ONVOLDOENDE_MEEGEWERKT, alleen_gesprek_gemeld=False, lbt_afgehandeld=False)
    assert codes(f) == []


@given(volgnummer=st.integers(1, 6), uitkomst=st.sampled_from([*OproepUitkomst, None]))
def test_without_the_person_exactly_when_the_law_allows(volgnummer, uitkomst):
    allowed = volgnummer >= 3 and uitkomst in OPROEP_OVERTREDINGEN.value
    assert ("not_after_oproepen" not in codes(zonder(volgnummer, uitkomst))) == allowed


def test_nothing_is_taken_as_done_that_was_not_recorded():
    # Wi 14(3), Bi 5.2(1)(c) and (2), Wi 14(3)(a): an intake with nothing recorded misses the notice that the
    # conversations can be held alone, the health part and the leerbaarheidstoets; it is not completed
    # already, and not completed without the person (that needs the summonses of Wi 14(2)).
    bare = AfrondingFeiten(completed_at=TODAY, today=TODAY, plicht_begindatum=BEGIN)
    assert codes(bare) == ["alleen_gesprek_niet_gemeld", "gezondheid_ontbreekt", "lbt_ontbreekt"]
