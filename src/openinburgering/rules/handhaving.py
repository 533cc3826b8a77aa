"""Handhaving by the college: the Wi 22 and Wi 23 fines, their amounts and caps, and the Awb's terms.

Sources (domain brief §4.1–4.2, `reference/handhaving/README.md`):
- Wi 22 and Wi 26(1)(a), Bi 7.1(1): not appearing or not cooperating at the brede intake, €250 per fine
  (`intake.BOETE_BREDE_INTAKE`); after the warning (second summons) a fine, after the third summons a
  second one and then the college completes the intake without the person: at most two per intake.
- Wi 23 and Wi 26(1)(c): not keeping to the PIP's duties, at most €800.
- Bi 7.1(2)–(5): the Wi 23 amount — base €50, raised by 100% for each earlier Wi 23 offence found in the
  twelve months before this finding whose fine is onherroepelijk, up to €800; then times the culpability
  factor; caps on the sum of Wi 22 and Wi 23 fines. The text of Bi 7.1 was not in our stored material:
  the values follow the domain brief and are marked unverified, and whether "100%" doubles the amount
  or adds the base once more is an open choice (`HERHALING`), shown wherever an amount is.
- Awb 5:41 (no fine without culpability), 5:42 (none after death), 5:45 (the power lapses), 5:51 (decide
  within 13 weeks of the rapport), 5:53 (a rapport and a zienswijze when more than €340 can be imposed).
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum

from .base import Rule
from .intake import BOETE_BREDE_INTAKE
from .kalender import TermLength, TermUnit

WI_URL = "https://wetten.overheid.nl/BWBR0044770/2025-10-21"
BI_URL = "https://wetten.overheid.nl/BWBR0045555/2026-04-02"
AWB_URL = "https://wetten.overheid.nl/BWBR0005537"
_CENT = Decimal("0.01")
# Awb titel 5.4 (the bestuurlijke boete) came with the Vierde tranche Awb (Stb. 2009, 264) on 1 July 2009.
AWB_TITEL_5_4 = date(2009, 7, 1)
_BI_71_UNREAD = "the text of Bi 7.1 was not in the stored material; value as the domain brief reads it"


class Overtreding(StrEnum):
    """The duty broken, and so the article the fine rests on."""

    BREDE_INTAKE = "wi22"  # Wi 22: not appearing or not cooperating at the brede intake
    PIP = "wi23"  # Wi 23: support and guidance, the intensity of PVT/MAP and (asiel) of the leerroute


class Verwijtbaarheid(StrEnum):
    OPZET = "opzet"
    GROVE_SCHULD = "grove_schuld"
    GEEN_OPZET_OF_GROVE_SCHULD = "geen_opzet_of_grove_schuld"
    VERMINDERD = "verminderd"
    GEEN = "geen"  # Awb 5:41: not culpable at all, so no fine


class Herhaling(StrEnum):
    """How Bi 7.1(3)'s "verhoogd met 100%" reads; our sources do not settle it."""

    VERDUBBELEN = "verdubbelen"  # 50, 100, 200, 400, 800: each repeat doubles the amount
    BASIS_ERBIJ = "basis_erbij"  # 50, 100, 150, 200, …: each repeat adds the base once more


BOETES_BREDE_INTAKE_MAX = Rule(
    value=2,
    source=(
        "Wi 14(2) and Wi 22: a fine after the second summons (with the warning) and after the third; after "
        "three summonses the college completes the brede intake without the person, so at most two fines"
    ),
    source_url=f"{WI_URL}#Artikel22",
    valid_from=date(2022, 1, 1),
)

BOETE_PIP_BASIS = Rule(
    value=Decimal("50.00"),
    source=f"Bi 7.1(2): the fine for a Wi 23 offence is €50 ({_BI_71_UNREAD})",
    source_url=f"{BI_URL}#Artikel7.1",
    valid_from=date(2022, 1, 1),
    verified=False,
)

BOETE_PIP_MAX = Rule(
    value=Decimal("800.00"),
    source="Wi 26(1)(c): a fine for a Wi 23 offence is at most €800 (a secondary source, Schulinck, agrees)",
    source_url=f"{WI_URL}#Artikel26",
    valid_from=date(2022, 1, 1),
    verified=False,
)

HERHALING_VENSTER = Rule(
    value=TermLength(12, TermUnit.MONTHS),
    source=(
        "Bi 7.1(3): an earlier Wi 23 offence counts when it was found in the twelve months before this finding "
        f"and its fine is onherroepelijk ({_BI_71_UNREAD})"
    ),
    source_url=f"{BI_URL}#Artikel7.1",
    valid_from=date(2022, 1, 1),
    verified=False,
)

