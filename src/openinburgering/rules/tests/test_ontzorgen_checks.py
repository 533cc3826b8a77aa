"""The checks of an ontzorgingsbeschikking and its fixed costs (rules.ontzorgen), written from the law.

Pw 56a(1): ontzorgen is for a bijstand recipient who is inburgeringsplichtig and holds a fixed-term
asylum permit himself. Pw 56a(2): rent, gas, water, electricity and the mandatory health insurance, for
six months from the day the right to bijstand arises. Pw 57: more only on a decision or with consent.
SEPA (EPC): an account in SEPA's scope, a BIC outside the EEA, names of at most 70 characters, a
description of at most 140, an amount in euro from 0.01 to 999999999.99 with at most two decimals.
"""

from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from openinburgering.rules.kalender import month_add, month_of
from openinburgering.rules.ontzorgen import (
    ONTZORGEN_VASTE_LASTEN,
    KenmerkSoort,
    OntzorgenFeiten,
    OntzorgingAanvraag,
    VasteLastSoort,
    VasteLastTermen,
    betalingskenmerk_check_digit,
    gegevens_violations,
    ontzorgen_eligible,
    ontzorgen_last_day,
    ontzorging_violations,
    rekening_violations,
    vaste_last_buiten_56a,
    vaste_last_violations,
)
from openinburgering.rules.sepa import SEPA_BEDRAG_DECIMALEN, SEPA_BEDRAG_MAX, SEPA_NAAM_MAX

TODAY = date(2026, 3, 10)
IBAN_NL = "NL91ABNA0417164300"
IBAN_DE = "DE89370400440532013000"
IBAN_CH = "CH9300762011623852957"  # in SEPA, outside the EEA
IBAN_TR = "TR330006100519786457841326"  # valid, but Turkey is not in SEPA
KENMERK = f"{betalingskenmerk_check_digit('123456789012345')}123456789012345"


def codes(violations):
    return [v.code for v in violations]


# --- the beschikking: Pw 56a(1) ---------------------------------------------------------------


def aanvraag(**overrides):
    values = {
        "dossier_open": True,
        "asiel_doelgroep": True,
        "asielvergunning_bepaalde_tijd": True,
        "plicht_einddatum": None,
        "startdatum": date(2026, 3, 1),
        "besluitdatum": TODAY,
        "today": TODAY,
    }
    return OntzorgingAanvraag(**{**values, **overrides})


def test_an_eligible_person_breaks_no_rule():
    assert ontzorging_violations(aanvraag()) == []


@given(open_=st.booleans(), asiel=st.booleans(), vergunning=st.booleans(), bijstand=st.booleans())
def test_each_condition_of_56a_1_is_required_and_named(open_, asiel, vergunning, bijstand):
    found = set(
        codes(
            ontzorging_violations(
                aanvraag(
                    dossier_open=open_,
                    asiel_doelgroep=asiel,
                    asielvergunning_bepaalde_tijd=vergunning,
                    startdatum=date(2026, 3, 1) if bijstand else None,
                )
            )
        )
    )
    assert ("niet_inburgeringsplichtig" in found) == (not open_)
    # A gezinsmigrant has no asylum permit; within the asiel doelgroep a family member with a regular
    # permit has none either (Pw 56a(1) is narrower than Wi 13(1)).
    assert ("geen_asielvergunning_doelgroep" in found) == (not asiel)
    assert ("geen_asielvergunning" in found) == (asiel and not vergunning)
    assert ("geen_bijstand" in found) == (not bijstand)
    eligible = ontzorgen_eligible(
        OntzorgenFeiten(
            inburgeringsplichtig=open_, asielvergunning_bepaalde_tijd=asiel and vergunning, bijstand=bijstand
        )
    )
    assert (found == set()) == eligible == (open_ and asiel and vergunning and bijstand)


def test_the_duty_still_runs_on_its_last_day():
    # Pw 56a(1): inburgeringsplichtig on the day the right to bijstand arises; the duty's last day counts.
    start = date(2026, 3, 1)
    assert ontzorging_violations(aanvraag(startdatum=start, plicht_einddatum=date(2026, 3, 1))) == []
    assert ontzorging_violations(aanvraag(startdatum=start, plicht_einddatum=date(2026, 3, 2))) == []
    assert ontzorging_violations(aanvraag(startdatum=start, plicht_einddatum=date(2029, 2, 28))) == []
    late = ontzorging_violations(aanvraag(startdatum=start, plicht_einddatum=start - timedelta(days=1)))
    assert codes(late) == ["niet_inburgeringsplichtig"]


