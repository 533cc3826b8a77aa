"""Every legal value of rules/, pinned to the text it comes from.

The expected values below are typed from the sources named next to them (the decree's title, the
Betaalvereniging's specification, the article), never read from the constant under test: a changed
value in rules/ must make a test here fail. Where a value drives a computation, the test checks the
computation's result on a case worked out by hand from the source.
"""

import re
from datetime import date

import pytest
from dateutil.relativedelta import relativedelta

from openinburgering.core.tests.reference import DUO_SPEC_DIR, reference_path
from openinburgering.rules import (  # every module, so that bin/mutation-rules runs this file for each
    base,
    dossiertermijnen,
    duo,
    duo_acceptatie,
    enums,
    handhaving,
    inkoop,
    intake,
    kalender,
    leerroute,
    ontzorgen,
    personen,
    sepa,
    termijnen,
)
from openinburgering.rules.base import Rule
from openinburgering.rules.duo_acceptatie import UREN_BEREIK, VERWIJTBAAR_NEE_MARGE
from openinburgering.rules.enums import Doelgroep
from openinburgering.rules.kalender import TermLength, TermUnit

# --- Atw 3(3): the gelijkgestelde dagen, from the titles of the two decrees -----------------------

# "Besluit gelijkstelling van 28 april 2023, 19 mei 2023, 10 mei 2024, 27 december 2024 en 30 mei 2025
# met een algemeen erkende feestdag"
DECREE_2023_2025 = {date(2023, 4, 28), date(2023, 5, 19), date(2024, 5, 10), date(2024, 12, 27), date(2025, 5, 30)}
# "Besluit gelijkstelling van 2 januari 2026, 15 mei 2026, 7 mei 2027, 28 april 2028 en 26 mei 2028
# met een algemeen erkende feestdag"
DECREE_2026_2028 = {date(2026, 1, 2), date(2026, 5, 15), date(2027, 5, 7), date(2028, 4, 28), date(2028, 5, 26)}


def test_gelijkgestelde_dagen_are_exactly_the_days_of_the_decrees():
    assert kalender.GELIJKGESTELDE_DAGEN.value == DECREE_2023_2025 | DECREE_2026_2028


@pytest.mark.parametrize("day", sorted(DECREE_2023_2025 | DECREE_2026_2028))
def test_each_gelijkgestelde_dag_is_a_friday_and_not_a_working_day(day):
    # All ten are bridge Fridays (after Hemelvaartsdag, or after a holiday on a Thursday).
    assert day.weekday() == 4
    assert not kalender.is_working_day(day, feestdagen=kalender.atw_feestdagen([day.year]))


@pytest.mark.parametrize(
    ("event", "last_day", "why"),
    [
        # Six weeks after Friday 17 March 2023 is Friday 28 April 2023 (gelijkgesteld, decree 2023-2025):
        # the term runs on past the weekend to Monday 1 May.
        (date(2023, 3, 17), date(2023, 5, 1), "28 April 2023"),
        (date(2023, 4, 7), date(2023, 5, 22), "19 May 2023, the Friday after Hemelvaartsdag"),
        (date(2024, 3, 29), date(2024, 5, 13), "10 May 2024"),
        (date(2024, 11, 15), date(2024, 12, 30), "27 December 2024, after Tweede Kerstdag"),
        (date(2025, 4, 18), date(2025, 6, 2), "30 May 2025"),
        (date(2027, 3, 26), date(2027, 5, 10), "7 May 2027"),
        (date(2028, 3, 17), date(2028, 5, 1), "28 April 2028"),
        (date(2028, 4, 14), date(2028, 5, 29), "26 May 2028"),
    ],
)
def test_a_term_ending_on_a_gelijkgestelde_dag_runs_on(event, last_day, why):
    feestdagen = kalender.feestdagen_for_range(event, last_day)
    assert termijnen.bezwaartermijn_end(event, feestdagen=feestdagen) == last_day, why


@pytest.mark.parametrize(
    "day",
    # The Fridays after Hemelvaartsdag and around Koningsdag in the years no decree covers are ordinary days.
    [date(2022, 5, 27), date(2029, 5, 11), date(2023, 4, 21), date(2024, 5, 3), date(2025, 5, 23)],
)
def test_days_next_to_the_decrees_stay_working_days(day):
    assert kalender.is_working_day(day, feestdagen=kalender.atw_feestdagen(range(2022, 2030)))


