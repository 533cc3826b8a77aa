"""The benefits file parser: every kind of bad input is reported with its line number and field.

No database: the parser is pure. `today` is passed in, so the month window is fixed for these tests.
"""

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from openinburgering.dossiers.factories import bsn_with_check_digit
from openinburgering.rules.personen import WI2021_IN_FORCE
from openinburgering.uitkeringen.csv_import import (
    BEDRAG_MAX,
    MAX_BESTAND_BYTES,
    MAX_PROBLEMEN,
    UITKERING_MAAND_VENSTER,
    bedrag_nl,
    bedrag_parse,
    parse_uitkeringen_csv,
)
from openinburgering.uitkeringen.models import Uitkering

TODAY = date(2026, 3, 15)
BSN_1 = bsn_with_check_digit("99000001")
BSN_2 = bsn_with_check_digit("99000002")
BSN_3 = bsn_with_check_digit("99000003")
HEADER = "bsn;maand;bedrag\n"


def parse(text: str | bytes):
    data = text if isinstance(text, bytes) else text.encode()
    return parse_uitkeringen_csv(data, today=TODAY)


def where(result):
    return [(p.line, p.field) for p in result.problems]


def one_problem(result):
    assert len(result.problems) == 1, result.problems
    return result.problems[0]


# --- what is accepted -----------------------------------------------------------------------------


def test_valid_file_with_bom_crlf_blank_lines_and_header_case():
    data = (f"\ufeffBSN;Maand;BEDRAG\r\n{BSN_1};2026-03;1.234,56\r\n\r\n {BSN_2} ; 2026-02 ; 987,10 \r\n").encode()
    result = parse(data)
    assert result.ok, result.problems
    assert [(r.line, r.bsn, r.maand, r.bedrag) for r in result.rows] == [
        (2, BSN_1, date(2026, 3, 1), Decimal("1234.56")),
        (4, BSN_2, date(2026, 2, 1), Decimal("987.10")),
    ]


def test_bom_does_not_corrupt_the_first_column_name():
    result = parse(b"\xef\xbb\xbf" + f"bsn;maand;bedrag\n{BSN_1};2026-03;100\n".encode())
    assert result.ok and result.rows[0].bsn == BSN_1


def test_comma_separated_file_is_read_with_commas():
    result = parse(f'bsn,maand,bedrag\n{BSN_1},2026-03,1234.56\n{BSN_2},2026-03,"1.234,56"\n')
    assert result.ok, result.problems
    assert [r.bedrag for r in result.rows] == [Decimal("1234.56"), Decimal("1234.56")]


def test_comma_separated_file_with_an_unquoted_dutch_amount_says_how_to_fix_it():
    problem = one_problem(parse(f"bsn,maand,bedrag\n{BSN_1},2026-03,1234,56\n"))
    assert (problem.line, problem.field) == (2, "regel")
    assert "aanhalingstekens" in problem.message


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1234,56", "1234.56"),
        ("1.234,56", "1234.56"),
        ("1.234", "1234"),
        ("1234", "1234"),
        ("1234.56", "1234.56"),
        ("0,01", "0.01"),
        ("1.000.000,00", "1000000.00"),
        ("987,10", "987.10"),
    ],
)
def test_amount_notations(text, expected):
    assert bedrag_parse(text) == Decimal(expected)


# --- what is refused, each at its line and field ---------------------------------------------------


@pytest.mark.parametrize(
    "amount",
    ["1,234.56", "12,3,4", "1234,5", "1234,567", "1.23.456", "12.34.56", "1 234,56", "€ 12", "1e3", "12.3",
     ",50", "1.234.56", "NaN", "0012.34.567", "١٢٣", "12,-"],
)  # fmt: skip
def test_ambiguous_or_malformed_amount_is_refused_showing_the_notation(amount):
    problem = one_problem(parse(f'{HEADER}{BSN_1};2026-03;"{amount}"\n'))
    assert (problem.line, problem.field) == (2, "bedrag")
    assert "1.234,56" in problem.message and "1234.56" in problem.message


@pytest.mark.parametrize("amount", ["0", "0,00", "-12,50", "-1.234,56", "-0.01"])
def test_zero_or_negative_amount_is_refused(amount):
    problem = one_problem(parse(f"{HEADER}{BSN_1};2026-03;{amount}\n"))
    assert (problem.line, problem.field) == (2, "bedrag")
    assert "groter zijn dan nul" in problem.message


def test_amount_too_large_for_the_column():
    problem = one_problem(parse(f"{HEADER}{BSN_1};2026-03;1.000.000.000,00\n"))
    assert (problem.line, problem.field) == (2, "bedrag")