def test_the_decision_date_is_required_and_not_ahead():
    assert codes(ontzorging_violations(aanvraag(besluitdatum=None))) == ["besluitdatum_verplicht"]
    assert ontzorging_violations(aanvraag(besluitdatum=TODAY)) == []
    assert ontzorging_violations(aanvraag(besluitdatum=date(2026, 3, 9))) == []  # the day before today
    assert ontzorging_violations(aanvraag(besluitdatum=date(2026, 1, 15))) == []
    assert codes(ontzorging_violations(aanvraag(besluitdatum=TODAY + timedelta(days=1)))) == ["besluitdatum_toekomst"]


def test_one_ontzorging_at_a_time():
    lopend = (date(2025, 10, 1), date(2026, 3, 31))
    found = ontzorging_violations(aanvraag(lopend=lopend))
    assert [(v.code, v.params) for v in found] == [("active_exists", {"start": lopend[0], "einde": lopend[1]})]


def test_a_beschikkings_problems_at_once_in_the_order_of_the_form():
    found = ontzorging_violations(
        aanvraag(
            dossier_open=False,
            asiel_doelgroep=False,
            startdatum=None,
            besluitdatum=None,
            machtiging_op=TODAY + timedelta(days=1),
            rekeninghouder="x" * (SEPA_NAAM_MAX.value + 1),
            iban="NL00XXXX",
        )
    )
    assert codes(found) == [
        "niet_inburgeringsplichtig",
        "geen_asielvergunning_doelgroep",
        "geen_bijstand",
        "besluitdatum_verplicht",
        "machtiging_toekomst",
        "rekeninghouder_te_lang",
        "iban_ongeldig",
    ]


# --- the machtiging and the account -----------------------------------------------------------


def test_the_machtiging_may_be_dated_today_not_tomorrow():
    assert gegevens_violations(machtiging_op=TODAY, rekeninghouder="", iban="", today=TODAY) == []
    assert gegevens_violations(machtiging_op=date(2026, 3, 9), rekeninghouder="", iban="", today=TODAY) == []
    assert gegevens_violations(machtiging_op=date(2025, 11, 3), rekeninghouder="", iban="", today=TODAY) == []
    found = gegevens_violations(machtiging_op=TODAY + timedelta(days=1), rekeninghouder="", iban="", today=TODAY)
    assert [(v.code, v.field) for v in found] == [("machtiging_toekomst", "machtiging_op")]


def test_a_name_of_seventy_characters_fits_a_sepa_payment_seventy_one_does_not():
    assert SEPA_NAAM_MAX.value == 70  # Max70Text
    fits = gegevens_violations(machtiging_op=None, rekeninghouder="x" * 70, iban="", today=TODAY)
    too_long = gegevens_violations(machtiging_op=None, rekeninghouder="x" * 71, iban="", today=TODAY)
    assert fits == []
    assert [(v.code, v.params) for v in too_long] == [("rekeninghouder_te_lang", {"max": 70})]


@pytest.mark.parametrize(
    ("iban", "required", "expected"),
    [
        ("", False, []),
        ("", True, ["iban_verplicht"]),
        (IBAN_NL, True, []),
        (IBAN_DE, True, []),
        (IBAN_CH, True, []),
        ("NL91ABNA0417164301", True, ["iban_ongeldig"]),  # one check digit off
        (IBAN_TR, False, ["iban_buiten_sepa"]),
    ],
)
def test_an_account_a_sepa_payment_can_reach(iban, required, expected):
    found = rekening_violations(iban, field="iban", required=required)
    assert codes(found) == expected
    if expected == ["iban_buiten_sepa"]:
        assert found[0].params == {"land": "TR"}


# --- a fixed cost: Pw 56a(2) and 57, SEPA --------------------------------------------------------

START = date(2026, 3, 1)
EINDE = ontzorgen_last_day(START)  # 31 August 2026


