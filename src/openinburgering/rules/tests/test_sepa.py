"""SEPA reach and the BIC rule (EPC409-09, SCT Rulebook AT-23)."""

import string

import pytest
from hypothesis import given
from hypothesis import strategies as st
from stdnum import iban as stdnum_iban

from openinburgering.rules.sepa import (
    BIC_VERPLICHT_BUITEN_EER,
    SEPA_EER_LANDEN,
    SEPA_LANDEN,
    SEPA_LANDEN_BUITEN_EER,
    bic_compact,
    bic_is_valid,
    bic_required,
    iban_compact,
    iban_country,
    iban_country_in_sepa,
)

# Example IBANs as the national banking communities publish them (all pass the ISO 7064 check).
IBANS = {
    "NL": "NL91ABNA0417164300",
    "DE": "DE89370400440532013000",
    "BE": "BE71096123456769",
    "CH": "CH9300762011623852957",
    "GB": "GB29NWBK60161331926819",
    "MC": "MC5811222000010123456789030",
    "SM": "SM86U0322509800000000270100",
    "NO": "NO9386011117947",
    "TR": "TR330006100519786457841326",  # Turkey: an IBAN country, not in SEPA
    "SA": "SA0380000000608010167519",  # Saudi Arabia: idem
}


def test_example_ibans_are_valid():
    assert all(stdnum_iban.is_valid(value) for value in IBANS.values())


def test_eea_has_thirty_countries_and_no_overlap_with_the_rest():
    assert len(SEPA_EER_LANDEN.value) == 30
    assert not SEPA_EER_LANDEN.value & SEPA_LANDEN_BUITEN_EER.value
    assert SEPA_LANDEN.value == SEPA_EER_LANDEN.value | SEPA_LANDEN_BUITEN_EER.value
    assert all(len(code) == 2 and code.isupper() for code in SEPA_LANDEN.value)


def test_rules_carry_their_source():
    for rule in (SEPA_EER_LANDEN, SEPA_LANDEN_BUITEN_EER, SEPA_LANDEN, BIC_VERPLICHT_BUITEN_EER):
        assert rule.source.startswith("EPC")
        assert rule.source_url.startswith("https://www.europeanpaymentscouncil.eu/")
    # The recent additions are from secondary sources: marked for review.
    assert SEPA_LANDEN_BUITEN_EER.verified is False


@pytest.mark.parametrize(
    ("country", "in_sepa", "needs_bic"),
    [
        ("NL", True, False),
        ("DE", True, False),
        ("BE", True, False),
        ("NO", True, False),  # EEA, not EU
        ("CH", True, True),
        ("GB", True, True),
        ("MC", True, True),
        ("SM", True, True),
        ("TR", False, False),
        ("SA", False, False),
    ],
)
def test_sepa_reach_and_bic(country, in_sepa, needs_bic):
    iban = IBANS[country]
    assert iban_country(iban) == country
    assert iban_country_in_sepa(iban) is in_sepa
    assert bic_required(iban) is needs_bic


def test_spaces_and_lower_case_are_read_as_printed():
    assert iban_compact("nl91 abna 0417 1643 00") == "NL91ABNA0417164300"
    assert iban_country_in_sepa("ch93 0076 2011 6238 5295 7")
    assert bic_required("ch93 0076 2011 6238 5295 7")


@pytest.mark.parametrize("value", ["", " ", "1", "12ABNA0417164300"])
def test_no_country_is_not_in_sepa(value):
    assert iban_country(value) == ""
    assert not iban_country_in_sepa(value)
    assert not bic_required(value)


@given(st.sampled_from(sorted(SEPA_LANDEN.value)), st.text(alphabet=string.digits, min_size=10, max_size=20))
def test_bic_is_required_exactly_outside_the_eea(country, rest):
    iban = f"{country}00{rest}"
    assert iban_country_in_sepa(iban)
    assert bic_required(iban) is (country not in SEPA_EER_LANDEN.value)


@pytest.mark.parametrize(
    ("bic", "valid"),
    [
        ("ABNANL2A", True),
        ("ABNANL2AXXX", True),
        ("abnanl2a", True),  # read as upper case
        ("ABNA NL2A", True),  # spaces ignored
        ("UBSWCHZH80A", True),
        ("ABNANL2", False),  # 7 characters
        ("ABNANL2AXX", False),  # 10 characters
        ("ABNAZZ2A", False),  # no country ZZ
        ("ABNANL2Ä", False),
        ("", False),
    ],
)
def test_bic_is_valid(bic, valid):
    assert bic_is_valid(bic) is valid


def test_bic_compact():
    assert bic_compact(" abna nl2a ") == "ABNANL2A"
