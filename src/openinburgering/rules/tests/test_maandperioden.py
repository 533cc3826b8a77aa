"""Periods counted in months (issue 11, part 3): golden cases and properties against an independent oracle.

The oracle below does not call `period_last_day`: it walks the calendar day by day and counts the
"monthly anniversaries" of the first day (the day with the same number, or the first of the next month
when a month has no such day); the period ends the day before the N-th anniversary.
"""

from calendar import monthrange
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from openinburgering.rules.kalender import TermLength, TermUnit, period_last_day
from openinburgering.rules.ontzorgen import ontzorgen_last_day
from openinburgering.rules.termijnen import Inburgeringstermijn, inburgeringstermijn


def _is_anniversary(day: date, first_day: date) -> bool:
    if day.day == first_day.day:
        return True
    previous_month_end = day - timedelta(days=1)
    # A month too short for the first day's number: its anniversary falls on the next month's first day.
    return day.day == 1 and previous_month_end.day < first_day.day


def oracle_last_day(first_day: date, months: int) -> date:
    day, seen = first_day, 0
    while True:
        day += timedelta(days=1)
        if _is_anniversary(day, first_day):
            seen += 1
            if seen == months:
                return day - timedelta(days=1)


def _termijn(start: date) -> Inburgeringstermijn:
    return Inburgeringstermijn(start=start, last_day=start, duo_einddatum=start)  # only its start is used


# --- golden cases, as issue 11 states them ------------------------------------------------------


@pytest.mark.parametrize(
    ("bijstand_start", "last_day"),
    [
        (date(2026, 7, 1), date(2026, 12, 31)),  # was 30 December
        (date(2026, 3, 1), date(2026, 8, 31)),  # was 28 August
        (date(2026, 8, 31), date(2027, 2, 28)),  # no 31 February: the month's last day
        (date(2027, 8, 31), date(2028, 2, 29)),
        (date(2026, 1, 1), date(2026, 6, 30)),
        (date(2026, 3, 15), date(2026, 9, 14)),
    ],
)
def test_ontzorgen_six_months_from_the_first_day_of_bijstand(bijstand_start, last_day):
    assert ontzorgen_last_day(bijstand_start) == last_day


@pytest.mark.parametrize(
    ("start", "last_day"),
    [
        (date(2026, 8, 31), date(2028, 2, 29)),  # was 28 February
        (date(2026, 3, 31), date(2027, 9, 30)),  # was 29 September
        (date(2026, 7, 1), date(2027, 12, 31)),
        (date(2026, 3, 11), date(2027, 9, 10)),
    ],
)
def test_route_change_window_is_eighteen_months_from_the_start_of_the_termijn(start, last_day):
    assert _termijn(start).route_change_last_day() == last_day


@pytest.mark.parametrize(
    ("dagtekening", "start", "last_day"),
    [
        (date(2029, 2, 28), date(2029, 3, 1), date(2032, 2, 29)),  # three years from 1 March 2029
        (date(2024, 2, 29), date(2024, 3, 1), date(2027, 2, 28)),
        (date(2026, 3, 10), date(2026, 3, 11), date(2029, 3, 10)),
    ],
)
def test_inburgeringstermijn_is_three_years_from_the_day_after_the_dagtekening(dagtekening, start, last_day):
    termijn = inburgeringstermijn(dagtekening)
    assert (termijn.start, termijn.last_day, termijn.duo_einddatum) == (start, last_day, last_day + timedelta(days=1))


def test_a_term_after_an_event_keeps_the_events_day_number():
    # HR 1 september 2017, ECLI:NL:HR:2017:2225: three months after 29 February 2016 end on 29 May.
    assert TermLength(3, TermUnit.MONTHS).after(date(2016, 2, 29)) == date(2016, 5, 29)


# --- properties ---------------------------------------------------------------------------------

first_days = st.dates(date(1990, 1, 1), date(2080, 12, 31))


@given(first_day=first_days, months=st.integers(1, 40))
def test_period_in_months_matches_the_day_by_day_oracle(first_day, months):
    assert period_last_day(first_day, TermLength(months, TermUnit.MONTHS)) == oracle_last_day(first_day, months)


@given(first_day=first_days, years=st.integers(1, 5))
def test_a_year_is_twelve_months(first_day, years):
    assert period_last_day(first_day, TermLength(years, TermUnit.YEARS)) == oracle_last_day(first_day, 12 * years)


@given(first_day=first_days, months=st.integers(1, 40))
def test_period_ends_in_the_right_month_and_never_skips_a_day(first_day, months):
    last = period_last_day(first_day, TermLength(months, TermUnit.MONTHS))
    target_index = first_day.year * 12 + first_day.month - 1 + months
    target_year, target_month = divmod(target_index, 12)
    target_month += 1
    days_in_target = monthrange(target_year, target_month)[1]
    if first_day.day <= days_in_target:  # the day before the same-numbered day
        assert last + timedelta(days=1) == date(target_year, target_month, first_day.day)
    else:  # a month without that day: its last day
        assert last == date(target_year, target_month, days_in_target)


@given(first_day=first_days)
def test_six_months_of_ontzorgen_match_the_oracle(first_day):
    assert ontzorgen_last_day(first_day) == oracle_last_day(first_day, 6)


@given(start=first_days)
def test_route_change_window_matches_the_oracle(start):
    assert _termijn(start).route_change_last_day() == oracle_last_day(start, 18)


@given(dagtekening=first_days)
def test_inburgeringstermijn_matches_the_oracle(dagtekening):
    termijn = inburgeringstermijn(dagtekening)
    assert termijn.last_day == oracle_last_day(dagtekening + timedelta(days=1), 36)


@given(first_day=first_days, amount=st.integers(1, 30), unit=st.sampled_from([TermUnit.DAYS, TermUnit.WEEKS]))
def test_days_and_weeks_count_exactly(first_day, amount, unit):
    days = amount * (7 if unit is TermUnit.WEEKS else 1)
    assert period_last_day(first_day, TermLength(amount, unit)) == first_day + timedelta(days=days - 1)