HERHALING = Rule(
    value=Herhaling.VERDUBBELEN,
    source=(
        "Bi 7.1(3): the fine is raised by 100% for each counted repeat, up to €800; whether that doubles the "
        "amount or adds the base is not settled in our sources (check the nota van toelichting)"
    ),
    source_url=f"{BI_URL}#Artikel7.1",
    valid_from=date(2022, 1, 1),
    verified=False,
)

VERWIJTBAARHEID_FACTOR = Rule(
    value={
        Verwijtbaarheid.OPZET: Decimal("1.00"),
        Verwijtbaarheid.GROVE_SCHULD: Decimal("0.75"),
        Verwijtbaarheid.GEEN_OPZET_OF_GROVE_SCHULD: Decimal("0.50"),
        Verwijtbaarheid.VERMINDERD: Decimal("0.25"),
        Verwijtbaarheid.GEEN: Decimal("0.00"),
    },
    source=(
        "Bi 7.1(4): intent 100%, gross negligence 75%, neither 50%, reduced culpability 25% of the amount; "
        f"Awb 5:41: no fine without culpability ({_BI_71_UNREAD})"
    ),
    source_url=f"{BI_URL}#Artikel7.1",
    valid_from=date(2022, 1, 1),
    verified=False,
)

BOETES_SOM_MAX_TERMIJN = Rule(
    value=Decimal("2400.00"),
    source=(
        "Bi 7.1(5): the Wi 22 and Wi 23 fines during the inburgeringstermijn add up to at most €2,400 "
        f"({_BI_71_UNREAD})"
    ),
    source_url=f"{BI_URL}#Artikel7.1",
    valid_from=date(2022, 1, 1),
    verified=False,
)

# The new term DUO sets with its own fine (Wi 24/25), and the cap on the college's fines within it.
BOETES_SOM_MAX_NIEUWE_TERMIJN = Rule(
    value={
        TermLength(6, TermUnit.MONTHS): Decimal("400.00"),
        TermLength(1, TermUnit.YEARS): Decimal("800.00"),
        TermLength(18, TermUnit.MONTHS): Decimal("1200.00"),
        TermLength(2, TermUnit.YEARS): Decimal("1600.00"),
    },
    source=(
        "Bi 7.1(5): in a new term after a DUO fine, the Wi 22 and Wi 23 fines add up to at most €400 (six months), "
        f"€800 (one year), €1,200 (eighteen months) or €1,600 (two years) ({_BI_71_UNREAD})"
    ),
    source_url=f"{BI_URL}#Artikel7.1",
    valid_from=date(2022, 1, 1),
    verified=False,
)

RAPPORT_VERPLICHT_BOVEN = Rule(
    value=Decimal("340.00"),
    source=(
        "Awb 5:53(1)–(3): when a fine of more than €340 can be imposed, a rapport is drawn up and the person is "
        "given the chance to give a zienswijze; Awb 10:3(4): who drew up the rapport does not decide"
    ),
    source_url=AWB_URL,
    valid_from=AWB_TITEL_5_4,
)

BESLISTERMIJN_NA_RAPPORT = Rule(
    value=TermLength(13, TermUnit.WEEKS),
    source="Awb 5:51(1): the decision on a fine under 5:53 is taken within thirteen weeks of the rapport's date",
    source_url=AWB_URL,
    valid_from=AWB_TITEL_5_4,
)

VERVAL_MET_RAPPORT = Rule(
    value=TermLength(5, TermUnit.YEARS),
    source="Awb 5:45(1): the power to fine lapses five years after the offence where 5:53 applies",
    source_url=AWB_URL,
    valid_from=AWB_TITEL_5_4,
)

VERVAL_ZONDER_RAPPORT = Rule(
    value=TermLength(3, TermUnit.YEARS),
    source="Awb 5:45(2): in other cases the power to fine lapses three years after the offence",
    source_url=AWB_URL,
    valid_from=AWB_TITEL_5_4,
)


def wettelijk_maximum(overtreding: Overtreding) -> Decimal:
    """The highest fine the law allows for one offence of this kind."""
    return {
        Overtreding.BREDE_INTAKE: Decimal(BOETE_BREDE_INTAKE.value).quantize(_CENT),
        Overtreding.PIP: BOETE_PIP_MAX.value,
    }[overtreding]


def rapport_verplicht(maximum: Decimal) -> bool:
    """Awb 5:53: a rapport, a zienswijze and a decision by someone else than its author where the fine that can
    be imposed (`wettelijk_maximum`) is more than €340 — so for Wi 23, not for Wi 22."""
    return maximum > RAPPORT_VERPLICHT_BOVEN.value