@pytest.mark.parametrize("month", ["2026-13", "2026-00", "2026-3", "26-03", "2026-03-01", "maart 2026", "2026/03", ""])
def test_malformed_month_is_refused(month):
    problem = one_problem(parse(f"{HEADER}{BSN_1};{month};100\n"))
    assert (problem.line, problem.field) == (2, "maand")
    assert "jjjj-mm" in problem.message or "Vul" in problem.message


def test_month_window():
    venster = UITKERING_MAAND_VENSTER
    assert venster.eerste == WI2021_IN_FORCE.value
    last = venster.laatste(TODAY)
    before = date(venster.eerste.year - 1, 12, 1)
    after = date(last.year + (last.month == 12), last.month % 12 + 1, 1)
    text = HEADER + "".join(
        f"{bsn};{m:%Y-%m};100\n" for bsn, m in [(BSN_1, venster.eerste), (BSN_1, last), (BSN_2, before), (BSN_2, after)]
    )
    result = parse(text)
    assert where(result) == [(4, "maand"), (5, "maand")]
    assert "vóór" in result.problems[0].message
    assert "toekomst" in result.problems[1].message and f"{last:%Y-%m}" in result.problems[1].message
    assert [r.line for r in result.rows] == [2, 3]


@pytest.mark.parametrize(
    ("bsn", "hint"),
    [("12345678", "voorloopnul"), ("123456789", "elfproef"), ("12345678a", "elfproef"), ("", "elfproef"),
     ("1234567890", "elfproef"), ("١٢٣٤٥٦٧٨٢", "elfproef")],
)  # fmt: skip
def test_bad_bsn_is_refused(bsn, hint):
    problem = one_problem(parse(f"{HEADER}{bsn};2026-03;100\n"))
    assert (problem.line, problem.field) == (2, "bsn")
    assert hint in problem.message


@pytest.mark.parametrize(
    ("row", "field"),
    [
        ('"=1+1";2026-03;100', "bsn"),
        (f"{BSN_1};+2026-03;100", "maand"),
        (f"{BSN_1};2026-03;@SUM(A1)", "bedrag"),
        (f'{BSN_1};2026-03;=HYPERLINK("http://x")', "bedrag"),
        (f"\t{BSN_1};2026-03;100", "bsn"),
        (f'"\r{BSN_1}";2026-03;100', "bsn"),
        (f" ={BSN_1};2026-03;100", "bsn"),
        (f"{BSN_1};2026-03;-=1", "bedrag"),
        (f"{BSN_1};2026-03;+100", "bedrag"),
    ],
)
def test_formula_injection_cell_is_refused(row, field):
    result = parse(f"{HEADER}{row}\n")
    assert (2, field) in where(result)
    problem = next(p for p in result.problems if p.field == field)
    assert "formule" in problem.message
    assert not result.rows


def test_duplicate_row_is_reported_on_the_second_line_naming_the_first():
    result = parse(f"{HEADER}{BSN_1};2026-03;100\n{BSN_2};2026-03;100\n{BSN_1};2026-03;100\n{BSN_1};2026-02;100\n")
    problem = one_problem(result)
    assert (problem.line, problem.field) == (4, "regel")
    assert "regel 2" in problem.message


def test_duplicate_is_found_even_when_the_first_amount_is_wrong():
    result = parse(f"{HEADER}{BSN_1};2026-03;1,2,3\n{BSN_1};2026-03;100\n")
    assert where(result) == [(2, "bedrag"), (3, "regel")]


@pytest.mark.parametrize(
    ("header", "found"),
    [
        ("bsn;bedrag;maand", "bsn;bedrag;maand"),
        ("bsn;maand", "bsn;maand"),
        ("bsn;maand;bedrag;naam", "bsn;maand;bedrag;naam"),
        ("burgerservicenummer;maand;bedrag", "burgerservicenummer"),
        ("bsn\tmaand\tbedrag", "bsn"),
        (f"{BSN_1};2026-03;100", BSN_1),
    ],
)
def test_wrong_columns_is_one_problem_naming_expected_and_found(header, found):
    problem = one_problem(parse(f"{header}\n{BSN_1};2026-03;100\n"))
    assert (problem.line, problem.field) == (1, "kolommen")
    assert "bsn;maand;bedrag" in problem.message and found in problem.message


def test_double_bom_is_not_silently_accepted():
    problem = one_problem(parse(b"\xef\xbb\xbf\xef\xbb\xbfbsn;maand;bedrag\n"))
    assert (problem.line, problem.field) == (1, "kolommen")