# --- Betaalvereniging, "Specificaties betalingskenmerk" ------------------------------------------

WEIGHTS_FROM_THE_RIGHT = (
    2,
    4,
    8,
    5,
    10,
    9,
    7,
    3,
    6,
    1,
)  # "Voor getallen groter dan 10 cijfers herhalen deze gewichten zich"


def spec_check_digit(digits: str) -> int:
    """The specification's steps, written out again: A = Σ cijfer × gewicht; C = 11 − (A mod 11); 10 → 1, 11 → 0."""
    a = sum(int(d) * WEIGHTS_FROM_THE_RIGHT[i % 10] for i, d in enumerate(reversed(digits)))
    c = 11 - a % 11
    if c == 10:
        return 1
    if c == 11:
        return 0
    return c


def test_the_specifications_worked_example():
    # "(5)000 0567 8901 2345": A = 215, 215 mod 11 = 6, C = 11 - 6 = 5.
    assert ontzorgen.betalingskenmerk_check_digit("000056789012345") == 5
    assert ontzorgen.betalingskenmerk_is_valid("5000056789012345")
    # "12 2345 3462 2567: hier is het controlecijfer 1 en de lengtecode 2, aangevend dat er twaalf cijfers volgen."
    assert ontzorgen.betalingskenmerk_check_digit("2234534622567") == 1
    assert ontzorgen.betalingskenmerk_is_valid("12 2345 3462 2567")
    assert ontzorgen.betalingskenmerk_is_valid("1223 4534 6225 67")


def test_each_weight_of_the_specification():
    # One digit 1 at position p from the right (p = 1..20) weighs the p-th weight, repeating after ten.
    for position in range(1, 21):
        digits = "1" + "0" * (position - 1)
        a = WEIGHTS_FROM_THE_RIGHT[(position - 1) % 10]
        assert ontzorgen.betalingskenmerk_check_digit(digits.zfill(15)) == spec_check_digit(digits), position
        expected = 11 - a % 11
        assert ontzorgen.betalingskenmerk_check_digit(digits.zfill(15)) == {10: 1, 11: 0}.get(expected, expected)


def test_c_is_11_gives_0_and_c_is_10_gives_1():
    # "Indien C = 11 wordt 0 aangenomen": fifteen zeros give A = 0, so C = 11 - 0 = 11 → check digit 0.
    assert ontzorgen.betalingskenmerk_check_digit("0" * 15) == 0
    assert ontzorgen.betalingskenmerk_is_valid("0" * 16)
    assert not ontzorgen.betalingskenmerk_is_valid("1" + "0" * 15)
    # "Indien C = 10 wordt 1 aangenomen": a last digit 6 (weight 2) gives A = 12, 12 mod 11 = 1, C = 10 → 1.
    assert ontzorgen.betalingskenmerk_check_digit("000000000000006") == 1
    assert ontzorgen.betalingskenmerk_is_valid("1000000000000006")
    assert not ontzorgen.betalingskenmerk_is_valid("0000000000000006")
    # A = 2 × 5 = 10 (last digit 5): 10 mod 11 = 10, C = 1, an ordinary check digit.
    assert ontzorgen.betalingskenmerk_check_digit("000000000000005") == 1


# "9 cijfers = C+L+7N waarbij L=7; 10 = C+L+8N, L=8; 11 = C+L+9N, L=9; 12 = C+L+10N, L=0;
#  13 = C+L+11N, L=1; 14 = C+L+12N, L=2"
LENGTH_CODES = {9: "7", 10: "8", 11: "9", 12: "0", 13: "1", 14: "2"}


@pytest.mark.parametrize(("length", "code"), sorted(LENGTH_CODES.items()))
def test_length_codes_of_the_specification(length, code):
    body = "1234567890123"[: length - 2]
    reference = f"{spec_check_digit(code + body)}{code}{body}"
    assert len(reference) == length
    assert ontzorgen.betalingskenmerk_is_valid(reference)
    for wrong in "0123456789":
        if wrong != code:
            other = f"{spec_check_digit(wrong + body)}{wrong}{body}"
            assert not ontzorgen.betalingskenmerk_is_valid(other), (length, wrong)


