"""Pw 56a ontzorgen and the Dutch betalingskenmerk."""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from openinburgering.rules.ontzorgen import (
    ONTZORGEN_VASTE_LASTEN,
    OntzorgenFeiten,
    VasteLastSoort,
    betalingskenmerk_check_digit,
    betalingskenmerk_is_valid,
    ontzorgen_eligible,
    ontzorgen_last_day,
)


@pytest.mark.parametrize(
    ("value", "valid"),
    [
        ("5000056789012345", True),  # the Betaalvereniging's own example, check digit 5
        ("5000 0567 8901 2345", True),  # spaces as printed on an acceptgiro
        ("4000056789012345", False),  # wrong check digit
        ("12234534622567", True),  # 14 digits: check digit 1, length code 2, twelve digits follow
        ("13234534622567", False),  # length code does not match the length
        ("1234567", True),  # 7 digits carry no check
        ("12345678", False),  # 8 and 15 digits do not exist
        ("500005678901234", False),
        ("500005678901234X", False),
        ("５000056789012345", False),  # full-width digit
        ("", False),
    ],
)
def test_betalingskenmerk(value, valid):
    assert betalingskenmerk_is_valid(value) is valid


@given(st.text(alphabet="0123456789", min_size=15, max_size=15))
def test_a_computed_check_digit_makes_a_valid_16_digit_reference(body):
    reference = f"{betalingskenmerk_check_digit(body)}{body}"
    assert betalingskenmerk_is_valid(reference)
    wrong = (int(reference[0]) + 1) % 10
    # Another first digit is refused unless it happens to map to the same check (10 → 1, 11 → 0).
    assert betalingskenmerk_is_valid(f"{wrong}{body}") is (wrong == int(reference[0]))


def test_statutory_fixed_costs():
    assert {s.value for s in ONTZORGEN_VASTE_LASTEN.value} == {
        "huur",
        "gas",
        "elektriciteit",
        "water",
        "zorgverzekering",
    }
    assert VasteLastSoort.TELECOM not in ONTZORGEN_VASTE_LASTEN.value


@pytest.mark.parametrize(
    ("start", "last"),
    [
        (date(2026, 1, 1), date(2026, 6, 30)),
        (date(2026, 8, 31), date(2027, 2, 28)),  # no 31 February: the month's last day
        (date(2026, 3, 15), date(2026, 9, 14)),
    ],
)
def test_six_months_from_the_start_of_bijstand(start, last):
    assert ontzorgen_last_day(start) == last


@given(st.dates(date(2022, 1, 1), date(2040, 12, 31)))
def test_six_months_last_between_179_and_184_days(start):
    days = (ontzorgen_last_day(start) - start).days + 1
    assert 179 <= days <= 184


def test_eligibility_needs_all_three():
    assert ontzorgen_eligible(OntzorgenFeiten(True, True, True))
    assert not ontzorgen_eligible(OntzorgenFeiten(True, False, True))  # a regular permit (gezinsmigrant)
    assert not ontzorgen_eligible(OntzorgenFeiten(True, True, False))
    assert not ontzorgen_eligible(OntzorgenFeiten(False, True, True))
