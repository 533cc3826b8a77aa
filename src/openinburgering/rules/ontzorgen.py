"""Financieel ontzorgen (Participatiewet art. 56a, 57) and the payment references it pays with.

Sources:
- Pw 56a(1): who — a bijstand recipient who is inburgeringsplichtig and holds a fixed-term asylum permit.
- Pw 56a(2): what and how long — rent, gas, water, electricity and the mandatory health insurance, paid
  from the bijstand for six months from the day the right to bijstand arises.
- Pw 57: longer or wider only on a decision (sound reasons the person cannot manage his money), or
  voluntarily, with consent.
- Betaalvereniging Nederland, "Specificaties betalingskenmerk": the structured payment reference.
"""

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from .base import Rule
from .kalender import TermLength, TermUnit, period_last_day

PW_URL = "https://wetten.overheid.nl/BWBR0015703/2025-01-01"
BETAALVERENIGING_URL = (
    "https://www.betaalvereniging.nl/betalingsverkeer/giraal-betalingsverkeer/"
    "wijzigingen-verwerking-acceptgirobetalingen/specificaties-betalingskenmerk/"
)


class VasteLastSoort(StrEnum):
    HUUR = "huur"
    GAS = "gas"
    ELEKTRICITEIT = "elektriciteit"
    WATER = "water"
    ZORGVERZEKERING = "zorgverzekering"
    # Not in Pw 56a(2): only under an extension or widening (Pw 57 decision or consent).
    INBOEDELVERZEKERING = "inboedelverzekering"
    AANSPRAKELIJKHEIDSVERZEKERING = "aansprakelijkheidsverzekering"
    TELECOM = "telecom"
    GEMEENTELIJKE_BELASTINGEN = "gemeentelijke_belastingen"
    OVERIG = "overig"


ONTZORGEN_VASTE_LASTEN = Rule(
    value=frozenset(
        {
            VasteLastSoort.HUUR,
            VasteLastSoort.GAS,
            VasteLastSoort.ELEKTRICITEIT,
            VasteLastSoort.WATER,
            VasteLastSoort.ZORGVERZEKERING,
        }
    ),
    source=(
        "Pw 56a(2): the college pays rent, gas, water, electricity and the mandatory health insurance from the "
        "bijstand; other costs only on a Pw 57 decision or with consent"
    ),
    source_url=f"{PW_URL}#Artikel56a",
    valid_from=date(2022, 1, 1),
)

ONTZORGEN_DUUR = Rule(
    value=TermLength(6, TermUnit.MONTHS),
    source=(
        "Pw 56a(2): for six months counted from the day the right to bijstand arises; not a term to act "
        "within, so the Algemene termijnenwet does not move its end"
    ),
    source_url=f"{PW_URL}#Artikel56a",
    valid_from=date(2022, 1, 1),
)


class VerlengingsGrond(StrEnum):
    """Why ontzorgen may last longer or cover more than Pw 56a: a Pw 57 decision, or consent."""

    PW57_BESLUIT = "pw57_besluit"
    TOESTEMMING = "toestemming"


ONTZORGEN_VERLENGINGSGRONDEN = Rule(
    value=tuple(VerlengingsGrond),
    source=(
        "Pw 57: payments in the person's name or bijstand in kind on sound reasons that he cannot manage his "
        "money; otherwise only voluntarily, with the person's consent"
    ),
    source_url=f"{PW_URL}#Artikel57",
    valid_from=date(2022, 1, 1),
)

OMSCHRIJVING_MAX = Rule(
    value=140,
    source="ISO 20022 pain.001: unstructured remittance information (RmtInf/Ustrd) is Max140Text",
    source_url="https://www.iso20022.org/",
    valid_from=date(2014, 2, 1),
)


@dataclass(frozen=True)
class OntzorgenFeiten:
    inburgeringsplichtig: bool
    asielvergunning_bepaalde_tijd: bool
    bijstand: bool


def ontzorgen_eligible(feiten: OntzorgenFeiten) -> bool:
    """Pw 56a(1): narrower than the Wi doelgroep — the permit itself must be an asylum permit."""
    return feiten.inburgeringsplichtig and feiten.asielvergunning_bepaalde_tijd and feiten.bijstand


def ontzorgen_last_day(bijstand_start: date) -> date:
    """The last day of the six months of Pw 56a(2) that start on `bijstand_start` (inclusive).

    A period whose first day is given (kalender.period_last_day): from 1 July to 31 December, from
    1 March to 31 August, from 31 August to 28 (29) February.
    """
    return period_last_day(bijstand_start, ONTZORGEN_DUUR.value)


# --- the Dutch structured payment reference (betalingskenmerk) ---------------------------------

_WEIGHTS = (2, 4, 8, 5, 10, 9, 7, 3, 6, 1)  # from the rightmost digit leftwards, repeating
# Lengths with a length code (second digit) → that code: the number of digits that follow it.
_LENGTH_CODES = {9: "7", 10: "8", 11: "9", 12: "0", 13: "1", 14: "2"}

BETALINGSKENMERK_LENGTES = Rule(
    value=frozenset({7, 16, *_LENGTH_CODES}),
    source=(
        "Betaalvereniging, specificaties betalingskenmerk: 7 digits without a check; 16 digits with a check "
        "digit first; 9-14 digits with a check digit and a length code; weighted modulus 11"
    ),
    source_url=BETAALVERENIGING_URL,
    valid_from=date(2014, 2, 1),
)


def betalingskenmerk_check_digit(digits: str) -> int:
    """The check digit for the digits that follow it (length code included): weighted modulus 11."""
    total = sum(int(d) * _WEIGHTS[i % len(_WEIGHTS)] for i, d in enumerate(reversed(digits)))
    check = 11 - total % 11
    return {10: 1, 11: 0}.get(check, check)


def betalingskenmerk_is_valid(value: str) -> bool:
    """Whether `value` (spaces allowed) is a valid Dutch betalingskenmerk."""
    digits = value.replace(" ", "")
    if not (digits.isascii() and digits.isdigit()) or len(digits) not in BETALINGSKENMERK_LENGTES.value:
        return False
    if len(digits) == 7:
        return True
    if len(digits) in _LENGTH_CODES and digits[1] != _LENGTH_CODES[len(digits)]:
        return False
    return int(digits[0]) == betalingskenmerk_check_digit(digits[1:])