@pytest.mark.parametrize(
    ("length", "valid"),
    [(6, False), (7, True), (8, False), (15, False), (16, True), (17, False)],
)
def test_lengths_of_the_specification(length, valid):
    # "minimaal 7 en maximaal 16 cijfers"; 7: no check; 16: C + 15N; 8 and 15 are not in the table.
    body = "0" * (length - 1)
    reference = f"{spec_check_digit(body)}{body}" if length != 7 else "1234567"
    assert ontzorgen.betalingskenmerk_is_valid(reference) is valid
    assert (length in ontzorgen.BETALINGSKENMERK_LENGTES.value) is valid


def test_seven_digits_carry_no_check_digit():
    # "Bij een lengte van 7 cijfers bevat het NL-betalingskenmerk geen controlecijfer".
    assert all(ontzorgen.betalingskenmerk_is_valid(f"{n}234567") for n in range(10))


# --- terms: the article's number, and a case worked out by hand -------------------------------------

FEESTDAGEN = kalender.atw_feestdagen(range(2020, 2032))


def test_bi_5_3_1_ten_weeks():
    # Kennisgeving Monday 2 March 2026: ten weeks later is Monday 11 May 2026, an ordinary working day.
    assert termijnen.PIP_TERMIJN.value.length == TermLength(10, TermUnit.WEEKS)
    assert termijnen.term_last_day(date(2026, 3, 2), termijnen.PIP_TERMIJN, feestdagen=FEESTDAGEN) == date(2026, 5, 11)


def test_bi_5_3_2_two_weeks_after_the_information_arrives():
    # Requested on 2 February 2026 (within the ten weeks from 5 January), received Tuesday 7 April 2026:
    # "uiterlijk twee weken na ontvangst" is Tuesday 21 April 2026.
    clock = termijnen.pip_deadline(
        start=date(2026, 1, 5),
        information_requested=date(2026, 2, 2),
        information_received=date(2026, 4, 7),
        feestdagen=FEESTDAGEN,
    )
    assert clock.end == date(2026, 4, 21)
    assert clock.extended
    assert termijnen.PIP_NA_INFORMATIE_DERDEN.value.length == TermLength(2, TermUnit.WEEKS)


def test_awb_6_7_six_weeks_and_6_9_one_week():
    assert termijnen.BEZWAARTERMIJN.value.length == TermLength(6, TermUnit.WEEKS)
    assert termijnen.bezwaartermijn_end(date(2026, 3, 2), feestdagen=FEESTDAGEN) == date(2026, 4, 13)
    assert termijnen.BEZWAAR_POSTREGEL.value == TermLength(1, TermUnit.WEEKS)


def test_wi_11_three_years():
    assert termijnen.INBURGERINGSTERMIJN.value.length == TermLength(3, TermUnit.YEARS)
    termijn = termijnen.inburgeringstermijn(date(2026, 3, 10))
    assert (termijn.start, termijn.last_day, termijn.duo_einddatum) == (
        date(2026, 3, 11),
        date(2029, 3, 10),
        date(2029, 3, 11),
    )


@pytest.mark.parametrize(
    ("dagtekening", "last_change_day"),
    [
        # "tot anderhalf jaar na aanvang van de inburgeringstermijn": 18 months from the first day.
        (date(2026, 3, 10), date(2027, 9, 10)),  # start 11 March 2026
        (date(2026, 3, 30), date(2027, 9, 30)),  # start 31 March 2026: 31 September does not exist
        (date(2026, 8, 30), date(2028, 2, 29)),  # start 31 August 2026: February 2028 has 29 days
        (date(2025, 12, 31), date(2027, 6, 30)),  # start 1 January 2026
    ],
)
def test_bi_5_4_eighteen_months(dagtekening, last_change_day):
    assert termijnen.ROUTEWIJZIGING_TERMIJN.value.length == TermLength(18, TermUnit.MONTHS)
    assert termijnen.inburgeringstermijn(dagtekening).route_change_last_day() == last_change_day