def termen(**overrides):
    values = {
        "soort": VasteLastSoort.HUUR,
        "van_maand": START,
        "tot_en_met_maand": None,
        "crediteur": "Woningstichting De Linie",
        "iban": IBAN_NL,
        "bic": "",
        "kenmerk_soort": KenmerkSoort.GESTRUCTUREERD,
        "kenmerk": KENMERK,
        "bedrag": Decimal("650.00"),
    }
    return VasteLastTermen(**{**values, **overrides})


def check(t, *, uitbreiding=False, start=START, einde=EINDE):
    return vaste_last_violations(t, ontzorging_start=start, ontzorging_einde=einde, uitbreiding=uitbreiding)


def test_rent_within_the_six_months_breaks_no_rule():
    assert date(2026, 8, 31) == EINDE
    assert check(termen()) == []


def test_the_five_kinds_of_56a_2_and_no_other():
    assert set(ONTZORGEN_VASTE_LASTEN.value) == {"huur", "gas", "water", "elektriciteit", "zorgverzekering"}
    for soort in VasteLastSoort:
        in_56a = soort in {"huur", "gas", "water", "elektriciteit", "zorgverzekering"}
        assert vaste_last_buiten_56a(soort) == (not in_56a)
        without = check(termen(soort=soort))
        assert codes(without) == ([] if in_56a else ["niet_56a"]), soort
        # Pw 57: a decision or consent widens what may be paid.
        assert check(termen(soort=soort), uitbreiding=True) == []
    assert not vaste_last_buiten_56a("fiets")
    assert codes(check(termen(soort="fiets"), uitbreiding=True)) == ["soort_verplicht"]


@given(start=st.dates(date(2022, 1, 1), date(2030, 12, 31)), offset=st.integers(-3, 9))
def test_the_first_month_lies_within_the_ontzorging(start, offset):
    einde = ontzorgen_last_day(start)
    van = month_add(start, offset)
    found = codes(check(termen(van_maand=van), start=start, einde=einde))
    first, last = month_of(start), month_of(einde)
    if van < first:
        assert found == ["van_maand_voor_ontzorging"]
    elif van > last:
        assert found == ["van_maand_na_ontzorging"]
    else:
        assert found == []


def test_the_month_boundaries_on_both_sides():
    assert codes(check(termen(van_maand=date(2026, 2, 1)))) == ["van_maand_voor_ontzorging"]
    assert check(termen(van_maand=date(2026, 3, 1))) == []
    assert check(termen(van_maand=date(2026, 8, 1))) == []
    assert codes(check(termen(van_maand=date(2026, 9, 1)))) == ["van_maand_na_ontzorging"]
    assert check(termen(tot_en_met_maand=date(2026, 8, 1))) == []
    assert codes(check(termen(tot_en_met_maand=date(2026, 9, 1)))) == ["tot_na_ontzorging"]
    assert check(termen(van_maand=date(2026, 5, 1), tot_en_met_maand=date(2026, 5, 1))) == []
    assert codes(check(termen(van_maand=date(2026, 5, 1), tot_en_met_maand=date(2026, 4, 1)))) == ["tot_voor_van"]
    assert codes(check(termen(van_maand=None))) == ["van_maand_verplicht"]
    assert codes(check(termen(van_maand=None, tot_en_met_maand=date(2026, 5, 1)))) == ["van_maand_verplicht"]
    found = check(termen(van_maand=date(2026, 9, 1)))
    assert found[0].params == {"maand": date(2026, 8, 1)}


def test_a_creditor_name_of_seventy_characters_and_no_more():
    assert check(termen(crediteur="x" * 70)) == []
    found = check(termen(crediteur="x" * 71))
    assert [(v.code, v.params) for v in found] == [("crediteur_te_lang", {"n": 71, "max": 70})]
    assert codes(check(termen(crediteur=""))) == ["crediteur_verplicht"]


def test_a_fixed_cost_needs_the_creditors_account():
    # A fixed cost is paid by SEPA credit transfer to the creditor (Pw 56a(2)): without an IBAN nothing is paid.
    assert [(v.code, v.field) for v in check(termen(iban=""))] == [("iban_verplicht", "iban")]


