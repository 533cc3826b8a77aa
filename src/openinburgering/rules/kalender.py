"""The Algemene termijnenwet (Atw): when a statutory term that ends on a non-working day runs on.

Sources (https://wetten.overheid.nl/BWBR0002448/2010-10-10):
- Atw 1(1): a term set in a law that ends on a Saturday, Sunday or holiday runs on to the next day
  that is none of those. Atw 1(2): not for terms counted backwards from a moment.
- Atw 2: a term of at least three days runs on, if needed, until it holds at least two days that are
  not a Saturday, Sunday or holiday.
- Atw 3(1): the holidays; 3(2): Goede Vrijdag counts as one; 3(3): further days made equal to a
  holiday by royal decree (GELIJKGESTELDE_DAGEN, extendable by the functioneel beheerder).
- Atw 4: not for terms in hours, of more than 12 weeks, 3 months or 90 days, or in years.
- Atw 5: also for terms set in an AMvB (so the Besluit inburgering 2021).

Two ways of counting months and years, kept apart on purpose:
- A *period* whose first day is given ("zes maanden vanaf de dag waarop het recht op bijstand
  ontstaat", "de inburgeringstermijn vangt aan op ..."): `period_last_day`. A period of N months
  from day S ends the day before day S, N months later; where that month has no day S, on its last
  day (from 1 July six months end on 31 December; from 31 August on 28/29 February). This is how
  DUO's Inburgeringstermijn API states the term (start inclusive, einddatum = start + 3 years,
  exclusive) and how issue 11 states the rule.
- A *term after an event* ("binnen drie maanden na"): `TermLength.after`. It ends on the day with the
  same number as the event's day, N months later, or the last day of a shorter month (HR 1 september
  2017, ECLI:NL:HR:2017:2225: a three-month term after 29 February 2016 ended on 29 May).
The Atw only moves the end of short terms past non-working days; it does not say how to count.
"""

import re
from calendar import monthrange
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from functools import cache

from dateutil.easter import easter
from dateutil.relativedelta import relativedelta

from .base import Rule

ATW_URL = "https://wetten.overheid.nl/BWBR0002448/2010-10-10"


class TermUnit(StrEnum):
    DAYS = "days"
    WEEKS = "weeks"
    MONTHS = "months"
    YEARS = "years"


@dataclass(frozen=True)
class TermLength:
    """A length of time as the law words it: "tien weken", "zes maanden", "drie jaar"."""

    amount: int
    unit: TermUnit

    def delta(self) -> relativedelta:
        return relativedelta(**{self.unit.value: self.amount})

    def after(self, day: date) -> date:
        """The last day of a term of this length after the event on `day` ("binnen tien weken na").

        The day with the same weekday or number as `day`, that many units later; in a shorter month its
        last day (31 January + 1 month = 28/29 February; HR 1 september 2017, ECLI:NL:HR:2017:2225).
        For a period whose first day is given, use `period_last_day`.
        """
        if self.unit is TermUnit.DAYS:  # days and weeks are exact: no need for relativedelta (faster)
            return day + timedelta(days=self.amount)
        if self.unit is TermUnit.WEEKS:
            return day + timedelta(weeks=self.amount)
        result: date = day + self.delta()
        return result

    def before(self, day: date) -> date:
        result: date = day - self.delta()
        return result

    def __str__(self) -> str:
        return f"{self.amount} {self.unit.value}"


def _months(length: TermLength) -> int:
    return length.amount * 12 if length.unit is TermUnit.YEARS else length.amount


def period_last_day(first_day: date, length: TermLength) -> date:
    """The last day of a period of `length` whose first day is `first_day` (that day included).

    Days and weeks: `first_day` + the length − 1 day. Months and years (a year is twelve months): the
    day before the day numbered `first_day.day`, that many months later; where that month has no such
    day, that month's last day. So six months from 1 July end on 31 December, from 1 March on
    31 August, from 31 August on 28 (29) February; 18 months from 31 March 2026 end on 30 September 2027.
    """
    if length.unit is TermUnit.DAYS:
        return first_day + timedelta(days=length.amount - 1)
    if length.unit is TermUnit.WEEKS:
        return first_day + timedelta(weeks=length.amount, days=-1)
    index = first_day.year * 12 + first_day.month - 1 + _months(length)
    year, month = divmod(index, 12)
    days_in_month = monthrange(year, month + 1)[1]
    if first_day.day > days_in_month:
        return date(year, month + 1, days_in_month)
    return date(year, month + 1, first_day.day) - timedelta(days=1)