def test_wi_14_and_22_summonses_and_boete():
    assert termijnen.BREDE_INTAKE_OPROEPEN.value == 3  # Wi 14(2): "na drie oproepen"
    assert intake.WAARSCHUWING_OPROEP.value == 2  # Wi 22: the second summons comes with the warning
    assert intake.BOETE_BREDE_INTAKE.value == 250  # Bi 7.1(1): € 250
    assert termijnen.BOETE_NIEUWE_TERMIJN_MAX.value == TermLength(2, TermUnit.MONTHS)  # Wi 22(2)
    assert intake.OPROEP_OVERTREDINGEN.value == {
        intake.OproepUitkomst.NIET_VERSCHENEN,
        intake.OproepUitkomst.ONVOLDOENDE_MEEGEWERKT,
    }


def test_oproep_default_term_of_two_weeks():
    # Product policy (Wi 14(1) leaves it to the college): sent Monday 2 February 2026 → Monday 16 February.
    assert termijnen.oproep_last_day(date(2026, 2, 2), feestdagen=FEESTDAGEN) == date(2026, 2, 16)
    # Sent Monday 13 April 2026: two weeks end on Koningsdag (Monday 27 April) → Tuesday 28 April.
    assert termijnen.oproep_last_day(date(2026, 4, 13), feestdagen=FEESTDAGEN) == date(2026, 4, 28)
    assert not termijnen.OPROEP_TERMIJN.value.statutory


def test_atw_numbers():
    # Atw 4(a): "meer dan twaalf weken, drie maanden of negentig dagen"; Atw 2: "ten minste twee dagen".
    assert kalender.ATW_LIMITS.value == {TermUnit.DAYS: 90, TermUnit.WEEKS: 12, TermUnit.MONTHS: 3}
    assert kalender.ATW_MIN_WORKING_DAYS.value == 2


def test_pw_56a_six_months():
    assert ontzorgen.ONTZORGEN_DUUR.value == TermLength(6, TermUnit.MONTHS)
    assert ontzorgen.ontzorgen_last_day(date(2026, 7, 1)) == date(2026, 12, 31)


def test_iso_20022_max140text():
    assert ontzorgen.OMSCHRIJVING_MAX.value == 140


# --- hours, ranges and ages --------------------------------------------------------------------


def test_hours_of_the_besluit():
    assert leerroute.PVT_MIN_HOURS.value == 12  # Bi 3.1: "ten minste twaalf uur"
    assert leerroute.Z_ROUTE_COURSE_HOURS.value == 800  # Bi 3.14(2)-(3)
    assert leerroute.Z_ROUTE_PARTICIPATION_HOURS.value == {
        Doelgroep.ASIELSTATUSHOUDER: 800,  # Bi 3.14(2)
        Doelgroep.GEZINSMIGRANT_EN_OVERIGE_MIGRANT: 0,  # Bi 3.14(3): course hours only
    }
    assert leerroute.AFSCHALEN_MIN_HOURS.value == 600  # Bi 5.5


def test_ranges_of_duos_apis():
    assert leerroute.GESCHATTE_INTENSITEIT_RANGE.value == (1, 9999)  # PIP API: geschatteIntensiteitB1Route
    assert UREN_BEREIK.value == (0, 9999)  # GevolgdeUren API
    assert intake.LBT_EXAMENNUMMER_MAX.value == 12  # Leerbaarheidstoets API: maxLength 12
    assert personen.VNUMMER_MAX_DIGITS.value == 10  # Notificatie API: vNummer, at most 10 digits


def test_lbt_score_pattern():
    pattern = intake.LBT_SCORE_PATTERN.value
    assert all(re.match(pattern, score) for score in ("0,00", "12,50", "100,00"))
    assert not any(re.match(pattern, score) for score in ("1000,00", "12.50", "12,5", ",50", "12,500"))


def test_verwijtbaar_nee_marge_is_two_months():
    # DUO README: 'Nee' only "wanneer de einddatum van de inburgeringstermijn binnen 2 maanden valt".
    assert date(2026, 1, 31) + VERWIJTBAAR_NEE_MARGE.value == date(2026, 3, 31)
    assert date(2026, 12, 31) + VERWIJTBAAR_NEE_MARGE.value == date(2027, 2, 28)


