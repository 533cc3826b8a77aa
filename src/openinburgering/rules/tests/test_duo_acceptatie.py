"""DUO's acceptance rules for MAP, PVT, Z-route, withdrawing a PIP, gevolgde uren and contactpersonen."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from openinburgering.rules.duo_acceptatie import (
    VERWIJTBAAR_NEE_MARGE,
    PipIntrekkenFacts,
    ResultaatFacts,
    Verwijtbaar,
    ZrouteFacts,
    contactpersoon_violations,
    overschrijding,
    pip_intrekken_violations,
    resultaat_violations,
    uren_violations,
    zroute_violations,
)
from openinburgering.rules.leerroute import Leerroute

START = date(2024, 3, 1)
LAST_DAY = date(2027, 2, 28)
TODAY = date(2027, 6, 1)


def facts(**overrides):
    values = {
        "datum": date(2025, 5, 1),
        "verwijtbaar": None,
        "vandaag": TODAY,
        "termijn_start": START,
        "termijn_last_day": LAST_DAY,
    }
    values.update(overrides)
    return ResultaatFacts(**values)


def codes(found):
    return [v.code for v in found]


@pytest.mark.parametrize("onderdeel", ["map", "pvt"])
def test_a_date_within_the_termijn_without_verwijtbaar_is_accepted(onderdeel):
    assert resultaat_violations(facts(), onderdeel=onderdeel) == []


@pytest.mark.parametrize("onderdeel", ["map", "pvt"])
def test_fields_are_named_per_onderdeel(onderdeel):
    found = resultaat_violations(facts(datum=TODAY + timedelta(days=1)), onderdeel=onderdeel)
    assert [(v.code, v.field) for v in found] == [
        ("in_toekomst", f"{onderdeel}_datum"),
        ("verwijtbaar_verplicht", f"{onderdeel}_verwijtbaar"),
    ]


@pytest.mark.parametrize(
    ("overrides", "expected"),
    [
        ({"eerder_door_andere_gemeente": True}, ["wijziging_niet_eerder_geleverd"]),
        ({"gemeente_heeft_actuele_pip": False}, ["geen_actuele_pip"]),
        ({"voldaan_via_zroute": True}, ["voldaan_via_zroute"]),
        ({"datum": START - timedelta(days=1)}, ["voor_termijn"]),
        ({"datum_afronding_zroute": date(2025, 4, 30)}, ["na_zroute"]),
        ({"datum": date(2025, 5, 1), "vandaag": date(2025, 4, 30)}, ["in_toekomst"]),
        (
            {"datum": None, "vorige_datum": date(2025, 1, 1), "datum_afronding_zroute": date(2025, 2, 1)},
            ["intrekken_na_zroute"],
        ),
        ({"datum": LAST_DAY + timedelta(days=1)}, ["verwijtbaar_verplicht"]),
        ({"verwijtbaar": Verwijtbaar.NEE}, ["verwijtbaar_binnen_termijn"]),
        ({"verwijtbaar": Verwijtbaar.JA}, ["verwijtbaar_ja_zonder_overschrijding"]),
        (
            {"datum": LAST_DAY + VERWIJTBAAR_NEE_MARGE.value + timedelta(days=1), "verwijtbaar": Verwijtbaar.NEE},
            ["verwijtbaar_nee_na_marge"],
        ),
        # DUO's InburgeringJaNeeType as stored (the plain strings "Ja" and "Nee"), checked as the enum members.
        ({"verwijtbaar": "Ja"}, ["verwijtbaar_ja_zonder_overschrijding"]),
        (
            {"datum": LAST_DAY + VERWIJTBAAR_NEE_MARGE.value + timedelta(days=1), "verwijtbaar": "Nee"},
            ["verwijtbaar_nee_na_marge"],
        ),
        ({"datum": None, "vorige_datum": None, "verwijtbaar": Verwijtbaar.JA}, ["verwijtbaar_zonder_datum"]),
        (
            {"datum": None, "vorige_datum": date(2025, 1, 1), "verwijtbaar": Verwijtbaar.JA},
            ["verwijtbaar_zonder_datum"],
        ),
    ],
)
def test_each_readme_bullet_refuses(overrides, expected):
    assert codes(resultaat_violations(facts(**overrides), onderdeel="map")) == expected


@pytest.mark.parametrize(
    "overrides",
    [
        {"datum": LAST_DAY + timedelta(days=1), "verwijtbaar": Verwijtbaar.JA},
        {"datum": LAST_DAY + timedelta(days=1), "verwijtbaar": Verwijtbaar.NEE},
        {"datum": LAST_DAY + VERWIJTBAAR_NEE_MARGE.value, "verwijtbaar": Verwijtbaar.NEE},
        {"datum": LAST_DAY + timedelta(days=90), "verwijtbaar": Verwijtbaar.JA},
        {"datum": LAST_DAY},  # the last day is still within the termijn
        {"datum": START},
        {"datum": None, "vorige_datum": date(2025, 1, 1)},  # withdrawing, no Z-route date
        {"datum": None, "vorige_datum": None},  # nothing at all: nothing to tell DUO
        {"datum": date(2025, 4, 30), "datum_afronding_zroute": date(2025, 4, 30)},
    ],
)
def test_accepted_cases(overrides):
    assert resultaat_violations(facts(**overrides), onderdeel="pvt") == []


dates = st.dates(date(2022, 1, 1), date(2035, 12, 31))


@given(
    datum=dates,
    start=dates,
    vandaag=dates,
    length=st.integers(0, 2000),
    verwijtbaar=st.sampled_from([None, *Verwijtbaar]),
)
def test_verwijtbaar_follows_the_overschrijding(datum, start, vandaag, length, verwijtbaar):
    last_day = start + timedelta(days=length)
    found = codes(
        resultaat_violations(
            facts(
                datum=datum, termijn_start=start, termijn_last_day=last_day, vandaag=vandaag, verwijtbaar=verwijtbaar
            ),
            onderdeel="map",
        )
    )
    over = overschrijding(datum, last_day)
    assert ("verwijtbaar_verplicht" in found) == (over and verwijtbaar is None)
    assert ("verwijtbaar_binnen_termijn" in found) == (not over and verwijtbaar == Verwijtbaar.NEE)
    assert ("verwijtbaar_ja_zonder_overschrijding" in found) == (not over and verwijtbaar == Verwijtbaar.JA)
    assert ("in_toekomst" in found) == (datum > vandaag)
    assert ("voor_termijn" in found) == (datum < start)
    if verwijtbaar == Verwijtbaar.JA and over and datum <= vandaag and datum >= start:
        assert found == []


@given(datum=dates, zroute=dates, vandaag=dates)
def test_never_after_the_zroute_date(datum, zroute, vandaag):
    found = codes(
        resultaat_violations(
            facts(
                datum=datum, datum_afronding_zroute=zroute, vandaag=vandaag, termijn_start=None, termijn_last_day=None
            ),
            onderdeel="pvt",
        )
    )
    assert ("na_zroute" in found) == (datum > zroute)
    assert ("in_toekomst" in found) == (datum > vandaag)


def test_zroute_rules():
    base = {"vandaag": TODAY, "leerroute": Leerroute.Z_ROUTE, "termijn_start": START}
    assert zroute_violations(ZrouteFacts(datum=date(2026, 1, 1), **base)) == []
    assert zroute_violations(ZrouteFacts(datum=None, **base)) == []
    assert codes(
        zroute_violations(ZrouteFacts(datum=date(2026, 1, 1), **{**base, "leerroute": Leerroute.B1_ROUTE}))
    ) == ["zroute_geen_zroute"]
    # The leerroute as the PIP stores it (DUO's code "Z", a plain string) is the Z-route all the same.
    assert zroute_violations(ZrouteFacts(datum=date(2026, 1, 1), **{**base, "leerroute": "Z"})) == []
    # No leerroute in the PIP (yet): no Z-route to report a date for.
    no_route = ZrouteFacts(datum=date(2026, 1, 1), **{**base, "leerroute": None})
    assert codes(zroute_violations(no_route)) == ["zroute_geen_zroute"]
    # The MAP and PVT dates may lie before the afronding of the Z-route, or on its day, not after it.
    before = ZrouteFacts(datum=date(2026, 1, 1), map_datum=date(2025, 12, 31), pvt_datum=date(2025, 6, 2), **base)
    assert zroute_violations(before) == []
    assert codes(zroute_violations(ZrouteFacts(datum=TODAY + timedelta(days=1), **base))) == ["in_toekomst"]
    assert codes(zroute_violations(ZrouteFacts(datum=START - timedelta(days=1), **base))) == ["voor_termijn"]
    assert codes(
        zroute_violations(
            ZrouteFacts(datum=date(2026, 1, 1), map_datum=date(2026, 1, 2), pvt_datum=date(2026, 1, 3), **base)
        )
    ) == ["zroute_voor_map", "zroute_voor_pvt"]


def test_pip_intrekken():
    assert pip_intrekken_violations(PipIntrekkenFacts(termijn_vastgesteld=False)) == []
    assert pip_intrekken_violations(PipIntrekkenFacts(termijn_vastgesteld=False, cursusuren_geregistreerd=None)) == []
    assert codes(pip_intrekken_violations(PipIntrekkenFacts(termijn_vastgesteld=True))) == [
        "intrekken_termijn_vastgesteld"
    ]
    assert codes(
        pip_intrekken_violations(PipIntrekkenFacts(termijn_vastgesteld=False, cursusuren_geregistreerd=True))
    ) == ["intrekken_cursusuren"]


@given(uren=st.integers(-100, 20000))
def test_uren_range(uren):
    assert (uren_violations(uren, field="x") == []) == (0 <= uren <= 9999)


@pytest.mark.parametrize(
    ("gegevens", "expected"),
    [
        ({"naam": "Karin Regis", "email": "kr@gemeente.nl", "telefoonnummer": "078 770 8910"}, []),
        ({"naam": "J. van 't Hof-Ünal", "email": "a@b.nl", "telefoonnummer": "+31787708910"}, []),
        ({"naam": "", "email": "a@b.nl", "telefoonnummer": "0787708910"}, [("contactpersoon_verplicht", "naam")]),
        ({"naam": "K R", "email": "a@b.nl", "telefoonnummer": ""}, [("contactpersoon_verplicht", "telefoonnummer")]),
        ({"naam": "kr.a2", "email": "a@b.nl", "telefoonnummer": "0787708910"}, [("contactpersoon_ongeldig", "naam")]),
        ({"naam": "K R", "email": "ab", "telefoonnummer": "0787708910"}, [("contactpersoon_ongeldig", "email")]),
        (
            {"naam": "K R", "email": "a@b.nl", "telefoonnummer": "bel ons"},
            [("contactpersoon_ongeldig", "telefoonnummer")],
        ),
    ],
)
def test_contactpersoon_gegevens(gegevens, expected):
    assert [(v.code, v.field) for v in contactpersoon_violations(**gegevens)] == expected
