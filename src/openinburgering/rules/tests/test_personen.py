"""Identifiers and the age window of Wi 3(1): pure rules, no database."""

import string
from datetime import date, timedelta

import pytest
from dateutil.relativedelta import relativedelta
from hypothesis import assume, example, given
from hypothesis import strategies as st

from openinburgering.rules.personen import (
    AOW_AGE_BY_YEAR,
    MINIMUM_AGE,
    aow_age,
    aow_date,
    bsn_is_valid,
    in_age_window,
    vnummer_normalise,
)

# --- BSN elfproef ---------------------------------------------------------------------------

ELFPROEF_WEIGHTS = (9, 8, 7, 6, 5, 4, 3, 2, -1)


def elfproef(value: str) -> bool:
    """An independent reading of the definition: nine ASCII digits, sum(d_i * w_i) % 11 == 0 with
    weights 9..2 and -1, and not 000000000 (no BSN is zero)."""
    if len(value) != 9 or any(ch not in string.digits for ch in value):
        return False
    return int(value) > 0 and sum(int(d) * w for d, w in zip(value, ELFPROEF_WEIGHTS, strict=True)) % 11 == 0


nine_digits = st.text(alphabet=string.digits, min_size=9, max_size=9)
eight_digits = st.text(alphabet=string.digits, min_size=8, max_size=8)
# Digits, other Unicode digits (Arabic-Indic, superscript), separators and letters.
bsn_like = st.text(alphabet=string.digits + "٠١٢٣٤٥٦٧٨٩²³ .-aZ\t", max_size=12)


@given(nine_digits)
def test_bsn_is_valid_agrees_with_the_elfproef(value):
    assert bsn_is_valid(value) == elfproef(value)


@given(bsn_like)
@example("١١١٢٢٢٣٣٣")
@example("²²²²²²²²²")
@example("10000008")  # eight digits that pass the elfproef with a zero put in front: a BSN has nine
@example("0100000080")  # ten digits
def test_bsn_is_valid_never_raises_and_accepts_only_nine_ascii_digits(value):
    assert bsn_is_valid(value) == elfproef(value)


@given(eight_digits)
def test_eight_digits_have_at_most_one_ninth_digit(first_eight):
    remainder = sum(int(d) * w for d, w in zip(first_eight, ELFPROEF_WEIGHTS[:8], strict=True)) % 11
    completing = [d for d in string.digits if bsn_is_valid(first_eight + d)]
    if remainder == 10 or first_eight == "00000000":
        # No digit d satisfies S - d ≡ 0 (mod 11) when S ≡ 10; and 000000000 is not a BSN.
        assert completing == []
    else:
        assert completing == [str(remainder)]


@given(eight_digits.filter(lambda s: s != "00000000"), st.data())
def test_changing_one_digit_of_a_valid_bsn_makes_it_invalid(first_eight, data):
    remainder = sum(int(d) * w for d, w in zip(first_eight, ELFPROEF_WEIGHTS[:8], strict=True)) % 11
    assume(remainder != 10)
    bsn = first_eight + str(remainder)
    assert bsn_is_valid(bsn)
    position = data.draw(st.integers(0, 8))
    digit = data.draw(st.sampled_from([d for d in string.digits if d != bsn[position]]))
    assert not bsn_is_valid(bsn[:position] + digit + bsn[position + 1 :])


@pytest.mark.parametrize(
    ("value", "valid"),
    [
        ("111222333", True),
        ("123456782", True),
        ("999993653", True),
        ("111222334", False),
        ("000000000", False),
        ("11122233", False),  # eight digits: we do not pad
        ("1112.22.333", False),  # separators are the form's job, not the rule's
        ("", False),
    ],
)
def test_bsn_examples(value, valid):
    assert bsn_is_valid(value) is valid


# --- V-nummer --------------------------------------------------------------------------------


@given(st.integers(min_value=1, max_value=9_999_999_999), st.sampled_from(["", " ", "  "]))
def test_vnummer_is_ten_digits_with_leading_zeros(number, padding):
    normalised = vnummer_normalise(f"{padding}{number}{padding}")
    assert normalised == f"{number:010d}"
    assert vnummer_normalise(normalised) == normalised


@given(st.text(max_size=14))
@example("²")
@example("١٢٣")
@example(" 0042\n")
def test_vnummer_normalise_gives_ten_ascii_digits_or_none(value):
    normalised = vnummer_normalise(value)
    assert normalised is None or (len(normalised) == 10 and all(ch in string.digits for ch in normalised))
    stripped = value.strip()
    if stripped and all(ch in string.digits for ch in stripped) and len(stripped) <= 10 and int(stripped) > 0:
        assert normalised == stripped.zfill(10)
    else:
        assert normalised is None


@pytest.mark.parametrize("value", ["0", "0000000000", "12345678901", "12a4", "", " ", "-12", "²", "١٢٣"])
def test_not_a_vnummer(value):
    assert vnummer_normalise(value) is None


# --- AOW age and the age window --------------------------------------------------------------


@pytest.mark.parametrize(
    ("born", "aow"),
    [
        (date(1958, 6, 15), date(2025, 6, 15)),  # reaches it in 2025, at 67
        (date(1960, 12, 31), date(2027, 12, 31)),  # reaches it in 2027, at 67
        (date(1961, 1, 1), date(2028, 4, 1)),  # reaches it in 2028, at 67 and 3 months
        (date(1957, 3, 10), date(2024, 3, 10)),  # 2024: 67
        (date(1956, 1, 1), date(2022, 8, 1)),  # 2022: 66 and 7 months
    ],
)
def test_aow_date_golden_cases(born, aow):
    assert aow_date(born) == aow


def test_aow_age_2028_is_67_years_and_3_months():
    assert aow_age(2028) == relativedelta(years=67, months=3)


births = st.dates(date(1940, 1, 1), date(2015, 12, 31))


@given(births)
def test_aow_date_uses_the_age_of_its_own_year(born):
    reached = aow_date(born)
    assert reached == born + aow_age(reached.year)
    assert relativedelta(reached, born).years in {years for years, _ in AOW_AGE_BY_YEAR.value.values()}


@given(births, births)
def test_later_born_never_reaches_aow_earlier(a, b):
    first, second = sorted((a, b))
    assert aow_date(first) <= aow_date(second)


def sixteenth_birthday(born: date) -> date:
    """Independent of the rule: the same day 16 years later; 29 February becomes 28 February."""
    year = born.year + MINIMUM_AGE.value
    try:
        return born.replace(year=year)
    except ValueError:
        return date(year, 2, 28)


@given(births, st.dates(date(2022, 1, 1), date(2045, 12, 31)))
def test_in_age_window_iff_sixteen_and_below_aow_age(born, begin):
    expected = sixteenth_birthday(born) <= begin < aow_date(born)
    assert in_age_window(birth_date=born, plicht_begindatum=begin) is expected


@given(st.dates(date(1960, 1, 1), date(2010, 12, 31)))
def test_age_window_boundaries(born):
    turns_16, reaches_aow = sixteenth_birthday(born), aow_date(born)
    assert not in_age_window(birth_date=born, plicht_begindatum=turns_16 - timedelta(days=1))
    assert in_age_window(birth_date=born, plicht_begindatum=turns_16)
    assert in_age_window(birth_date=born, plicht_begindatum=reaches_aow - timedelta(days=1))
    assert not in_age_window(birth_date=born, plicht_begindatum=reaches_aow)
