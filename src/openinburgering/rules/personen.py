"""Who can be inburgeringsplichtig: identifiers and the age window.

Sources:
- Wi 3(1): the duty applies from 16 years up to the AOW age.
- Wi 54(1): Wi2021 applies to a duty that starts on or after 2022-01-01.
- Algemene Ouderdomswet art. 7a: the AOW age per calendar year (SVB publishes it five years ahead).
- Wet algemene bepalingen burgerservicenummer art. 1: the BSN and its elfproef (python-stdnum).
"""

from datetime import date

from dateutil.relativedelta import relativedelta
from stdnum.nl import bsn as stdnum_bsn

from .base import Rule

WI_URL = "https://wetten.overheid.nl/BWBR0044770/2025-10-21"
AOW_URL = "https://wetten.overheid.nl/BWBR0002221/2025-01-01#HoofdstukIII_Artikel7a"

WI2021_IN_FORCE = Rule(
    value=date(2022, 1, 1),
    source="Wi 54(1): a duty that started before 2022 stays under the Wet inburgering (2013)",
    source_url=f"{WI_URL}#Artikel54",
    valid_from=date(2022, 1, 1),
)

MINIMUM_AGE = Rule(
    value=16,
    source="Wi 3(1): inburgeringsplichtig from the age of 16",
    source_url=f"{WI_URL}#Artikel3",
    valid_from=date(2022, 1, 1),
)

# The AOW age that applies to people who reach it in a given calendar year: (years, months).
# Years after the last entry keep the last value until the law sets them.
AOW_AGE_BY_YEAR = Rule(
    value={
        2021: (66, 4),
        2022: (66, 7),
        2023: (66, 10),
        2024: (67, 0),
        2025: (67, 0),
        2026: (67, 0),
        2027: (67, 0),
        2028: (67, 3),
        2029: (67, 3),
        2030: (67, 3),
        2031: (67, 3),
    },
    source="Algemene Ouderdomswet art. 7a: SVB, AOW-leeftijd per jaar (2031 not yet checked against the Staatscourant)",
    source_url=AOW_URL,
    valid_from=date(2021, 1, 1),
    verified=False,
)

VNUMMER_MAX_DIGITS = Rule(
    value=10,
    source="DUO Notificatie API: vNummer is an integer of at most 10 digits (0..9999999999)",
    source_url="https://github.com/duonl/gemeente-m2m-inburgering/blob/main/API/Notificatie/openapi.yml",
    valid_from=date(2022, 1, 1),
)


def bsn_is_valid(value: str) -> bool:
    """Nine digits that pass the BSN elfproef (the last digit weighs -1)."""
    return len(value) == 9 and value.isdigit() and stdnum_bsn.is_valid(value)


def vnummer_normalise(value: str) -> str | None:
    """The V-nummer as 10 digits with leading zeros, or None if it is not a V-nummer."""
    digits = value.strip()
    # isascii(): str.isdigit() is also true for "²" and "١٢٣", which int() refuses or DUO cannot read.
    if not (digits.isascii() and digits.isdigit()) or len(digits) > VNUMMER_MAX_DIGITS.value or int(digits) == 0:
        return None
    return digits.zfill(VNUMMER_MAX_DIGITS.value)


def aow_age(year: int) -> relativedelta:
    """The AOW age for people who reach it in `year`."""
    table = AOW_AGE_BY_YEAR.value
    known = min(max(year, min(table)), max(table))
    years, months = table[known]
    return relativedelta(years=years, months=months)


def aow_date(birth_date: date) -> date:
    """The day on which someone born on `birth_date` reaches the AOW age."""
    for year in range(birth_date.year + 60, birth_date.year + 70):
        candidate: date = birth_date + aow_age(year)
        if candidate.year == year:
            return candidate
    # Only reached if the table grew by more than a year in one year, which the law excludes.
    raise ValueError(f"no AOW date found for {birth_date}")


def age_on(birth_date: date, day: date) -> int:
    years: int = relativedelta(day, birth_date).years
    return years


def in_age_window(*, birth_date: date, plicht_begindatum: date) -> bool:
    """Wi 3(1): at the start of the duty the person is 16 or older and below the AOW age."""
    turns_16: date = birth_date + relativedelta(years=MINIMUM_AGE.value)
    return turns_16 <= plicht_begindatum < aow_date(birth_date)