def test_wi_3_and_54():
    assert personen.MINIMUM_AGE.value == 16  # Wi 3(1): "zestien jaar"
    assert personen.WI2021_IN_FORCE.value == date(2022, 1, 1)  # Wi 54(1)


# Algemene Ouderdomswet art. 7a(1) (Wet temporisering verhoging AOW-leeftijd, Stb. 2019, 514): "66 jaar en 4
# maanden" in 2021, "66 jaar en 7 maanden" in 2022, "66 jaar en 10 maanden" in 2023, "67 jaar" in 2024.
AOW_ART_7A_1 = {2021: (66, 4), 2022: (66, 7), 2023: (66, 10), 2024: (67, 0)}
# Art. 7a(2): from 2025 the age follows the life expectancy, set five years ahead by ministeriële regeling
# (SVB, "AOW-leeftijd"): 67 in 2025-2027, 67 and 3 months in 2028, 2029 and 2030; 2031 as the rule's own
# source has it (67 and 3 months), not yet checked against the Staatscourant (the rule says verified=False).
AOW_REGELINGEN = {2025: (67, 0), 2026: (67, 0), 2027: (67, 0), 2028: (67, 3), 2029: (67, 3), 2030: (67, 3)}
AOW_2031_UNVERIFIED = (67, 3)


@pytest.mark.parametrize(("year", "age"), sorted({**AOW_ART_7A_1, **AOW_REGELINGEN, 2031: AOW_2031_UNVERIFIED}.items()))
def test_aow_age_per_year_from_art_7a_and_the_regelingen(year, age):
    years, months = age
    assert personen.aow_age(year) == relativedelta(years=years, months=months)


# --- valid_from: the day each source took effect ---------------------------------------------------


def _rules() -> list[tuple[str, Rule[object]]]:
    found = []
    for module in (handhaving, inkoop, intake, kalender, leerroute, ontzorgen, personen, sepa, termijnen):
        found += [(name, value) for name, value in vars(module).items() if isinstance(value, Rule)]
    return found


@pytest.mark.parametrize(("name", "rule"), _rules(), ids=[name for name, _ in _rules()])
def test_valid_from_is_the_day_the_source_took_effect(name, rule):
    citation = rule.citation
    if citation.startswith(("Wi ", "Bi ", "Pw 56a", "Pw 57")):
        # Wi 54 and the Besluit of the same date: the Wet inburgering 2021 (and with it Pw 56a) from 1 January 2022.
        assert rule.valid_from == date(2022, 1, 1), name
    elif citation.startswith("Awb 5:"):
        assert rule.valid_from == date(2009, 7, 1), name  # titel 5.4, the Vierde tranche Awb, from 1 July 2009
    elif citation.startswith("Awb"):
        assert rule.valid_from == date(1994, 1, 1), name  # the Algemene wet bestuursrecht from 1 January 1994
    elif citation.startswith("Atw"):
        # The Algemene termijnenwet (Wet van 25 juli 1964, Stb. 1964, 314) took effect on 1 April 1965;
        # the gelijkgestelde dagen apply from the first decree's year.
        expected = date(2023, 1, 1) if name == "GELIJKGESTELDE_DAGEN" else date(1965, 4, 1)
        assert rule.valid_from == expected, name
    elif name in ("SEPA_LANDEN_BUITEN_EER", "SEPA_LANDEN"):
        assert rule.valid_from == date(2025, 5, 22), name  # Serbia's admission: test_sepa_scope_since_serbia
    elif citation.startswith(("Betaalvereniging", "ISO 20022", "EPC409-09", "EPC SCT customer-to-PSP")):
        # Regulation (EU) 260/2012, art. 6: SEPA credit transfers (with their remittance) from 1 February 2014,
        # in the ISO 20022 XML format (art. 5(1)(d)) whose field limits the EPC's implementation guidelines give.
        assert rule.valid_from == date(2014, 2, 1), name
    elif name == "BIC_VERPLICHT_BUITEN_EER":
        # Regulation (EU) 260/2012, art. 5(7): IBAN-only for cross-border transfers from 1 February 2016.
        assert rule.valid_from == date(2016, 2, 1), name
    elif name == "AOW_AGE_BY_YEAR":
        assert rule.valid_from == date(min(rule.value), 1, 1)  # type: ignore[call-overload]
    elif citation.startswith(("Blik op Werk", "Issue 13")):
        # The keurmerk demands apply to what gemeenten buy under the Wi2021, from its start (Wi 54): 1 January 2022.
        assert rule.valid_from == date(2022, 1, 1), name
    elif citation.startswith("DUO "):
        # DUO's koppeling serves the Wet inburgering 2021 from its start (Wi 54(1)): 1 January 2022.
        assert rule.valid_from == date(2022, 1, 1), name
    else:
        pytest.fail(f"{name} ({citation}): no source date known for its valid_from")


