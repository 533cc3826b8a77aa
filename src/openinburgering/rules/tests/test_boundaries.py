"""Every boundary of the rules on both sides: the day itself, the day before and the day after.

Each case names the rule it comes from; the dates are worked out by hand from that rule, not computed
with the function under test.
"""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from openinburgering.rules.base import citation_of
from openinburgering.rules.duo_acceptatie import (
    ResultaatFacts,
    Verwijtbaar,
    ZrouteFacts,
    contactpersoon_violations,
    overschrijding,
    resultaat_violations,
    uren_violations,
    zroute_violations,
)
from openinburgering.rules.enums import Doelgroep
from openinburgering.rules.kalender import (
    TermLength,
    TermUnit,
    atw_feestdagen,
    feestdagen_for_range,
    is_working_day,
    koningsdag,
    next_working_day,
    period_last_day,
    term_end,
)
from openinburgering.rules.leerroute import (
    AanbodFacts,
    Leerroute,
    Niveau,
    PipFacts,
    aanbod_violations,
    is_afschalen,
    pip_violations,
)
from openinburgering.rules.personen import age_on, aow_age, in_age_window, vnummer_normalise
from openinburgering.rules.sepa import iban_country
from openinburgering.rules.termijnen import inburgeringstermijn, oproep_last_day, pip_deadline, pip_termijn_start

FEESTDAGEN = atw_feestdagen(range(2020, 2046))
ASIEL = Doelgroep.ASIELSTATUSHOUDER
DAY = timedelta(days=1)


def codes(found):
    return [v.code for v in found]


# --- Atw and the calendar ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("year", "day"),
    [
        (2014, date(2014, 4, 26)),  # the first Koningsdag: 27 April 2014 was a Sunday
        (2013, date(2013, 4, 30)),  # the last Koninginnedag (a Tuesday)
        (2006, date(2006, 4, 29)),  # Koninginnedag: 30 April 2006 was a Sunday
    ],
)
def test_koningsdag_from_2014_and_koninginnedag_before(year, day):
    assert koningsdag(year) == day


def test_atw_2_covers_terms_of_three_days_not_two():
    # After Thursday 24 December 2026: Friday 25 and Saturday 26 are holidays, Sunday 27 a Sunday.
    # A two-day term ends Saturday 26 → Atw 1 moves it to Monday 28; Atw 2 (≥ 3 days) does not apply.
    assert term_end(date(2026, 12, 24), TermLength(2, TermUnit.DAYS), feestdagen=FEESTDAGEN, atw=True) == date(
        2026, 12, 28
    )
    # A three-day term holds only Monday 28 as a working day after Atw 1: Atw 2 adds Tuesday 29.
    assert term_end(date(2026, 12, 24), TermLength(3, TermUnit.DAYS), feestdagen=FEESTDAGEN, atw=True) == date(
        2026, 12, 29
    )
    # A three-day term after Monday 7 December 2026 ends Thursday 10 with three working days: not moved.
    assert term_end(date(2026, 12, 7), TermLength(3, TermUnit.DAYS), feestdagen=FEESTDAGEN, atw=True) == date(
        2026, 12, 10
    )


@pytest.mark.parametrize(
    ("event", "days", "end", "why"),
    [
        # Atw 2 holds for every term of at least three days, not only for three-day terms.
        (date(2026, 12, 24), 4, date(2026, 12, 29), "25, 26 holidays, 27 Sunday, 28 the only working day"),
        (date(2026, 12, 24), 5, date(2026, 12, 29), "ends Tuesday 29 with 28 and 29 as working days"),
        (date(2027, 5, 4), 5, date(2027, 5, 11), "5 May, Hemelvaartsdag 6 May, gelijkgesteld 7 May, a weekend"),
    ],
)
def test_atw_2_for_longer_terms(event, days, end, why):
    assert term_end(event, TermLength(days, TermUnit.DAYS), feestdagen=FEESTDAGEN, atw=True) == end, why


def test_atw_2_counts_two_working_days_when_the_end_is_already_a_working_day():
    # Four days after Wednesday 23 December 2026 end Sunday 27 → Monday 28 (Atw 1): 24 and 28 are the two
    # working days of the term (Atw 2 satisfied, no further move).
    assert term_end(date(2026, 12, 23), TermLength(4, TermUnit.DAYS), feestdagen=FEESTDAGEN, atw=True) == date(
        2026, 12, 28
    )