def verval_termijn(overtreding: Overtreding) -> TermLength:
    """Awb 5:45: how long after the offence the power to fine it lasts."""
    if rapport_verplicht(wettelijk_maximum(overtreding)):
        return VERVAL_MET_RAPPORT.value
    return VERVAL_ZONDER_RAPPORT.value


@dataclass(frozen=True)
class EerdereOvertreding:
    """An earlier Wi 23 offence of the same person."""

    vastgesteld_op: date
    boete_onherroepelijk: bool


def herhalingen(vastgesteld_op: date, eerdere: Iterable[EerdereOvertreding]) -> int:
    """The earlier Wi 23 offences that raise this one's fine: found in the twelve months before `vastgesteld_op`
    (from the same date a year earlier, through the day before) and with an onherroepelijk fine."""
    first_day = vastgesteld_op - HERHALING_VENSTER.value.delta()
    return sum(1 for e in eerdere if e.boete_onherroepelijk and first_day <= e.vastgesteld_op < vastgesteld_op)


# Bi 7.1(3), under each reading of "verhoogd met 100%": the base and the number of counted repeats → the amount.
_VERHOGING: dict[Herhaling, Callable[[Decimal, int], Decimal]] = {
    Herhaling.VERDUBBELEN: lambda basis, herhalingen: basis * 2**herhalingen,
    Herhaling.BASIS_ERBIJ: lambda basis, herhalingen: basis * (1 + herhalingen),
}


@dataclass(frozen=True)
class Stap:
    """One line of the computation, for the decision and the letter: a code (its Dutch text lives with the
    app), the amount after this step and what the step used."""

    code: str
    bedrag: Decimal
    params: dict[str, object]


@dataclass(frozen=True)
class Berekening:
    stappen: tuple[Stap, ...]

    @property
    def bedrag(self) -> Decimal:
        return self.stappen[-1].bedrag


def boete_berekenen(
    overtreding: Overtreding,
    *,
    verwijtbaarheid: Verwijtbaarheid,
    aantal_herhalingen: int = 0,
    eerder_opgelegd: Decimal = Decimal(0),
    som_maximum: Decimal | None = None,
    herhaling: Herhaling | None = None,
) -> Berekening:
    """The fine for one offence, step by step.

    `aantal_herhalingen`: counted repeats (`herhalingen()`; Wi 23 only). `eerder_opgelegd`: the Wi 22 and Wi 23 fines
    already imposed in the current period, and `som_maximum` that period's cap (BOETES_SOM_MAX_TERMIJN, or the
    one for a new term after a DUO fine). `herhaling`: how a repeat raises the amount (default: HERHALING).
    Matiging under Awb 5:46(3) is a decision with a reason, applied after this computation.
    """
    if aantal_herhalingen < 0:
        raise ValueError("aantal_herhalingen cannot be negative")
    stappen: list[Stap] = []
    factor = VERWIJTBAARHEID_FACTOR.value[verwijtbaarheid]
    match overtreding:
        case Overtreding.BREDE_INTAKE:
            bedrag = wettelijk_maximum(overtreding)
            stappen.append(Stap("vast_bedrag", bedrag, {"bron": BOETE_BREDE_INTAKE.citation}))
            if not factor:  # Awb 5:41: no fine without culpability
                bedrag = Decimal("0.00")
                stappen.append(Stap("niet_verwijtbaar", bedrag, {}))
        case Overtreding.PIP:
            bedrag = BOETE_PIP_BASIS.value
            stappen.append(Stap("basis", bedrag, {"bron": BOETE_PIP_BASIS.citation}))
            if aantal_herhalingen:
                wijze = herhaling or HERHALING.value
                bedrag = min(_VERHOGING[wijze](bedrag, aantal_herhalingen), BOETE_PIP_MAX.value)
                stappen.append(Stap("herhaling", bedrag, {"herhalingen": aantal_herhalingen, "wijze": wijze.value}))
            bedrag = (bedrag * factor).quantize(_CENT)
            gebruikt: dict[str, object] = {"verwijtbaarheid": verwijtbaarheid.value, "factor": factor}
            stappen.append(Stap("verwijtbaarheid", bedrag, gebruikt))
    if som_maximum is not None:
        ruimte = max(som_maximum - eerder_opgelegd, Decimal(0)).quantize(_CENT)
        if bedrag > ruimte:
            bedrag = ruimte
            stappen.append(Stap("som_maximum", bedrag, {"maximum": som_maximum, "eerder": eerder_opgelegd}))
    return Berekening(tuple(stappen))