def test_the_bic_is_needed_outside_the_eea_only():
    assert check(termen(iban=IBAN_DE)) == []
    found = check(termen(iban=IBAN_CH))
    assert [(v.code, v.params) for v in found] == [("bic_verplicht", {"land": "CH"})]
    assert check(termen(iban=IBAN_CH, bic="UBSWCHZH80A")) == []
    assert codes(check(termen(iban=IBAN_CH, bic="UBSWCH"))) == ["bic_ongeldig"]
    # An invalid IBAN says so; it does not ask for a BIC as well.
    assert codes(check(termen(iban="CH9300762011623852958"))) == ["iban_ongeldig"]


def test_the_reference_is_a_betalingskenmerk_or_a_description_of_at_most_140():
    wrong_check_digit = f"{(int(KENMERK[0]) + 1) % 10}{KENMERK[1:]}"
    assert codes(check(termen(kenmerk=wrong_check_digit))) == ["betalingskenmerk"]
    # The kind as the database gives it back (a plain string, not the enum member) is checked the same way.
    assert codes(check(termen(kenmerk_soort="gestructureerd", kenmerk=wrong_check_digit))) == ["betalingskenmerk"]
    assert check(termen(kenmerk_soort="gestructureerd")) == []
    assert check(termen(kenmerk_soort=KenmerkSoort.VRIJ, kenmerk="x" * 140)) == []
    assert check(termen(kenmerk_soort=KenmerkSoort.VRIJ, kenmerk="x" * 139)) == []
    assert check(termen(kenmerk_soort=KenmerkSoort.VRIJ, kenmerk="Huur maart 2026")) == []
    found = check(termen(kenmerk_soort=KenmerkSoort.VRIJ, kenmerk="x" * 141))
    assert [(v.code, v.params) for v in found] == [("omschrijving_te_lang", {"n": 141, "max": 140})]
    assert codes(check(termen(kenmerk_soort=KenmerkSoort.VRIJ, kenmerk=""))) == ["omschrijving_verplicht"]
    assert codes(check(termen(kenmerk_soort="acceptgiro"))) == ["kenmerk_soort_verplicht"]


@pytest.mark.parametrize(
    ("bedrag", "expected"),
    [
        (None, ["bedrag_verplicht"]),
        (Decimal("0"), ["bedrag_niet_positief"]),
        (Decimal("-0.01"), ["bedrag_niet_positief"]),
        (Decimal("NaN"), ["bedrag_niet_positief"]),
        (Decimal("Infinity"), ["bedrag_niet_positief"]),
        (Decimal("0.01"), []),
        (Decimal("0.005"), ["bedrag_centen"]),
        (Decimal("12.345"), ["bedrag_centen"]),
        (Decimal("12.3"), []),
        (Decimal("12.300"), []),  # trailing zeros are no cents
        (Decimal("1E+2"), []),
        (Decimal("999999999.99"), []),
        (Decimal("1000000000.00"), ["bedrag_te_groot"]),
        (Decimal("1E+30"), ["bedrag_te_groot"]),
    ],
)
def test_an_amount_a_sepa_payment_can_pay(bedrag, expected):
    assert codes(check(termen(bedrag=bedrag))) == expected


def test_the_sepa_amount_limits():
    assert SEPA_BEDRAG_MAX.value == Decimal("999999999.99")
    assert SEPA_BEDRAG_DECIMALEN.value == 2


@given(cents=st.integers(1, 99_999_999_999))
def test_every_amount_in_whole_cents_up_to_the_maximum_is_payable(cents):
    assert check(termen(bedrag=Decimal(cents) / 100)) == []


def test_a_fixed_costs_problems_at_once_in_the_order_of_the_form():
    found = check(
        termen(
            soort=VasteLastSoort.TELECOM,
            van_maand=None,
            crediteur="",
            iban="NL00XXXX",
            kenmerk="123",
            bedrag=Decimal("0"),
        )
    )
    assert [(v.code, v.field) for v in found] == [
        ("niet_56a", "soort"),
        ("van_maand_verplicht", "van_maand"),
        ("crediteur_verplicht", "crediteur"),
        ("iban_ongeldig", "iban"),
        ("betalingskenmerk", "kenmerk"),
        ("bedrag_niet_positief", "bedrag"),
    ]


@given(st.builds(replace, st.just(termen()), bedrag=st.decimals(allow_nan=True, places=None) | st.none()))
def test_the_checks_never_raise(t):
    for v in check(t):
        assert v.field == "bedrag"