def test_sepa_scope_since_serbia():
    # The EPC Board admitted Serbia on Thursday 22 May 2025 (press reports of the EPC's statement): from then
    # the schemes cover 41 countries, the 30 of the EEA and 11 outside it, with Gibraltar as a territory (GI).
    assert sepa.SEPA_LANDEN_BUITEN_EER.valid_from == date(2025, 5, 22)
    assert sepa.SEPA_LANDEN.valid_from == date(2025, 5, 22)
    assert len(sepa.SEPA_LANDEN.value - {"GI"}) == 41
    assert sepa.SEPA_LANDEN.verified is sepa.SEPA_LANDEN_BUITEN_EER.verified is False


# --- DUO's rules: the version date of the API they come from, read from DUO's README -----------------------

API_ROW = re.compile(r"^\|\s*\[([^\]]+)\]\(API/[^)]*\)\s*\|\s*V[\d.]+\s*\|\s*(\d\d)-(\d\d)-(\d{4})\s*\|", re.MULTILINE)
# Which API each rule of duo_acceptatie.py was read from (its source_url).
DUO_RULE_API = {
    "VERWIJTBAAR_NEE_MARGE": "MAP, PVT, Z-route",
    "UREN_BEREIK": "Gevolgde Uren",
    "PARTICIPATIEACTIVITEITEN_DOELGROEPEN": "Gevolgde Uren",
    "PIP_INTREKKEN": "PIP",
    "CONTACTPERSOON_NAAM_TEKENS": "Contactpersoon",
    "CONTACTPERSOON_TELEFOON_PATROON": "Contactpersoon",
}


def test_duo_rules_apply_from_the_version_date_of_their_api():
    readme = reference_path(DUO_SPEC_DIR / "README.md", "DUO's specifications").read_text(encoding="utf-8")
    versions = {name: date(int(y), int(m), int(d)) for name, d, m, y in API_ROW.findall(readme)}
    for name, api in DUO_RULE_API.items():
        assert getattr(duo_acceptatie, name).valid_from == versions[api], name
    assert set(DUO_RULE_API) == {n for n, v in vars(duo_acceptatie).items() if isinstance(v, Rule)}


def test_duo_gebeurtenissen_apply_from_the_start_of_the_wet():
    # The gebeurtenissen and attentiesignalen serve the Wet inburgering 2021 from its start (Wi 54).
    assert duo.DUO_GEBEURTENISSEN.valid_from == duo.DUO_ATTENTIESIGNALEN.valid_from == date(2022, 1, 1)


def test_rules_and_facts_cannot_be_changed_once_made():
    """A legal value is read, never changed at run time: every dataclass of rules/ is frozen."""
    import dataclasses
    from importlib import import_module
    from pkgutil import iter_modules

    import openinburgering.rules as package

    found = 0
    modules = {
        base,
        dossiertermijnen,
        duo,
        duo_acceptatie,
        enums,
        handhaving,
        inkoop,
        intake,
        kalender,
        leerroute,
        ontzorgen,
        personen,
    }
    for info in iter_modules(package.__path__):
        module = import_module(f"openinburgering.rules.{info.name}")
        modules.discard(module)
        for value in vars(module).values():
            if isinstance(value, type) and dataclasses.is_dataclass(value) and value.__module__ == module.__name__:
                found += 1
                assert value.__dataclass_params__.frozen, value  # type: ignore[attr-defined]
    assert found >= 15 and not modules