ATW_LIMITS = Rule(
    value={TermUnit.DAYS: 90, TermUnit.WEEKS: 12, TermUnit.MONTHS: 3},
    source="Atw 4(a): not for terms of more than 90 days, 12 weeks or 3 months, nor for terms in years",
    source_url=f"{ATW_URL}#Artikel4",
    valid_from=date(1965, 4, 1),  # Wet van 25 juli 1964 (Stb. 1964, 314), in force 1 April 1965
)

ATW_MIN_WORKING_DAYS = Rule(
    value=2,
    source="Atw 2: a term of at least three days holds at least two days that are not a Saturday, Sunday or holiday",
    source_url=f"{ATW_URL}#Artikel2",
    valid_from=date(1965, 4, 1),  # Wet van 25 juli 1964 (Stb. 1964, 314), in force 1 April 1965
)

# Atw 3(3): days the Crown made equal to a holiday by decree (Staatscourant), usually three years
# at a time. Data, not a rule: the functioneel beheerder adds the days of a new decree in the
# admin (termijnen.GelijkgesteldeDag); these are the decrees known when this was written.
GELIJKGESTELDE_DAGEN = Rule(
    value=frozenset(
        {
            date(2023, 4, 28),
            date(2023, 5, 19),
            date(2024, 5, 10),
            date(2024, 12, 27),
            date(2025, 5, 30),
            date(2026, 1, 2),
            date(2026, 5, 15),
            date(2027, 5, 7),
            date(2028, 4, 28),
            date(2028, 5, 26),
        }
    ),
    source=(
        "Atw 3(3): Besluit gelijkstelling van 28 april 2023, 19 mei 2023, 10 mei 2024, 27 december 2024 en "
        "30 mei 2025 en Besluit gelijkstelling van 2 januari 2026, 15 mei 2026, 7 mei 2027, 28 april 2028 en "
        "26 mei 2028 met een algemeen erkende feestdag (titles as quoted; check each in the Staatscourant)"
    ),
    source_url="https://nl.wikipedia.org/wiki/Algemene_termijnenwet",
    valid_from=date(2023, 1, 1),
    verified=False,
)


def koningsdag(year: int) -> date:
    """The day the King's birthday is celebrated: 27 April, or the 26th when the 27th is a Sunday.

    Before 2014 it was Koninginnedag: 30 April, or the 29th when the 30th was a Sunday.
    The moving rule comes from the Besluit van 2013 on the celebration, outside the Atw.
    """
    day = date(year, 4, 27) if year >= 2014 else date(year, 4, 30)
    return day - timedelta(days=1) if day.weekday() == 6 else day


@cache
def _holidays_of(year: int) -> frozenset[date]:
    pasen = easter(year)
    return frozenset(
        {
            date(year, 1, 1),  # Nieuwjaarsdag
            pasen - timedelta(days=2),  # Goede Vrijdag (Atw 3(2))
            pasen + timedelta(days=1),  # Tweede Paasdag
            koningsdag(year),
            date(year, 5, 5),  # de vijfde mei, every year
            pasen + timedelta(days=39),  # Hemelvaartsdag
            pasen + timedelta(days=50),  # Tweede Pinksterdag
            date(year, 12, 25),  # Eerste Kerstdag
            date(year, 12, 26),  # Tweede Kerstdag
        }
    )


def atw_feestdagen(years: Iterable[int], *, extra: Iterable[date] = ()) -> frozenset[date]:
    """The holidays of Atw 3 in the given years, with the gelijkgestelde dagen and any `extra` days."""
    days: set[date] = set(GELIJKGESTELDE_DAGEN.value) | set(extra)
    for year in years:
        days |= _holidays_of(year)
    return frozenset(days)


def is_working_day(day: date, *, feestdagen: frozenset[date]) -> bool:
    """Not a Saturday, Sunday or holiday (in the Atw sense)."""
    return day.weekday() < 5 and day not in feestdagen


def next_working_day(day: date, *, feestdagen: frozenset[date]) -> date:
    """`day` itself if it is a working day, otherwise the first working day after it."""
    while not is_working_day(day, feestdagen=feestdagen):
        day += timedelta(days=1)
    return day


