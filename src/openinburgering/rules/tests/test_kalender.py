"""The Algemene termijnenwet: golden cases around every holiday, and properties over all dates."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from openinburgering.rules.kalender import (
    GELIJKGESTELDE_DAGEN,
    TermLength,
    TermUnit,
    atw_applies,
    atw_feestdagen,
    is_working_day,
    koningsdag,
    term_end,
)
from openinburgering.rules.termijnen import BEZWAARTERMIJN, PIP_TERMIJN, bezwaartermijn_end, term_last_day

FEESTDAGEN = atw_feestdagen(range(2020, 2046))
SIX_WEEKS = TermLength(6, TermUnit.WEEKS)


@pytest.mark.parametrize(
    ("year", "expected"),
    [
        (2022, date(2022, 4, 27)),
        (2025, date(2025, 4, 26)),  # 27 April 2025 was a Sunday
        (2026, date(2026, 4, 27)),
        (2031, date(2031, 4, 26)),  # 27 April 2031 is a Sunday
        (2013, date(2013, 4, 30)),  # still Koninginnedag
    ],
)
def test_koningsdag(year, expected):
    assert koningsdag(year) == expected


def test_holidays_of_2026():
    holidays_2026 = sorted(d for d in FEESTDAGEN if d.year == 2026)
    assert holidays_2026 == [
        date(2026, 1, 1),
        date(2026, 1, 2),  # gelijkgesteld
        date(2026, 4, 3),  # Goede Vrijdag
        date(2026, 4, 6),  # Tweede Paasdag
        date(2026, 4, 27),  # Koningsdag
        date(2026, 5, 5),
        date(2026, 5, 14),  # Hemelvaartsdag
        date(2026, 5, 15),  # gelijkgesteld
        date(2026, 5, 25),  # Tweede Pinksterdag
        date(2026, 12, 25),
        date(2026, 12, 26),
    ]


@pytest.mark.parametrize(
    ("bekendmaking", "last_day", "why"),
    [
        (date(2026, 2, 23), date(2026, 4, 7), "ends on Tweede Paasdag (Monday 6 April)"),
        (date(2026, 2, 20), date(2026, 4, 7), "ends on Goede Vrijdag, then a weekend and Tweede Paasdag"),
        (date(2026, 3, 16), date(2026, 4, 28), "ends on Koningsdag (Monday 27 April 2026)"),
        (date(2025, 3, 15), date(2025, 4, 28), "ends on Saturday 26 April 2025, Koningsdag moved from Sunday"),
        (date(2026, 3, 24), date(2026, 5, 6), "ends on 5 May (Tuesday)"),
        (date(2028, 3, 24), date(2028, 5, 8), "5 May counts every year, not only in lustrum years (Friday)"),
        (date(2027, 3, 24), date(2027, 5, 10), "5 May, Hemelvaartsdag 6 May, gelijkgesteld 7 May, weekend"),
        (date(2026, 4, 2), date(2026, 5, 18), "Hemelvaartsdag, then the gelijkgestelde Friday and a weekend"),
        (date(2026, 4, 13), date(2026, 5, 26), "ends on Tweede Pinksterdag"),
        (date(2026, 11, 13), date(2026, 12, 28), "ends on Eerste Kerstdag, then Tweede Kerstdag (Saturday)"),
        (date(2026, 11, 20), date(2027, 1, 4), "ends on Nieuwjaarsdag (Friday)"),
        (date(2025, 11, 21), date(2026, 1, 5), "ends on 2 January 2026, made equal to a holiday"),
        (date(2026, 3, 2), date(2026, 4, 13), "ends on an ordinary Monday: not moved"),
    ],
)
def test_bezwaartermijn_golden(bekendmaking, last_day, why):
    assert bezwaartermijn_end(bekendmaking, feestdagen=FEESTDAGEN) == last_day, why


def test_pip_term_past_easter_monday():
    # Kennisgeving on Monday 26 January 2026: ten weeks later is Monday 6 April, Tweede Paasdag.
    assert term_last_day(date(2026, 1, 26), PIP_TERMIJN, feestdagen=FEESTDAGEN) == date(2026, 4, 7)


def test_two_working_days_rule():
    # A three-day term after Thursday 24 December 2026 holds Friday 25 and Saturday 26 (holidays) and
    # Sunday 27: Atw 1 moves it to Monday 28, which is only one working day; Atw 2 adds Tuesday 29.
    assert term_end(date(2026, 12, 24), TermLength(3, TermUnit.DAYS), feestdagen=FEESTDAGEN, atw=True) == date(
        2026, 12, 29
    )


@pytest.mark.parametrize(
    ("length", "applies"),
    [
        (TermLength(12, TermUnit.WEEKS), True),  # "not more than 12 weeks" includes 12
        (TermLength(13, TermUnit.WEEKS), False),
        (TermLength(3, TermUnit.MONTHS), True),
        (TermLength(4, TermUnit.MONTHS), False),
        (TermLength(90, TermUnit.DAYS), True),
        (TermLength(91, TermUnit.DAYS), False),
        (TermLength(1, TermUnit.YEARS), False),
    ],
)
def test_atw_exclusions(length, applies):
    assert atw_applies(length) is applies


def test_counted_backwards_is_never_moved():
    assert not atw_applies(SIX_WEEKS, backwards=True)


def test_gelijkgestelde_dagen_are_holidays_and_extendable():
    assert GELIJKGESTELDE_DAGEN.value <= FEESTDAGEN
    extra = date(2030, 5, 31)
    assert extra not in FEESTDAGEN
    assert not is_working_day(extra, feestdagen=atw_feestdagen([2030], extra=[extra]))


dates = st.dates(date(2022, 1, 1), date(2040, 12, 31))
atw_terms = st.one_of(
    st.builds(TermLength, st.integers(3, 90), st.just(TermUnit.DAYS)),
    st.builds(TermLength, st.integers(1, 12), st.just(TermUnit.WEEKS)),
    st.builds(TermLength, st.integers(1, 3), st.just(TermUnit.MONTHS)),
)
excluded_terms = st.one_of(
    st.builds(TermLength, st.integers(91, 2000), st.just(TermUnit.DAYS)),
    st.builds(TermLength, st.integers(13, 200), st.just(TermUnit.WEEKS)),
    st.builds(TermLength, st.integers(4, 48), st.just(TermUnit.MONTHS)),
    st.builds(TermLength, st.integers(1, 5), st.just(TermUnit.YEARS)),
)


@given(event=dates, length=atw_terms)
def test_atw_governed_term_never_ends_on_a_non_working_day(event, length):
    end = term_end(event, length, feestdagen=FEESTDAGEN, atw=True)
    raw = length.after(event)
    assert is_working_day(end, feestdagen=FEESTDAGEN)
    assert raw <= end <= raw + timedelta(days=6)
    working = [d for d in (event + timedelta(days=n) for n in range(1, (end - event).days + 1)) if d.weekday() < 5]
    assert len([d for d in working if d not in FEESTDAGEN]) >= 2


@given(event=dates, length=excluded_terms)
def test_excluded_terms_are_never_moved(event, length):
    assert term_end(event, length, feestdagen=FEESTDAGEN, atw=True) == length.after(event)


@given(event=dates)
def test_bezwaartermijn_ends_on_a_working_day(event):
    end = bezwaartermijn_end(event, feestdagen=FEESTDAGEN)
    assert is_working_day(end, feestdagen=FEESTDAGEN)
    assert BEZWAARTERMIJN.value.length.after(event) <= end


@given(event=dates, length=atw_terms)
def test_term_not_in_a_law_is_not_moved(event, length):
    assert term_end(event, length, feestdagen=FEESTDAGEN, atw=False) == length.after(event)


def test_every_rule_has_a_citation_a_dutch_page_can_show():
    from importlib import import_module
    from pkgutil import iter_modules

    import openinburgering.rules as rules_package
    from openinburgering.rules.base import Rule

    found = 0
    for info in iter_modules(rules_package.__path__):
        module = import_module(f"openinburgering.rules.{info.name}")
        for value in vars(module).values():
            if isinstance(value, Rule):
                found += 1
                assert ": " in value.source, value.source
                assert value.citation and len(value.citation) < 80, value.source
                assert value.source_url.startswith("https://"), value.source
    assert found > 30


@given(day=dates, length=st.one_of(atw_terms, excluded_terms))
def test_after_and_before_agree_with_relativedelta(day, length):
    assert length.after(day) == day + length.delta()
    assert length.before(day) == day - length.delta()