@pytest.mark.parametrize(
    ("event", "length", "end", "why"),
    [
        # Atw 4: a term in years is never moved. Three years after Saturday 7 March 2023 end on Saturday
        # 7 March 2026 (6 March 2026 is a Friday), and stay there.
        (date(2023, 3, 7), TermLength(3, TermUnit.YEARS), date(2026, 3, 7), "a Saturday, not moved (Atw 4)"),
        (date(2023, 3, 4), TermLength(3, TermUnit.YEARS), date(2026, 3, 4), "the same day number, a Wednesday"),
        # HR 1 september 2017 (ECLI:NL:HR:2017:2225) for a term after 29 February: the last day of the
        # shorter month. One year after 29 February 2024 ends on Friday 28 February 2025.
        (date(2024, 2, 29), TermLength(1, TermUnit.YEARS), date(2025, 2, 28), "no 29 February 2025"),
    ],
)
def test_a_term_in_years_ends_on_the_same_day_years_later_and_is_not_moved(event, length, end, why):
    assert length.after(event) == end, why
    assert term_end(event, length, feestdagen=FEESTDAGEN, atw=True) == end, why


def test_working_days_and_next_working_day():
    assert is_working_day(date(2026, 3, 6), feestdagen=FEESTDAGEN)  # a Friday
    assert not is_working_day(date(2026, 3, 7), feestdagen=FEESTDAGEN)  # a Saturday
    assert not is_working_day(date(2026, 3, 8), feestdagen=FEESTDAGEN)  # a Sunday
    assert next_working_day(date(2026, 3, 6), feestdagen=FEESTDAGEN) == date(2026, 3, 6)
    assert next_working_day(date(2026, 3, 7), feestdagen=FEESTDAGEN) == date(2026, 3, 9)
    # Good Friday 3 April 2026, the weekend and Easter Monday: the next working day is Tuesday 7 April.
    assert next_working_day(date(2026, 4, 3), feestdagen=FEESTDAGEN) == date(2026, 4, 7)


def test_feestdagen_for_range_covers_the_years_and_one_spare_year():
    days = feestdagen_for_range(date(2026, 3, 1), date(2026, 6, 1))
    assert {date(2026, 1, 1), date(2026, 12, 26), date(2027, 1, 1), date(2027, 12, 25)} <= days
    assert date(2025, 12, 25) not in days  # the year before `first` is not needed
    assert date(2028, 1, 1) not in days  # only one spare year
    assert date(2025, 5, 30) in days  # gelijkgestelde dagen are always in
    assert date(2031, 5, 2) in feestdagen_for_range(date(2026, 1, 1), date(2031, 1, 1), extra=[date(2031, 5, 2)])


def test_feestdagen_for_range_lets_a_term_run_into_the_next_year():
    # Six weeks after Friday 20 November 2026 end Friday 1 January 2027 (Nieuwjaarsdag) → Monday 4 January.
    feestdagen = feestdagen_for_range(date(2026, 11, 20), date(2026, 11, 20))
    assert term_end(date(2026, 11, 20), TermLength(6, TermUnit.WEEKS), feestdagen=feestdagen, atw=True) == date(
        2027, 1, 4
    )


@pytest.mark.parametrize(
    ("first", "length", "last"),
    [
        (date(2026, 3, 2), TermLength(1, TermUnit.DAYS), date(2026, 3, 2)),  # one day: that day
        (date(2026, 3, 2), TermLength(90, TermUnit.DAYS), date(2026, 5, 30)),
        (date(2026, 3, 2), TermLength(1, TermUnit.WEEKS), date(2026, 3, 8)),  # Monday to Sunday
        (date(2026, 3, 1), TermLength(1, TermUnit.YEARS), date(2027, 2, 28)),
        (date(2024, 2, 29), TermLength(2, TermUnit.YEARS), date(2026, 2, 28)),  # no 29 February 2026
        (date(2026, 1, 31), TermLength(1, TermUnit.MONTHS), date(2026, 2, 28)),
        (date(2026, 1, 28), TermLength(1, TermUnit.MONTHS), date(2026, 2, 27)),
        (date(2026, 12, 1), TermLength(1, TermUnit.MONTHS), date(2026, 12, 31)),  # into December, not past it
        (date(2026, 11, 15), TermLength(2, TermUnit.MONTHS), date(2027, 1, 14)),
    ],
)
def test_period_last_day(first, length, last):
    assert period_last_day(first, length) == last