def test_which_terms_the_law_sets():
    # Set in a law or AMvB (Atw 1 and 5): the Bi's and Awb's terms and Wi 11; the summons term is the college's.
    for term in (
        termijnen.PIP_TERMIJN,
        termijnen.PIP_NA_INFORMATIE_DERDEN,
        termijnen.BEZWAARTERMIJN,
        termijnen.INBURGERINGSTERMIJN,
        termijnen.ROUTEWIJZIGING_TERMIJN,
    ):
        assert term.value.statutory, term.source
    assert not termijnen.OPROEP_TERMIJN.value.statutory  # Wi 14(1): the college sets it
    # Atw 4: of those, only the terms of at most twelve weeks / three months move past non-working days.
    assert termijnen.PIP_TERMIJN.value.atw and termijnen.PIP_NA_INFORMATIE_DERDEN.value.atw
    assert termijnen.BEZWAARTERMIJN.value.atw
    assert not termijnen.INBURGERINGSTERMIJN.value.atw and not termijnen.ROUTEWIJZIGING_TERMIJN.value.atw


def test_the_values_not_checked_against_a_primary_text_say_so():
    # The domain brief marks these UNVERIFIED (or they are the product's own choice): a functioneel beheerder
    # must be able to see that. Every other rule was read in its source.
    unverified = {
        "GELIJKGESTELDE_DAGEN",  # decree titles as quoted; each decree to be checked in the Staatscourant
        "OPROEP_TERMIJN",  # the product's default, not law
        "AANDACHTSPUNTEN",  # the product's own list
        "AOW_AGE_BY_YEAR",  # 2031 not yet checked against the Staatscourant
        "SEPA_LANDEN_BUITEN_EER",  # the Western Balkan and Moldovan additions from secondary sources
        "SEPA_LANDEN",  # follows the previous one
        "DUO_ATTENTIESIGNALEN",  # DUO marks the page provisional
        "VERWIJTBAAR_NEE_MARGE",  # "within two months" of what: to confirm with DUO
        # The EPC SCT implementation guidelines' field limits, not yet read in the EPC text itself:
        "SEPA_NAAM_MAX",
        "SEPA_BEDRAG_MAX",
        "SEPA_BEDRAG_DECIMALEN",
        # Bi 7.1 (the Wi 23 fine) was not in the stored material (reference/handhaving/README.md):
        "BOETE_PIP_BASIS",
        "BOETE_PIP_MAX",
        "HERHALING_VENSTER",
        "HERHALING",
        "VERWIJTBAARHEID_FACTOR",
        "BOETES_SOM_MAX_TERMIJN",
        "BOETES_SOM_MAX_NIEUWE_TERMIJN",
        "KEURMERK_WAARSCHUWING_DAGEN",  # the product's warning window (issue 13), not Blik op Werk's
    }
    modules = (
        base, dossiertermijnen, duo, duo_acceptatie, enums, handhaving, inkoop, intake, kalender, leerroute, ontzorgen,
        personen,
    )  # fmt: skip
    found = {
        name
        for module in (*modules, sepa, termijnen)
        for name, value in vars(module).items()
        if isinstance(value, Rule) and not value.verified
    }
    assert found == unverified


# --- Blik op Werk, Keurmerk Inburgeren (blikopwerk.nl/inburgeren/keurmerk-inburgeren/) -------------------------
# "gemeenten may buy trajecten for asielstatushouders under the Wi2021 only from keurmerkhouders"; "the
# onderwijsroute is outside the Keurmerk"; Bi 3.14(2): the Z-route's courses at a keurmerk institution.


def test_the_keurmerk_is_required_for_the_b1_and_z_route_of_asielstatushouders_only():
    assert inkoop.KEURMERK_VERPLICHT.value == {
        Doelgroep.ASIELSTATUSHOUDER: frozenset({inkoop.Component.B1_ROUTE, inkoop.Component.Z_ROUTE})
    }
    assert inkoop.KEURMERK_NIET_VAN_TOEPASSING.value == frozenset({inkoop.Component.ONDERWIJSROUTE})
    assert inkoop.KEURMERK_VERPLICHT.valid_from == date(2022, 1, 1)  # the Wi2021's inkoop from its start (Wi 54)
