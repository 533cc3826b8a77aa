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
from decimal import Decimal
from enum import StrEnum

from .base import Rule, Violation
from .kalender import TermLength, TermUnit, month_of, period_last_day
from .sepa import (
    SEPA_BEDRAG_DECIMALEN,
    SEPA_BEDRAG_MAX,
    SEPA_NAAM_MAX,
    bic_is_valid,
    bic_required,
    iban_country,
    iban_country_in_sepa,
    iban_is_valid,
)

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


# --- the checks of a beschikking and of a fixed cost, as coded violations ----------------------------
# Each returns every rule the facts break (all of them, so a form can show them at once), in the order
# of the form. The Dutch message for each code lives with the app (ontzorgen/messages.py).


class KenmerkSoort(StrEnum):
    """How a payment names the bill: a structured betalingskenmerk, or free text (RmtInf/Ustrd)."""

    GESTRUCTUREERD = "gestructureerd"
    VRIJ = "vrij"


_SOORTEN = frozenset(VasteLastSoort)


def _decimals(amount: Decimal) -> int:
    """The digits after the point that matter (12.30 has one; 1E+2 has −2); `amount` finite."""
    return -int(amount.normalize().as_tuple().exponent)


_KENMERK_SOORTEN = frozenset(KenmerkSoort)


def rekening_violations(iban: str, *, field: str, required: bool) -> list[Violation]:
    """A valid IBAN (ISO 13616) of an account a SEPA payment can reach (EPC409-09); `iban` compact."""
    if not iban:
        return [Violation("iban_verplicht", field)] if required else []
    if not iban_is_valid(iban):
        return [Violation("iban_ongeldig", field)]
    if not iban_country_in_sepa(iban):
        return [Violation("iban_buiten_sepa", field, {"land": iban_country(iban)})]
    return []


def gegevens_violations(*, machtiging_op: date | None, rekeninghouder: str, iban: str, today: date) -> list[Violation]:
    """The machtiging and the person's own account (for the leefgeld): no date ahead, a name that fits a
    SEPA payment, an IBAN a SEPA payment reaches. `rekeninghouder` stripped, `iban` compact."""
    violations = []
    if machtiging_op is not None and machtiging_op > today:
        violations.append(Violation("machtiging_toekomst", "machtiging_op"))
    if len(rekeninghouder) > SEPA_NAAM_MAX.value:
        violations.append(Violation("rekeninghouder_te_lang", "rekeninghouder", {"max": SEPA_NAAM_MAX.value}))
    return violations + rekening_violations(iban, field="iban", required=False)


@dataclass(frozen=True)
class OntzorgingAanvraag:
    """What a new ontzorgingsbeschikking is checked against."""

    dossier_open: bool
    asiel_doelgroep: bool  # the Wi doelgroep asielstatushouder (Wi 13(1)), which is wider than Pw 56a(1)
    asielvergunning_bepaalde_tijd: bool  # the person holds such a permit himself
    plicht_einddatum: date | None
    startdatum: date | None  # the day the right to bijstand arises; None: no bijstand
    besluitdatum: date | None
    today: date
    machtiging_op: date | None = None
    rekeninghouder: str = ""  # stripped
    iban: str = ""  # compact
    # An ontzorging still in force on `startdatum` (its first and last day); None without a startdatum.
    lopend: tuple[date, date] | None = None


def ontzorging_violations(aanvraag: OntzorgingAanvraag) -> list[Violation]:
    """Every rule a new beschikking breaks: Pw 56a(1) eligibility (each of `ontzorgen_eligible`'s conditions
    that fails, named), the start of bijstand (Pw 56a(2)), the dates, the account, one ontzorging at a time."""
    a = aanvraag
    violations: list[Violation] = []
    inburgeringsplichtig = a.dossier_open and (
        a.plicht_einddatum is None or a.startdatum is None or a.plicht_einddatum >= a.startdatum
    )
    if not inburgeringsplichtig:
        violations.append(Violation("niet_inburgeringsplichtig", ""))
    if not a.asiel_doelgroep:
        violations.append(Violation("geen_asielvergunning_doelgroep", "asielvergunning_bepaalde_tijd"))
    elif not a.asielvergunning_bepaalde_tijd:
        violations.append(Violation("geen_asielvergunning", "asielvergunning_bepaalde_tijd"))
    if a.startdatum is None:
        violations.append(Violation("geen_bijstand", "startdatum", {"maanden": ONTZORGEN_DUUR.value.amount}))
    if a.besluitdatum is None:
        violations.append(Violation("besluitdatum_verplicht", "besluitdatum"))
    elif a.besluitdatum > a.today:
        violations.append(Violation("besluitdatum_toekomst", "besluitdatum"))
    violations += gegevens_violations(
        machtiging_op=a.machtiging_op, rekeninghouder=a.rekeninghouder, iban=a.iban, today=a.today
    )
    if a.lopend is not None:
        violations.append(Violation("active_exists", "", {"start": a.lopend[0], "einde": a.lopend[1]}))
    return violations