@pytest.mark.parametrize(
    ("event", "length", "end"),
    [
        (date(2026, 3, 2), TermLength(1, TermUnit.DAYS), date(2026, 3, 3)),
        (date(2026, 3, 2), TermLength(2, TermUnit.WEEKS), date(2026, 3, 16)),
        (date(2016, 2, 29), TermLength(3, TermUnit.MONTHS), date(2016, 5, 29)),  # HR 1 September 2017
        (date(2026, 1, 31), TermLength(1, TermUnit.MONTHS), date(2026, 2, 28)),
    ],
)
def test_term_after_an_event(event, length, end):
    assert length.after(event) == end
    assert str(TermLength(10, TermUnit.WEEKS)) == "10 weeks"


# --- Bi 5.3: the PIP's ten weeks and the information from a third party ----------------------------------


def test_pip_clock_start_on_equal_dates():
    same = date(2026, 3, 2)
    assert pip_termijn_start(kennisgeving=same, brp_inschrijving=same, awaiting_registration=True) == same
    assert pip_termijn_start(kennisgeving=None, brp_inschrijving=same, awaiting_registration=False) is None


def test_information_asked_on_the_last_day_of_the_ten_weeks_counts():
    # Start Monday 5 January 2026: the ten weeks end Monday 16 March 2026.
    start, last = date(2026, 1, 5), date(2026, 3, 16)
    on_last_day = pip_deadline(start=start, information_requested=last, feestdagen=FEESTDAGEN)
    assert (on_last_day.regular_end, on_last_day.end, on_last_day.extended) == (last, None, True)
    day_after = pip_deadline(start=start, information_requested=last + DAY, feestdagen=FEESTDAGEN)
    assert (day_after.end, day_after.extended) == (last, False)


def test_two_weeks_after_receipt_against_the_regular_end():
    start, last = date(2026, 1, 5), date(2026, 3, 16)
    # Received Monday 2 March: two weeks end on 16 March, the regular end itself: not extended.
    equal = pip_deadline(
        start=start,
        information_requested=date(2026, 2, 2),
        information_received=date(2026, 3, 2),
        feestdagen=FEESTDAGEN,
    )
    assert (equal.end, equal.extended) == (last, False)
    # Received Tuesday 3 March: two weeks end Tuesday 17 March, one day past the ten weeks.
    later = pip_deadline(
        start=start,
        information_requested=date(2026, 2, 2),
        information_received=date(2026, 3, 3),
        feestdagen=FEESTDAGEN,
    )
    assert (later.end, later.extended) == (date(2026, 3, 17), True)


def test_inburgeringstermijn_from_the_end_of_february():
    # Dagtekening 28 February 2029: the term starts 1 March 2029 and its last day is 29 February 2032.
    termijn = inburgeringstermijn(date(2029, 2, 28))
    assert (termijn.start, termijn.last_day, termijn.duo_einddatum) == (
        date(2029, 3, 1),
        date(2032, 2, 29),
        date(2032, 3, 1),
    )


def test_oproep_with_a_term_the_college_chose():
    from openinburgering.rules.termijnen import Term

    three_weeks = Term(TermLength(3, TermUnit.WEEKS), statutory=False)
    assert oproep_last_day(date(2026, 2, 2), feestdagen=FEESTDAGEN, term=three_weeks) == date(2026, 2, 23)
    assert not three_weeks.atw


# --- DUO README: MAP and PVT results --------------------------------------------------------------------

TERMIJN_START, TERMIJN_LAST = date(2024, 3, 1), date(2027, 2, 28)


def result(**changes):
    values = {
        "datum": date(2025, 5, 1),
        "verwijtbaar": None,
        "vandaag": date(2027, 12, 31),
        "termijn_start": TERMIJN_START,
        "termijn_last_day": TERMIJN_LAST,
    }
    return ResultaatFacts(**(values | changes))


