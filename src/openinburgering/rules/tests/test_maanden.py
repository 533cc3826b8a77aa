"""Whole months (rules.kalender): arithmetic and the "jjjj-mm" notation, checked against plain counting."""

from calendar import monthrange
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from openinburgering.rules.kalender import (
    month_add,
    month_last_day,
    month_of,
    month_parse,
    next_month,
    previous_month,
)

days = st.dates(date(1900, 1, 1), date(2999, 12, 31))
offsets = st.integers(-1200, 1200)


def _index(day: date) -> int:
    return day.year * 12 + day.month


@given(days)
def test_month_of_is_the_first_day_of_the_same_month(day):
    first = month_of(day)
    assert (first.year, first.month, first.day) == (day.year, day.month, 1)


@given(days, offsets)
def test_month_add_moves_that_many_months_to_a_first_day(day, n):
    result = month_add(day, n)
    assert result.day == 1
    assert _index(result) - _index(day) == n


@given(days, offsets, offsets)
def test_month_add_composes(day, a, b):
    assert month_add(month_add(day, a), b) == month_add(day, a + b)


@given(days.filter(lambda d: date(1900, 2, 1) <= d <= date(2999, 11, 30)))
def test_next_and_previous_month_are_inverse_and_adjacent(day):
    nxt = next_month(day)
    assert previous_month(nxt) == month_of(day)
    # The next month starts the day after this month's last day.
    assert nxt == month_last_day(day) + timedelta(days=1)


@given(days)
def test_month_last_day_is_the_last_day_in_the_month(day):
    last = month_last_day(day)
    assert (last.year, last.month) == (day.year, day.month)
    assert (last + timedelta(days=1)).day == 1
    assert last.day == monthrange(day.year, day.month)[1]


@pytest.mark.parametrize(
    ("maand", "last"),
    [
        (date(2024, 2, 10), date(2024, 2, 29)),  # a leap year
        (date(2025, 2, 1), date(2025, 2, 28)),
        (date(2100, 2, 1), date(2100, 2, 28)),  # not a leap year (divisible by 100)
        (date(2000, 2, 1), date(2000, 2, 29)),  # a leap year (divisible by 400)
        (date(2026, 4, 30), date(2026, 4, 30)),
        (date(2026, 12, 31), date(2026, 12, 31)),
    ],
)
def test_month_last_day_cases(maand, last):
    assert month_last_day(maand) == last


def test_month_boundaries_across_years():
    assert next_month(date(2025, 12, 31)) == date(2026, 1, 1)
    assert previous_month(date(2026, 1, 15)) == date(2025, 12, 1)
    assert month_add(date(2026, 3, 31), -15) == date(2024, 12, 1)
    assert month_add(date(2026, 3, 1), 0) == date(2026, 3, 1)


@given(days)
def test_parse_reads_what_a_month_picker_writes(day):
    text = f"{day:%Y-%m}"
    assert month_parse(text) == month_of(day)
    assert month_parse(text, typed=True) == month_of(day)
    assert month_parse(f" {text} ") == month_of(day)


@given(st.integers(1900, 2999), st.integers(1, 12))
def test_typed_months_in_every_notation(year, month):
    expected = date(year, month, 1)
    for text in (
        f"{year}-{month}",
        f"{year}-{month:02}-15",
        f"{month:02}-{year}",
        f"{month}/{year}",
        f"{month} {year}",
    ):
        assert month_parse(text, typed=True) == expected, text


@pytest.mark.parametrize(
    "text", ["2026-3", "03-2026", "3/2026", "2026-03-15", "2026-00", "2026-13", "202603", "", "maart"]
)
def test_strict_takes_only_jjjj_mm(text):
    with pytest.raises(ValueError) as excinfo:  # the text itself is the message
        month_parse(text)
    assert excinfo.value.args == (text,)


@pytest.mark.parametrize(
    "text", ["2026-00", "2026-13", "0-2026", "13/2026", "1899-12", "3000-01", "2026", "2026/03", "maart 2026", ""]
)
def test_typed_refuses_what_is_no_month(text):
    with pytest.raises(ValueError) as excinfo:  # the text itself is the message
        month_parse(text, typed=True)
    assert excinfo.value.args == (text,)


@pytest.mark.parametrize(("text", "expected"), [("1900-01", date(1900, 1, 1)), ("2999-12", date(2999, 12, 1))])
def test_typed_year_range_is_inclusive_at_both_ends(text, expected):
    assert month_parse(text, typed=True) == expected


@pytest.mark.parametrize(("text", "expected"), [("2026-01", date(2026, 1, 1)), ("2026-12", date(2026, 12, 1))])
def test_strict_month_range_is_inclusive_at_both_ends(text, expected):
    assert month_parse(text) == expected


def test_strict_refuses_year_zero():
    with pytest.raises(ValueError, match="0000-01"):
        month_parse("0000-01")
    assert month_parse("0001-01") == date(1, 1, 1)