def atw_applies(length: TermLength, *, backwards: bool = False) -> bool:
    """Whether the Atw can move the end of a term of this length (Atw 1(2) and 4)."""
    if backwards or length.unit is TermUnit.YEARS:
        return False
    return length.amount <= ATW_LIMITS.value[length.unit]


def _working_days_between(first: date, last: date, *, feestdagen: frozenset[date]) -> int:
    count, day = 0, first
    while day <= last and count < ATW_MIN_WORKING_DAYS.value:
        count += is_working_day(day, feestdagen=feestdagen)
        day += timedelta(days=1)
    return count


def atw_extend(first_day: date, last_day: date, *, feestdagen: frozenset[date]) -> date:
    """The last day of a term running from `first_day` to `last_day` (inclusive), after Atw 1 and 2."""
    end = next_working_day(last_day, feestdagen=feestdagen)
    if (last_day - first_day).days + 1 >= 3:  # Atw 2 covers terms of at least three days
        while _working_days_between(first_day, end, feestdagen=feestdagen) < ATW_MIN_WORKING_DAYS.value:
            end = next_working_day(end + timedelta(days=1), feestdagen=feestdagen)
    return end


def term_end(event: date, length: TermLength, *, feestdagen: frozenset[date], atw: bool) -> date:
    """The last day of a term of `length` that starts the day after `event`.

    A term "binnen tien weken na" a day ends on the same weekday ten weeks later. With `atw` (the
    term is set in a law or AMvB and is not excluded by Atw 4) that end moves past weekends and
    holidays; pass `atw=False` for terms the law does not cover (see termijnen.py per term).
    """
    last_day = length.after(event)
    if atw and atw_applies(length):
        return atw_extend(event + timedelta(days=1), last_day, feestdagen=feestdagen)
    return last_day


def feestdagen_for_range(first: date, last: date, *, extra: Iterable[date] = ()) -> frozenset[date]:
    """The holidays needed to compute terms from `first` to `last` (one spare year for run-on)."""
    return atw_feestdagen(range(first.year, last.year + 2), extra=extra)


# --- whole months ----------------------------------------------------------------------------------
# A month is stored as its first day ("2026-03-01" stands for March 2026): payments, fixed costs and
# benefits are per whole month.

MONTH_TEXT = re.compile(r"([0-9]{4})-([0-9]{2})")  # "jjjj-mm": files, the API and <input type="month">
# Typed by hand as well: "2026-3", "2026-03-15" (any day stands for its month), "03-2026", "3/2026".
_TYPED_YEAR_MONTH = re.compile(r"\s*(\d{4})-(\d{1,2})(?:-\d{1,2})?\s*")
_TYPED_MONTH_YEAR = re.compile(r"\s*(\d{1,2})[-/ ](\d{4})\s*")
TYPED_YEARS = range(1900, 3000)


def month_of(day: date) -> date:
    """The month `day` falls in (its first day)."""
    return day.replace(day=1)


def month_add(day: date, months: int) -> date:
    """The month `months` months after the month of `day` (before it when negative), as its first day."""
    year, month = divmod(day.year * 12 + day.month - 1 + months, 12)
    return date(year, month + 1, 1)


def next_month(day: date) -> date:
    return month_add(day, 1)


def previous_month(day: date) -> date:
    return month_add(day, -1)


def month_last_day(day: date) -> date:
    """The last day of the month `day` falls in."""
    return day.replace(day=monthrange(day.year, day.month)[1])


def month_parse(text: str, *, typed: bool = False) -> date:
    """A month written as "jjjj-mm", as its first day; ValueError when it is no month.

    With `typed` (a form a person fills in) also "2026-3", "2026-03-15", "03-2026" and "3/2026", for
    years 1900 to 2999 (a typo such as "20260-3" is no month).
    """
    if not typed:
        match = MONTH_TEXT.fullmatch(text.strip())
        if not match:
            raise ValueError(text)
        year, month = int(match.group(1)), int(match.group(2))
        if year < 1 or not 1 <= month <= 12:
            raise ValueError(text)
        return date(year, month, 1)
    if match := _TYPED_YEAR_MONTH.fullmatch(text):
        year, month = int(match.group(1)), int(match.group(2))
    elif match := _TYPED_MONTH_YEAR.fullmatch(text):
        month, year = int(match.group(1)), int(match.group(2))
    else:
        raise ValueError(text)
    if not 1 <= month <= 12 or year not in TYPED_YEARS:
        raise ValueError(text)
    return date(year, month, 1)