def test_a_date_on_the_termijns_last_day_is_no_overschrijding():
    assert not overschrijding(TERMIJN_LAST, TERMIJN_LAST)
    assert overschrijding(TERMIJN_LAST + DAY, TERMIJN_LAST)
    assert not overschrijding(TERMIJN_LAST + DAY, None)
    assert codes(resultaat_violations(result(datum=TERMIJN_LAST), onderdeel="map")) == []
    assert codes(resultaat_violations(result(datum=TERMIJN_LAST + DAY), onderdeel="map")) == ["verwijtbaar_verplicht"]


def test_verwijtbaar_nee_up_to_two_months_after_the_termijn():
    # Last day 28 February 2027: two months later is 28 April 2027 ("binnen 2 maanden").
    nee = Verwijtbaar.NEE
    assert codes(resultaat_violations(result(datum=date(2027, 4, 28), verwijtbaar=nee), onderdeel="pvt")) == []
    late = resultaat_violations(result(datum=date(2027, 4, 29), verwijtbaar=nee), onderdeel="pvt")
    assert codes(late) == ["verwijtbaar_nee_na_marge"]
    assert late[0].params == {"datum": date(2027, 4, 28)}
    assert (
        codes(resultaat_violations(result(datum=date(2027, 9, 1), verwijtbaar=Verwijtbaar.JA), onderdeel="pvt")) == []
    )


def test_verwijtbaar_within_the_termijn_is_refused():
    within = result(datum=TERMIJN_LAST, verwijtbaar=Verwijtbaar.NEE)
    assert codes(resultaat_violations(within, onderdeel="map")) == ["verwijtbaar_binnen_termijn"]
    ja = result(datum=TERMIJN_LAST, verwijtbaar=Verwijtbaar.JA)
    assert codes(resultaat_violations(ja, onderdeel="map")) == ["verwijtbaar_ja_zonder_overschrijding"]


def test_result_date_boundaries():
    assert codes(resultaat_violations(result(datum=TERMIJN_START), onderdeel="map")) == []
    assert codes(resultaat_violations(result(datum=TERMIJN_START - DAY), onderdeel="map")) == ["voor_termijn"]
    today = date(2026, 6, 1)
    assert codes(resultaat_violations(result(datum=today, vandaag=today), onderdeel="map")) == []
    assert codes(resultaat_violations(result(datum=today + DAY, vandaag=today), onderdeel="map")) == ["in_toekomst"]
    zroute = date(2026, 5, 1)
    assert codes(resultaat_violations(result(datum=zroute, datum_afronding_zroute=zroute), onderdeel="map")) == []
    assert codes(resultaat_violations(result(datum=zroute + DAY, datum_afronding_zroute=zroute), onderdeel="map")) == [
        "na_zroute"
    ]


def test_withdrawing_a_date():
    withdraw = result(datum=None, vorige_datum=date(2025, 5, 1))
    assert codes(resultaat_violations(withdraw, onderdeel="map")) == []
    with_verwijtbaar = result(datum=None, vorige_datum=date(2025, 5, 1), verwijtbaar=Verwijtbaar.NEE)
    assert codes(resultaat_violations(with_verwijtbaar, onderdeel="map")) == ["verwijtbaar_zonder_datum"]


def test_zroute_date_of_today_is_accepted_and_tomorrow_is_not():
    today = date(2026, 6, 1)
    base = {"vandaag": today, "leerroute": Leerroute.Z_ROUTE, "termijn_start": date(2025, 1, 1)}
    assert zroute_violations(ZrouteFacts(datum=today, **base)) == []
    assert codes(zroute_violations(ZrouteFacts(datum=today + DAY, **base))) == ["in_toekomst"]
    assert zroute_violations(ZrouteFacts(datum=date(2025, 1, 1), **base)) == []
    assert codes(zroute_violations(ZrouteFacts(datum=date(2024, 12, 31), **base))) == ["voor_termijn"]
    # The MAP and PVT dates may be on the Z-route date itself, not after it.
    same = ZrouteFacts(datum=date(2026, 5, 1), map_datum=date(2026, 5, 1), pvt_datum=date(2026, 5, 1), **base)
    assert zroute_violations(same) == []
    after = ZrouteFacts(datum=date(2026, 5, 1), map_datum=date(2026, 5, 2), pvt_datum=date(2026, 5, 2), **base)
    assert codes(zroute_violations(after)) == ["zroute_voor_map", "zroute_voor_pvt"]
    assert zroute_violations(ZrouteFacts(datum=None, vandaag=today, leerroute=Leerroute.B1_ROUTE)) == []