def vaste_last_buiten_56a(soort: str) -> bool:
    """A kind of fixed cost that Pw 56a(2) does not name (paid only on a Pw 57 ground); False for an unknown kind."""
    return soort in _SOORTEN and soort not in ONTZORGEN_VASTE_LASTEN.value


@dataclass(frozen=True)
class VasteLastTermen:
    """The terms of one version of a fixed cost: months as their first day, IBAN and BIC compact."""

    soort: str
    van_maand: date | None
    tot_en_met_maand: date | None
    crediteur: str
    iban: str
    bic: str
    kenmerk_soort: str
    kenmerk: str
    bedrag: Decimal | None


def vaste_last_violations(
    termen: VasteLastTermen, *, ontzorging_start: date, ontzorging_einde: date, uitbreiding: bool
) -> list[Violation]:
    """Every rule the terms break: the kind (Pw 56a(2), or Pw 57 with `uitbreiding`), the months within the
    ontzorging, the creditor and account (SEPA), the reference (Betaalvereniging) and the amount."""
    t = termen
    violations: list[Violation] = []
    if t.soort not in _SOORTEN:
        violations.append(Violation("soort_verplicht", "soort"))
    elif vaste_last_buiten_56a(t.soort) and not uitbreiding:
        violations.append(Violation("niet_56a", "soort", {"soort": t.soort}))

    eerste, laatste = month_of(ontzorging_start), month_of(ontzorging_einde)
    if t.van_maand is None:
        violations.append(Violation("van_maand_verplicht", "van_maand"))
    elif t.van_maand < eerste:
        violations.append(Violation("van_maand_voor_ontzorging", "van_maand", {"maand": eerste}))
    elif t.van_maand > laatste:
        violations.append(Violation("van_maand_na_ontzorging", "van_maand", {"maand": laatste}))
    if t.tot_en_met_maand is not None:
        if t.van_maand is not None and t.tot_en_met_maand < t.van_maand:
            violations.append(Violation("tot_voor_van", "tot_en_met_maand"))
        elif t.tot_en_met_maand > laatste:
            violations.append(Violation("tot_na_ontzorging", "tot_en_met_maand", {"maand": laatste}))

    if not t.crediteur:
        violations.append(Violation("crediteur_verplicht", "crediteur"))
    elif len(t.crediteur) > SEPA_NAAM_MAX.value:
        violations.append(
            Violation("crediteur_te_lang", "crediteur", {"n": len(t.crediteur), "max": SEPA_NAAM_MAX.value})
        )

    rekening = rekening_violations(t.iban, field="iban", required=True)
    violations += rekening
    if t.bic and not bic_is_valid(t.bic):
        violations.append(Violation("bic_ongeldig", "bic"))
    elif not t.bic and not rekening and bic_required(t.iban):
        violations.append(Violation("bic_verplicht", "bic", {"land": iban_country(t.iban)}))

    if t.kenmerk_soort not in _KENMERK_SOORTEN:
        violations.append(Violation("kenmerk_soort_verplicht", "kenmerk_soort"))
    elif t.kenmerk_soort == KenmerkSoort.GESTRUCTUREERD:
        if not betalingskenmerk_is_valid(t.kenmerk):
            violations.append(Violation("betalingskenmerk", "kenmerk"))
    elif not t.kenmerk:
        violations.append(Violation("omschrijving_verplicht", "kenmerk"))
    elif len(t.kenmerk) > OMSCHRIJVING_MAX.value:
        violations.append(
            Violation("omschrijving_te_lang", "kenmerk", {"n": len(t.kenmerk), "max": OMSCHRIJVING_MAX.value})
        )

    if t.bedrag is None:
        violations.append(Violation("bedrag_verplicht", "bedrag"))
    elif not t.bedrag.is_finite() or t.bedrag <= 0:
        violations.append(Violation("bedrag_niet_positief", "bedrag"))
    elif _decimals(t.bedrag) > SEPA_BEDRAG_DECIMALEN.value:
        violations.append(Violation("bedrag_centen", "bedrag", {"decimalen": SEPA_BEDRAG_DECIMALEN.value}))
    elif t.bedrag > SEPA_BEDRAG_MAX.value:
        violations.append(Violation("bedrag_te_groot", "bedrag", {"max": SEPA_BEDRAG_MAX.value}))
    return violations
