"""The keurmerk rule of issue 13 from its sources (Blik op Werk, Keurmerk Inburgeren; Bi 3.14(2)), with every
boundary of the 90-day window and of the expiry day on both sides. The expected values are written from the
source text, not read from the constants under test."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from openinburgering.rules.enums import Doelgroep
from openinburgering.rules.inkoop import (
    COMPONENT_OF_LEERROUTE,
    KEURMERK_VERPLICHT,
    KEURMERK_WAARSCHUWING_DAGEN,
    Component,
    Keurmerkstatus,
    PlaatsingKeurmerkFacts,
    aanbieder_keurmerk_status,
    keurmerk_status,
    keurmerk_verplicht,
    plaatsing_keurmerk_violations,
)
from openinburgering.rules.leerroute import Leerroute

GELDIG_TOT = date(2026, 6, 30)  # the keurmerk is valid up to and including this day

# The window of issue 13: "warn when it expires within 90 days".
WARNING_DAYS = 90


def test_the_warning_window_is_ninety_days_and_marked_as_not_a_legal_term():
    assert KEURMERK_WAARSCHUWING_DAGEN.value == WARNING_DAYS
    assert KEURMERK_WAARSCHUWING_DAGEN.verified is False


@pytest.mark.parametrize(
    ("on_date", "expected", "why"),
    [
        (date(2026, 3, 31), Keurmerkstatus.GELDIG, "91 days before the last day: not yet warned"),
        (date(2026, 4, 1), Keurmerkstatus.VERLOOPT_BINNENKORT, "90 days before: warned"),
        (date(2026, 4, 2), Keurmerkstatus.VERLOOPT_BINNENKORT, "89 days before: warned"),
        (date(2026, 6, 29), Keurmerkstatus.VERLOOPT_BINNENKORT, "the day before the last day"),
        (date(2026, 6, 30), Keurmerkstatus.VERLOOPT_BINNENKORT, "the last day itself: still valid"),
        (date(2026, 7, 1), Keurmerkstatus.VERLOPEN, "the day after the last day: expired"),
        (date(2027, 1, 1), Keurmerkstatus.VERLOPEN, "long after"),
    ],
)
def test_keurmerk_status_boundaries(on_date, expected, why):
    assert keurmerk_status(GELDIG_TOT, on_date) == expected, why


@given(valid_until=st.dates(date(2022, 1, 1), date(2040, 12, 31)), offset=st.integers(-400, 400))
def test_keurmerk_status_follows_the_days_left(valid_until, offset):
    on_date = valid_until - timedelta(days=offset)
    status = keurmerk_status(valid_until, on_date)
    if offset < 0:
        assert status == Keurmerkstatus.VERLOPEN
    elif offset <= WARNING_DAYS:
        assert status == Keurmerkstatus.VERLOOPT_BINNENKORT
    else:
        assert status == Keurmerkstatus.GELDIG


@given(valid_until=st.dates(date(2022, 1, 1), date(2040, 12, 31)), day=st.dates(date(2022, 1, 1), date(2040, 12, 31)))
def test_once_expired_a_keurmerk_stays_expired(valid_until, day):
    if keurmerk_status(valid_until, day) == Keurmerkstatus.VERLOPEN:
        assert keurmerk_status(valid_until, day + timedelta(days=1)) == Keurmerkstatus.VERLOPEN


def test_an_aanbieder_without_keurmerk_or_without_its_date():
    assert aanbieder_keurmerk_status(heeft_keurmerk=False, valid_until=None, on_date=GELDIG_TOT) == Keurmerkstatus.GEEN
    assert aanbieder_keurmerk_status(heeft_keurmerk=True, valid_until=None, on_date=GELDIG_TOT) == Keurmerkstatus.GELDIG


# Blik op Werk: trajecten for asielstatushouders only at keurmerkhouders (B1-route, Z-route); the onderwijsroute is
# outside the keurmerk; gezinsmigranten are not placed by the gemeente under this rule.
REQUIRED = {(Doelgroep.ASIELSTATUSHOUDER, Component.B1_ROUTE), (Doelgroep.ASIELSTATUSHOUDER, Component.Z_ROUTE)}


@pytest.mark.parametrize("doelgroep", list(Doelgroep))
@pytest.mark.parametrize("component", list(Component))
def test_which_placements_need_the_keurmerk(doelgroep, component):
    assert keurmerk_verplicht(component, doelgroep) == ((doelgroep, component) in REQUIRED)


def test_the_onderwijsroute_never_needs_it_and_the_rule_names_its_source():
    assert not any(keurmerk_verplicht(Component.ONDERWIJSROUTE, d) for d in Doelgroep)
    assert KEURMERK_VERPLICHT.citation.startswith("Blik op Werk")


def test_every_leerroute_has_its_component():
    assert COMPONENT_OF_LEERROUTE == {
        Leerroute.B1_ROUTE: Component.B1_ROUTE,
        Leerroute.Z_ROUTE: Component.Z_ROUTE,
        Leerroute.ONDERWIJSROUTE: Component.ONDERWIJSROUTE,
    }


def _facts(on_date: date, *, component=Component.B1_ROUTE, heeft=True, tot=GELDIG_TOT, doelgroep=None):
    return PlaatsingKeurmerkFacts(
        component=component,
        doelgroep=doelgroep or Doelgroep.ASIELSTATUSHOUDER,
        heeft_keurmerk=heeft,
        keurmerk_geldig_tot=tot,
        on_date=on_date,
    )


def test_a_placement_on_the_last_day_is_allowed_and_the_day_after_refused():
    assert plaatsing_keurmerk_violations(_facts(date(2026, 6, 30))) == []
    [violation] = plaatsing_keurmerk_violations(_facts(date(2026, 7, 1)))
    assert violation.code == "keurmerk_verlopen" and violation.field == "aanbieder"
    assert violation.params["regel"] == KEURMERK_VERPLICHT.citation
    assert violation.params["geldig_tot"] == GELDIG_TOT


def test_an_expiring_keurmerk_only_warns():
    assert plaatsing_keurmerk_violations(_facts(date(2026, 6, 1))) == []


def test_no_keurmerk_at_all_is_refused_where_required_only():
    [violation] = plaatsing_keurmerk_violations(_facts(date(2026, 6, 1), heeft=False, tot=None))
    assert violation.code == "keurmerk_ontbreekt"
    assert plaatsing_keurmerk_violations(_facts(date(2026, 7, 1), component=Component.ONDERWIJSROUTE)) == []
    assert plaatsing_keurmerk_violations(_facts(date(2026, 7, 1), component=Component.MAP)) == []
    gezin = Doelgroep.GEZINSMIGRANT_EN_OVERIGE_MIGRANT
    assert plaatsing_keurmerk_violations(_facts(date(2026, 7, 1), doelgroep=gezin)) == []