@pytest.mark.parametrize(("uren", "ok"), [(-1, False), (0, True), (9999, True), (10000, False)])
def test_uren_range_of_the_gevolgde_uren_api(uren, ok):
    assert (uren_violations(uren, field="uren") == []) is ok


@pytest.mark.parametrize(
    ("naam", "email", "telefoon", "bad"),
    [
        ("a" * 100, "a@bc", "123", []),  # naam max 100; email min 4; telefoon min 3
        ("a" * 101, "a@bc", "123", ["naam"]),
        ("Jan", "a@b", "123", ["email"]),
        ("Jan", "a@" + "b" * 239, "123", []),  # email max 241
        ("Jan", "a@" + "b" * 240, "123", ["email"]),
        ("Jan", "a@bc", "12", ["telefoonnummer"]),
        ("Jan", "a@bc", "0" * 16, []),  # the pattern's 1 + 15 digits
        ("Jan", "a@bc", "0" * 17, ["telefoonnummer"]),
        ("Jan", "a@bc", "+31 6 1234 5678,123", []),  # 19 characters with an extension
        # maxLength 22: a number with an extension that the pattern takes, at 22 characters and at 23.
        ("Jan", "a@bc", "+31 6 12 34 56 78,1234", []),
        ("Jan", "a@bc", "+31 6 12 34 56 78,12345", ["telefoonnummer"]),
        ("Jan", "abcd", "123", ["email"]),
    ],
)
def test_contactpersoon_lengths_of_duos_schema(naam, email, telefoon, bad):
    found = contactpersoon_violations(naam=naam, email=email, telefoonnummer=telefoon)
    assert [v.field for v in found] == bad


# --- leerroute: the dates of a PIP and of an aanbod -------------------------------------------------------

PIP_DAY = date(2026, 3, 2)


@pytest.mark.parametrize(
    ("field", "code"),
    [
        ("plicht_begindatum", "dagtekening_voor_plicht"),
        ("vestigingsdatum", "dagtekening_voor_vestiging"),
        ("eerste_dagtekening", "dagtekening_voor_eerste_pip"),
        ("vorige_dagtekening", "dagtekening_voor_vorige_pip"),
    ],
)
def test_pip_dagtekening_on_the_same_day_is_accepted_and_a_day_earlier_is_not(field, code):
    def check(other):
        facts = PipFacts(Leerroute.B1_ROUTE, None, ASIEL, PIP_DAY, is_first_pip=False, **{field: other})
        return codes(pip_violations(facts))

    assert check(PIP_DAY) == []
    assert check(PIP_DAY - DAY) == []
    assert check(PIP_DAY + DAY) == [code]
    assert check(None) == []


def test_no_dagtekening_no_date_checks():
    facts = PipFacts(Leerroute.B1_ROUTE, None, ASIEL, None, plicht_begindatum=PIP_DAY, vestigingsdatum=PIP_DAY)
    assert pip_violations(facts) == []


@pytest.mark.parametrize(("hours", "ok"), [(0, False), (1, True), (9999, True), (10000, False)])
def test_geschatte_intensiteit_bounds(hours, ok):
    facts = PipFacts(Leerroute.B1_ROUTE, None, ASIEL, None, geschatte_intensiteit=hours)
    assert (codes(pip_violations(facts)) == []) is ok


def test_afschalen_only_from_b1_on_a_later_pip():
    later = {"is_first_pip": False}
    assert is_afschalen(PipFacts(Leerroute.B1_ROUTE, Niveau.A2, ASIEL, None, **later))  # previous level B1 by default
    assert not is_afschalen(PipFacts(Leerroute.B1_ROUTE, Niveau.A2, ASIEL, None))  # first PIP
    assert not is_afschalen(PipFacts(Leerroute.B1_ROUTE, Niveau.B1, ASIEL, None, **later))
    assert not is_afschalen(PipFacts(Leerroute.Z_ROUTE, Niveau.A2, ASIEL, None, **later))
    assert not is_afschalen(PipFacts(Leerroute.B1_ROUTE, Niveau.A2, ASIEL, None, vorige_niveau=Niveau.A2, **later))


