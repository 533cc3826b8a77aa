"""The college's fines, written from domain brief §4.1–4.2 (Wi 22, 23, 26; Bi 7.1; Awb 5:41–5:53), not from the code."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from openinburgering.rules.handhaving import (
    BESLISTERMIJN_NA_RAPPORT,
    BOETE_PIP_BASIS,
    BOETE_PIP_MAX,
    BOETES_BREDE_INTAKE_MAX,
    BOETES_SOM_MAX_NIEUWE_TERMIJN,
    BOETES_SOM_MAX_TERMIJN,
    HERHALING,
    HERHALING_VENSTER,
    RAPPORT_VERPLICHT_BOVEN,
    VERWIJTBAARHEID_FACTOR,
    EerdereOvertreding,
    Herhaling,
    Overtreding,
    Verwijtbaarheid,
    boete_berekenen,
    herhalingen,
    rapport_verplicht,
    verval_termijn,
    wettelijk_maximum,
)
from openinburgering.rules.kalender import TermLength, TermUnit

D = Decimal
WI22, WI23 = Overtreding.BREDE_INTAKE, Overtreding.PIP
OPZET = Verwijtbaarheid.OPZET


# --- the values, as the brief states them --------------------------------------------------------


def test_the_legal_values():
    assert BOETES_BREDE_INTAKE_MAX.value == 2
    assert BOETE_PIP_BASIS.value == D(50)
    assert BOETE_PIP_MAX.value == D(800)
    assert HERHALING_VENSTER.value == TermLength(12, TermUnit.MONTHS)
    assert VERWIJTBAARHEID_FACTOR.value == {
        Verwijtbaarheid.OPZET: D("1"),
        Verwijtbaarheid.GROVE_SCHULD: D("0.75"),
        Verwijtbaarheid.GEEN_OPZET_OF_GROVE_SCHULD: D("0.5"),
        Verwijtbaarheid.VERMINDERD: D("0.25"),
        Verwijtbaarheid.GEEN: D(0),
    }
    assert BOETES_SOM_MAX_TERMIJN.value == D(2400)
    assert BOETES_SOM_MAX_NIEUWE_TERMIJN.value == {
        TermLength(6, TermUnit.MONTHS): D(400),
        TermLength(1, TermUnit.YEARS): D(800),
        TermLength(18, TermUnit.MONTHS): D(1200),
        TermLength(2, TermUnit.YEARS): D(1600),
    }
    assert RAPPORT_VERPLICHT_BOVEN.value == D(340)
    assert BESLISTERMIJN_NA_RAPPORT.value == TermLength(13, TermUnit.WEEKS)


def test_what_our_sources_do_not_settle_is_marked_unverified():
    """reference/handhaving/README.md: the text of Bi 7.1 was not read; the repeat rule is open."""
    for rule in (BOETE_PIP_BASIS, HERHALING, HERHALING_VENSTER, VERWIJTBAARHEID_FACTOR, BOETES_SOM_MAX_TERMIJN):
        assert rule.verified is False
        assert rule.citation.startswith("Bi 7.1")
    assert HERHALING.value is Herhaling.VERDUBBELEN


# --- Wi 22: fixed -------------------------------------------------------------------------------


@pytest.mark.parametrize("verwijtbaarheid", [v for v in Verwijtbaarheid if v is not Verwijtbaarheid.GEEN])
def test_wi22_is_250_whatever_the_culpability(verwijtbaarheid):
    berekening = boete_berekenen(WI22, verwijtbaarheid=verwijtbaarheid)
    assert berekening.bedrag == D("250.00")
    assert [s.code for s in berekening.stappen] == ["vast_bedrag"]
    assert berekening.stappen[0].params == {"bron": "Bi 7.1(1)"}


def test_no_fine_without_culpability_awb_5_41():
    assert boete_berekenen(WI22, verwijtbaarheid=Verwijtbaarheid.GEEN).bedrag == 0
    assert boete_berekenen(WI22, verwijtbaarheid=Verwijtbaarheid.GEEN).stappen[-1].code == "niet_verwijtbaar"
    assert boete_berekenen(WI23, verwijtbaarheid=Verwijtbaarheid.GEEN, aantal_herhalingen=3).bedrag == 0


# --- Wi 23: base, repeats, culpability ----------------------------------------------------------


@pytest.mark.parametrize(
    ("repeats", "doubling", "adding"),
    [
        (0, 50, 50), (1, 100, 100), (2, 200, 150), (3, 400, 200), (4, 800, 250), (5, 800, 300),
        (15, 800, 800), (16, 800, 800),
    ],
)  # fmt: skip
def test_wi23_repeats_raise_the_base_up_to_800_under_either_reading(repeats, doubling, adding):
    verdubbeld = boete_berekenen(
        WI23, verwijtbaarheid=OPZET, aantal_herhalingen=repeats, herhaling=Herhaling.VERDUBBELEN
    )
    erbij = boete_berekenen(WI23, verwijtbaarheid=OPZET, aantal_herhalingen=repeats, herhaling=Herhaling.BASIS_ERBIJ)
    assert (verdubbeld.bedrag, erbij.bedrag) == (D(doubling), D(adding))


def test_the_default_reading_is_the_rule_in_force():
    assert boete_berekenen(WI23, verwijtbaarheid=OPZET, aantal_herhalingen=2).bedrag == D(200)


@pytest.mark.parametrize(
    ("verwijtbaarheid", "first", "third_repeat"),
    [
        (Verwijtbaarheid.OPZET, "50.00", "400.00"),
        (Verwijtbaarheid.GROVE_SCHULD, "37.50", "300.00"),
        (Verwijtbaarheid.GEEN_OPZET_OF_GROVE_SCHULD, "25.00", "200.00"),
        (Verwijtbaarheid.VERMINDERD, "12.50", "100.00"),
    ],
)
def test_wi23_culpability_factor(verwijtbaarheid, first, third_repeat):
    assert boete_berekenen(WI23, verwijtbaarheid=verwijtbaarheid).bedrag == D(first)
    assert boete_berekenen(WI23, verwijtbaarheid=verwijtbaarheid, aantal_herhalingen=3).bedrag == D(third_repeat)


def test_the_computation_is_shown_step_by_step():
    berekening = boete_berekenen(WI23, verwijtbaarheid=Verwijtbaarheid.GROVE_SCHULD, aantal_herhalingen=1)
    assert [(s.code, s.bedrag) for s in berekening.stappen] == [
        ("basis", D(50)),
        ("herhaling", D(100)),
        ("verwijtbaarheid", D("75.00")),
    ]
    assert berekening.stappen[1].params == {"herhalingen": 1, "wijze": "verdubbelen"}
    assert berekening.stappen[2].params == {"verwijtbaarheid": "grove_schuld", "factor": D("0.75")}


def test_a_negative_repeat_count_is_refused():
    with pytest.raises(ValueError, match="cannot be negative"):
        boete_berekenen(WI23, verwijtbaarheid=OPZET, aantal_herhalingen=-1)


# --- the cap on the sum of Wi 22 + 23 fines -------------------------------------------------------


@pytest.mark.parametrize(
    ("eerder", "expected", "capped"),
    [
        ("2150.00", "250.00", False), ("2150.01", "249.99", True), ("2300.00", "100.00", True),
        ("2400.00", "0.00", True), ("2500.00", "0.00", True),
    ],
)  # fmt: skip
def test_the_sum_cap_during_the_term(eerder, expected, capped):
    berekening = boete_berekenen(
        WI22, verwijtbaarheid=OPZET, eerder_opgelegd=D(eerder), som_maximum=BOETES_SOM_MAX_TERMIJN.value
    )
    assert berekening.bedrag == D(expected)
    assert (berekening.stappen[-1].code == "som_maximum") is capped


def test_without_earlier_fines_the_whole_cap_is_room():
    assert boete_berekenen(WI22, verwijtbaarheid=OPZET, som_maximum=D(249)).bedrag == D(249)
    assert boete_berekenen(WI22, verwijtbaarheid=OPZET, som_maximum=D(250)).stappen[-1].code == "vast_bedrag"


def test_the_sum_cap_in_a_new_term_after_a_duo_fine():
    half_year = BOETES_SOM_MAX_NIEUWE_TERMIJN.value[TermLength(6, TermUnit.MONTHS)]
    berekening = boete_berekenen(
        WI23, verwijtbaarheid=OPZET, aantal_herhalingen=3, eerder_opgelegd=D(250), som_maximum=half_year
    )
    assert berekening.bedrag == D(150)
    assert berekening.stappen[-1].params == {"maximum": D(400), "eerder": D(250)}


# --- which earlier offences count as repeats ---------------------------------------------------


def _earlier(day: date, final: bool = True) -> EerdereOvertreding:
    return EerdereOvertreding(vastgesteld_op=day, boete_onherroepelijk=final)


@pytest.mark.parametrize(
    ("earlier", "counts"),
    [
        (date(2025, 3, 15), True),  # the same date a year before: the first day of the twelve months
        (date(2025, 3, 14), False),  # the day before that
        (date(2026, 3, 14), True),  # the day before this finding
        (date(2026, 3, 15), False),  # the same day: not before it
        (date(2026, 3, 16), False),  # later
    ],
)
def test_a_repeat_is_found_in_the_twelve_months_before(earlier, counts):
    assert herhalingen(date(2026, 3, 15), [_earlier(earlier)]) == int(counts)


def test_only_an_onherroepelijk_fine_counts():
    found = date(2026, 3, 15)
    assert herhalingen(found, [_earlier(date(2026, 1, 1), final=False), _earlier(date(2026, 2, 1))]) == 1


def test_twelve_months_before_29_february():
    assert herhalingen(date(2028, 2, 29), [_earlier(date(2027, 2, 28)), _earlier(date(2027, 2, 27))]) == 1


# --- Awb: rapport, terms --------------------------------------------------------------------------


def test_a_rapport_is_mandatory_for_wi23_not_for_wi22():
    """Awb 5:53: more than €340 can be imposed for Wi 23 (€800), not for Wi 22 (€250)."""
    assert wettelijk_maximum(WI23) == D(800) and wettelijk_maximum(WI22) == D(250)
    assert rapport_verplicht(wettelijk_maximum(WI23)) is True
    assert rapport_verplicht(wettelijk_maximum(WI22)) is False


@pytest.mark.parametrize(("maximum", "mandatory"), [("340.00", False), ("340.01", True)])
def test_a_rapport_from_more_than_340(maximum, mandatory):
    assert rapport_verplicht(D(maximum)) is mandatory


def test_the_power_to_fine_lapses_after_five_or_three_years():
    assert verval_termijn(WI23) == TermLength(5, TermUnit.YEARS)
    assert verval_termijn(WI22) == TermLength(3, TermUnit.YEARS)


# --- properties -------------------------------------------------------------------------------


@given(
    overtreding=st.sampled_from(Overtreding),
    verwijtbaarheid=st.sampled_from(Verwijtbaarheid),
    repeats=st.integers(min_value=0, max_value=60),
    herhaling=st.sampled_from(Herhaling),
    eerder=st.decimals(min_value=0, max_value=3000, places=2),
    maximum=st.sampled_from([None, D(400), D(800), D(1200), D(1600), D(2400)]),
)
def test_a_fine_never_exceeds_the_law_nor_the_room_under_the_cap(
    overtreding, verwijtbaarheid, repeats, herhaling, eerder, maximum
):
    bedrag = boete_berekenen(
        overtreding,
        verwijtbaarheid=verwijtbaarheid,
        aantal_herhalingen=repeats,
        herhaling=herhaling,
        eerder_opgelegd=eerder,
        som_maximum=maximum,
    ).bedrag
    assert D(0) <= bedrag <= (D(250) if overtreding is WI22 else D(800))
    if maximum is not None:
        assert bedrag <= max(maximum - eerder, D(0))
    assert bedrag == bedrag.quantize(D("0.01"))


@given(repeats=st.integers(min_value=0, max_value=40), herhaling=st.sampled_from(Herhaling))
def test_a_repeat_never_lowers_the_fine(repeats, herhaling):
    now = boete_berekenen(WI23, verwijtbaarheid=OPZET, aantal_herhalingen=repeats, herhaling=herhaling).bedrag
    then = boete_berekenen(WI23, verwijtbaarheid=OPZET, aantal_herhalingen=repeats + 1, herhaling=herhaling).bedrag
    assert then >= now
    assert then > now or now == D(800)


@given(found=st.dates(min_value=date(2022, 1, 1), max_value=date(2040, 12, 31)), back=st.integers(0, 800))
def test_repeats_counted_are_exactly_those_of_the_last_year(found, back):
    earlier = found - timedelta(days=back)
    a_year_before = (
        found.replace(year=found.year - 1) if (found.month, found.day) != (2, 29) else date(found.year - 1, 2, 28)
    )
    assert herhalingen(found, [_earlier(earlier)]) == int(a_year_before <= earlier < found)
