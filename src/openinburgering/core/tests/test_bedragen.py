"""The one amount parser (core/bedragen.py): what it accepts, what it refuses and why, as properties."""

import re
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from openinburgering.core.bedragen import (
    BEDRAG_MAX,
    BEDRAG_PATTERN,
    BedragFout,
    BedragReden,
    bedrag_nl,
    bedrag_parse,
    bedrag_read,
)

AMOUNTS = st.decimals(min_value=Decimal("0.01"), max_value=BEDRAG_MAX, places=2, allow_nan=False)


def reden(text: str) -> BedragReden:
    with pytest.raises(BedragFout) as caught:
        bedrag_read(text)
    return caught.value.reden


@given(amount=AMOUNTS, grouped=st.booleans())
def test_every_amount_written_the_dutch_way_reads_back(amount, grouped):
    assert bedrag_read(bedrag_nl(amount, grouped=grouped)) == amount


@given(amount=AMOUNTS)
def test_every_amount_with_a_decimal_point_reads_back(amount):
    assert bedrag_read(f"{amount:.2f}") == amount


@given(amount=AMOUNTS, spaces=st.sampled_from(["", " ", "  ", "\t"]))
def test_surrounding_spaces_do_not_matter(amount, spaces):
    assert bedrag_read(f"{spaces}{bedrag_nl(amount)}{spaces}") == amount


@given(mantissa=st.integers(min_value=1, max_value=99_999), exponent=st.integers(min_value=-5, max_value=9))
def test_an_exponent_is_always_refused(mantissa, exponent):
    for letter in ("e", "E"):
        assert reden(f"{mantissa}{letter}{exponent}") == BedragReden.EXPONENT
    assert reden(f"{mantissa}.50e{exponent}") == BedragReden.EXPONENT


@pytest.mark.parametrize("text", ["NaN", "nan", "-NaN", "sNaN", "Infinity", "inf", "-Infinity", "+inf"])
def test_not_a_number_and_infinity_are_refused(text):
    assert reden(text) == BedragReden.GEEN_GETAL


@given(whole=st.integers(min_value=0, max_value=99_999), cents=st.integers(min_value=0, max_value=10**6))
def test_more_than_two_decimals_is_refused(whole, cents):
    decimals = f"{cents:03d}"  # three or more digits
    assert reden(f"{whole},{decimals}") == BedragReden.TE_VEEL_DECIMALEN
    assert reden(f"{whole}.{decimals}0") == BedragReden.TE_VEEL_DECIMALEN  # 12.3450: never read as grouping


@given(amount=AMOUNTS)
def test_a_sign_zero_or_a_negative_amount_is_refused(amount):
    assert reden(f"-{bedrag_nl(amount)}") == BedragReden.NIET_POSITIEF
    assert reden(f"+{bedrag_nl(amount)}") == BedragReden.NIET_POSITIEF
    for zero in ("0", "0,00", "0.00", "000"):
        assert reden(zero) == BedragReden.NIET_POSITIEF


@given(amount=AMOUNTS)
def test_english_thousands_notation_never_slips_through(amount):
    text = f"{amount:,.2f}"  # 1,234.56
    if "," in text:
        assert reden(text) == BedragReden.NOTATIE


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1234", "1234"), ("1234,56", "1234.56"), ("1.234", "1234"), ("1.234,56", "1234.56"),
        ("1234.56", "1234.56"), ("0,01", "0.01"), ("1.000.000,00", "1000000.00"), (" 650,00 ", "650.00"),
    ],
)  # fmt: skip
def test_the_documented_notations(text, expected):
    assert bedrag_read(text) == Decimal(expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", BedragReden.LEEG), ("   ", BedragReden.LEEG), ("12,5", BedragReden.EEN_DECIMAAL),
        ("1.234,5", BedragReden.EEN_DECIMAAL), ("12.5", BedragReden.NOTATIE), ("1 234,56", BedragReden.NOTATIE),
        ("€ 12", BedragReden.NOTATIE), ("١٢٣", BedragReden.NOTATIE), ("12,-", BedragReden.NOTATIE),
        (",50", BedragReden.NOTATIE), ("1.23.456", BedragReden.NOTATIE), ("0x10", BedragReden.NOTATIE),
        ("1_000", BedragReden.NOTATIE), ("1000000000,00", BedragReden.TE_GROOT),
    ],
)  # fmt: skip
def test_each_refusal_has_its_reason(text, expected):
    assert reden(text) == expected


@pytest.mark.parametrize("text", ["1e3", "NaN", "12,345", "-5,00", "0", "12,5", "1,234.56", "", "1000000000"])
def test_every_message_names_the_field(text):
    with pytest.raises(ValueError) as caught:
        bedrag_parse(text, veld="het bedrag per maand")
    message = str(caught.value)
    assert "het bedrag per maand" in message.lower()
    assert message[:1].isupper()


def test_the_maximum_is_a_parameter():
    assert bedrag_read("100,00", maximum=Decimal("100")) == Decimal("100")
    with pytest.raises(ValueError, match="ten hoogste 99,99"):
        bedrag_parse("100,00", maximum=Decimal("99.99"))


@given(text=st.text(alphabet="0123456789.,eE+-", max_size=14))
def test_the_schema_pattern_describes_exactly_the_accepted_notations(text):
    try:
        bedrag_read(text)
        notation_ok = True
    except BedragFout as fout:
        notation_ok = fout.reden in (BedragReden.NIET_POSITIEF, BedragReden.TE_GROOT) and text[:1] not in "+-"
    assert bool(re.fullmatch(BEDRAG_PATTERN, text)) == notation_ok