def aanbod(**changes):
    values = {
        "doelgroep": ASIEL,
        "leerroute": Leerroute.B1_ROUTE,
        "has_pip": True,
        "instelling_keurmerk": True,
        "instelling_taalschakel": False,
        "datum_aanbod": date(2026, 5, 1),
        "start_opleiding": date(2026, 5, 11),
        "einde_opleiding": date(2027, 5, 11),
        "pip_dagtekening": date(2026, 4, 1),
        "termijn_start": date(2026, 4, 2),
        "termijn_last_day": date(2029, 4, 1),
    }
    return AanbodFacts(**(values | changes))


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"datum_aanbod": date(2026, 4, 1), "start_opleiding": date(2026, 4, 2)}, []),  # aanbod on the PIP's day
        ({"datum_aanbod": date(2026, 3, 31), "start_opleiding": date(2026, 4, 2)}, ["aanbod_voor_pip"]),
        ({"start_opleiding": date(2026, 5, 1)}, []),  # the course starts on the day of the aanbod
        ({"start_opleiding": date(2026, 4, 30)}, ["start_voor_aanbod"]),
        ({"einde_opleiding": date(2026, 5, 12)}, []),  # ends the day after it starts
        ({"einde_opleiding": date(2026, 5, 11)}, ["einde_voor_start"]),
        ({"einde_opleiding": date(2029, 4, 1)}, []),  # on the termijn's last day
        ({"einde_opleiding": date(2029, 4, 2)}, ["buiten_termijn"]),
        ({"datum_aanbod": date(2026, 4, 1), "start_opleiding": date(2026, 4, 2)}, []),
        ({"datum_aanbod": date(2026, 4, 1), "start_opleiding": date(2026, 4, 1)}, ["buiten_termijn"]),
        ({"termijn_start": None, "termijn_last_day": None, "einde_opleiding": date(2031, 1, 1)}, []),
        ({"pip_dagtekening": None, "datum_aanbod": date(2020, 1, 1), "start_opleiding": date(2026, 5, 11)}, []),
        ({"start_opleiding": None, "einde_opleiding": None}, []),
    ],
)
def test_aanbod_date_boundaries(changes, expected):
    assert codes(aanbod_violations(aanbod(**changes))) == expected


# --- ages (Wi 3(1)) ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("born", "day", "age"),
    [
        (date(2010, 6, 15), date(2026, 6, 14), 15),
        (date(2010, 6, 15), date(2026, 6, 15), 16),  # sixteen on the birthday itself
        (date(2010, 6, 15), date(2026, 6, 16), 16),
        (date(1959, 1, 1), date(2026, 12, 31), 67),
        (date(2010, 6, 15), date(2010, 6, 15), 0),
    ],
)
def test_age_on(born, day, age):
    assert age_on(born, day) == age


@given(st.dates(date(1940, 1, 1), date(2020, 12, 31)), st.integers(0, 40_000))
def test_age_on_counts_birthdays(born, days):
    day = born + timedelta(days=days)
    expected = day.year - born.year - ((day.month, day.day) < (born.month, born.day))
    assert age_on(born, day) == expected


def test_age_window_on_the_sixteenth_birthday():
    born = date(2010, 6, 15)
    assert in_age_window(birth_date=born, plicht_begindatum=date(2026, 6, 15))
    assert not in_age_window(birth_date=born, plicht_begindatum=date(2026, 6, 14))


def test_aow_age_outside_the_table_keeps_its_nearest_year():
    assert aow_age(2015) == aow_age(2021)
    assert aow_age(2040) == aow_age(2031)


@pytest.mark.parametrize(
    ("value", "expected"), [("9999999999", "9999999999"), ("1", "0000000001"), (" 42 ", "0000000042")]
)
def test_vnummer_up_to_ten_digits(value, expected):
    assert vnummer_normalise(value) == expected


# --- sources and countries --------------------------------------------------------------------------------


def test_citation_is_the_part_before_the_first_colon_and_space():
    assert citation_of("Bi 5.3(1): the college: sets the PIP") == "Bi 5.3(1)"
    assert citation_of("Awb 6:7 and 6:8: bezwaar within six weeks") == "Awb 6:7 en 6:8"
    assert citation_of("no explanation") == "no explanation"


def test_iban_country_needs_two_letters():
    assert iban_country("nl") == "NL"
    assert iban_country("N") == ""
    assert iban_country("N1ABNA0417164300") == ""  # ISO 13616: the country code is two letters
    assert iban_country("") == ""