def test_wrong_number_of_cells_in_a_row():
    result = parse(f"{HEADER}{BSN_1};2026-03\n{BSN_2};2026-03;100;extra\n")
    assert where(result) == [(2, "regel"), (3, "regel")]


def test_latin1_file_is_one_problem_with_its_line_number():
    data = f"{HEADER}{BSN_1};2026-03;100\n".encode() + "123456782;2026-03;100 café\n".encode("latin-1")
    problem = one_problem(parse(data))
    assert (problem.line, problem.field) == (3, "bestand")
    assert "geen UTF-8" in problem.message and "regel 3" in problem.message


def test_utf16_file_is_refused():
    problem = one_problem(parse(f"{HEADER}{BSN_1};2026-03;100\n".encode("utf-16")))
    assert (problem.line, problem.field) == (1, "bestand")
    assert "UTF-16" in problem.message


@pytest.mark.parametrize("data", [b"", b"\xef\xbb\xbf", b"\n\n  \n"])
def test_empty_file(data):
    problem = one_problem(parse(data))
    assert (problem.line, problem.field) == (0, "bestand")
    assert "leeg" in problem.message


def test_header_only():
    problem = one_problem(parse(HEADER))
    assert (problem.line, problem.field) == (0, "bestand")


def test_file_too_large():
    problem = one_problem(parse(b"x" * (MAX_BESTAND_BYTES + 1)))
    assert (problem.line, problem.field) == (0, "bestand")
    assert "MB" in problem.message


def test_broken_quote():
    problem = one_problem(parse(f'{HEADER}{BSN_1};2026-03;100\n"{BSN_2};2026-03;100\n'))
    assert (problem.line, problem.field) == (3, "regel")


def test_every_problem_is_reported_not_just_the_first():
    text = (
        HEADER + f"{BSN_1};2026-13;0\n" + f"{BSN_2};2026-03;100\n" + "12;2026-03;1,234.56\n" + f"{BSN_3};2020-01;=1\n"
    )
    result = parse(text)
    assert where(result) == [
        (2, "maand"),
        (2, "bedrag"),
        (4, "bsn"),
        (4, "bedrag"),
        (5, "maand"),
        (5, "bedrag"),
    ]
    assert result.problem_count == 6
    assert [r.line for r in result.rows] == [3]


def test_problems_are_counted_past_the_kept_maximum():
    result = parse(HEADER + "x;2026-03;100\n" * (MAX_PROBLEMEN + 5))
    assert len(result.problems) == MAX_PROBLEMEN
    assert result.problem_count == MAX_PROBLEMEN + 5


def test_quoted_cells_and_embedded_separators():
    result = parse(f'"bsn";"maand";"bedrag"\n"{BSN_1}";"2026-03";"1.234,56"\n')
    assert result.ok and result.rows[0].bedrag == Decimal("1234.56")


def test_line_number_after_a_quoted_multiline_cell():
    result = parse(f'{HEADER}"{BSN_1}\nx";2026-03;100\n{BSN_2};2026-13;100\n')
    assert where(result) == [(2, "bsn"), (4, "maand")]


# --- properties ------------------------------------------------------------------------------------

AMOUNTS = st.decimals(min_value=Decimal("0.01"), max_value=BEDRAG_MAX, places=2, allow_nan=False)


@given(amount=AMOUNTS, grouped=st.booleans())
def test_any_amount_in_dutch_notation_parses_back(amount, grouped):
    assert bedrag_parse(bedrag_nl(amount, grouped=grouped)) == amount


@given(amount=AMOUNTS)
def test_any_amount_with_a_decimal_point_parses_back(amount):
    assert bedrag_parse(f"{amount:.2f}") == amount


@given(whole=st.integers(min_value=1, max_value=999_999_999), grouped=st.booleans())
def test_whole_euros_without_cents_parse_back(whole, grouped):
    text = f"{whole:,}".replace(",", ".") if grouped else str(whole)
    assert bedrag_parse(text) == Decimal(whole)


@given(amount=AMOUNTS)
def test_english_thousands_notation_is_never_silently_accepted(amount):
    text = f"{amount:,.2f}"  # 1,234.56
    if "," in text:
        with pytest.raises(ValueError, match="notatie"):
            bedrag_parse(text)


def test_bedrag_max_fits_the_model_field():
    field = Uitkering._meta.get_field("bedrag")
    assert Decimal(10 ** (field.max_digits - field.decimal_places)) - Decimal("0.01") == BEDRAG_MAX
    assert -BEDRAG_MAX.as_tuple().exponent == field.decimal_places
