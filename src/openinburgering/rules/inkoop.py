"""The components a gemeente buys (inkoop) and the quality demand of the Blik op Werk keurmerk.

Sources: Wi 6-9 and 13 (the components of the duty and of the leerroutes, maatschappelijke begeleiding);
Bi 3.1, 3.2, 3.4 and 3.14 (PVT, MAP, KNM, the Z-route); Blik op Werk, "Keurmerk Inburgeren"
(../shared/reference/blik-op-werk/README.md §3): gemeenten buy trajecten for asielstatushouders only from
keurmerkhouders, and the onderwijsroute lies outside the keurmerk (the Inspectie van het Onderwijs
supervises it).

Rule checks return `Violation`s; the Dutch message for each code lives with the app (inkoop/messages.py).
"""

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from .base import Rule, Violation
from .enums import Doelgroep
from .leerroute import WI_URL, Leerroute

BLIK_OP_WERK_URL = "https://www.blikopwerk.nl/inburgeren/keurmerk-inburgeren/"


class Component(StrEnum):
    """What a gemeente buys from an aanbieder, one perceel per component.

    The three leerroutes are DUO's `Leerroute` (rules.leerroute; see COMPONENT_OF_LEERROUTE); the others are
    the common components of Wi 6 and the PIP's parts (Wi 15): alfabetisering (DUO `Alfabetiseringsonderwijs`),
    KNM (Bi 3.4), MAP (Bi 3.2), PVT (Bi 3.1), maatschappelijke begeleiding (Wi 13(1)(b)), and interpreters.
    """

    B1_ROUTE = "b1_route"
    Z_ROUTE = "z_route"
    ONDERWIJSROUTE = "onderwijsroute"  # the taalschakeltraject at a WEB institution (Wi 8)
    ALFABETISERING = "alfabetisering"
    KNM = "knm"
    MAP = "map"
    PVT = "pvt"
    MAATSCHAPPELIJKE_BEGELEIDING = "maatschappelijke_begeleiding"
    TOLKDIENSTEN = "tolkdiensten"


# The PIP's leerroute (DUO's code) → the component that buys it.
COMPONENT_OF_LEERROUTE: dict[Leerroute, Component] = {
    Leerroute.B1_ROUTE: Component.B1_ROUTE,
    Leerroute.Z_ROUTE: Component.Z_ROUTE,
    Leerroute.ONDERWIJSROUTE: Component.ONDERWIJSROUTE,
}

COMPONENT_SOURCES = Rule(
    value=tuple(Component),
    source=(
        "Wi 6-9, 13 and 15: the leerroutes (B1-route, onderwijsroute with its taalschakeltraject, Z-route), "
        "KNM, MAP and PVT, alfabetisering and maatschappelijke begeleiding; tolkdiensten are bought alongside "
        "(not a legal component)"
    ),
    source_url=f"{WI_URL}#Artikel6",
    valid_from=date(2022, 1, 1),
)

# For which doelgroep a placement in which component needs a valid keurmerk. Blik op Werk names "trajecten"
# for asielstatushouders; that these are the B1-route and the Z-route is the reading of issue 13 and of
# Bi 3.14(2) (the Z-route's course hours at a keurmerk institution). Whether a separately bought perceel for
# alfabetisering or KNM also needs it is not confirmed in the stored sources (UNVERIFIED): they are left out.
KEURMERK_VERPLICHT = Rule(
    value={Doelgroep.ASIELSTATUSHOUDER: frozenset({Component.B1_ROUTE, Component.Z_ROUTE})},
    source=(
        "Blik op Werk, Keurmerk Inburgeren: gemeenten buy trajecten for asielstatushouders only from "
        "keurmerkhouders; the onderwijsroute is outside the keurmerk; Bi 3.14(2): Z-route courses at a "
        "keurmerk institution"
    ),
    source_url=BLIK_OP_WERK_URL,
    valid_from=date(2022, 1, 1),
)

KEURMERK_NIET_VAN_TOEPASSING = Rule(
    value=frozenset({Component.ONDERWIJSROUTE}),
    source=(
        "Blik op Werk, Keurmerk Inburgeren: the onderwijsroute is outside the keurmerk (the Inspectie van het "
        "Onderwijs supervises it)"
    ),
    source_url=BLIK_OP_WERK_URL,
    valid_from=date(2022, 1, 1),
)

# Not a legal term: the warning window the gemeenten asked for (issue 13, part 1), so that a contract manager
# can act before placements are refused. Kept here because the refusal it warns about is a rule.
KEURMERK_WAARSCHUWING_DAGEN = Rule(
    value=90,
    source=(
        "Issue 13, part 1: warn when the keurmerk expires within 90 days, refuse new placements once expired "
        "(a quality demand of the gemeenten' contracts, not a term of Blik op Werk)"
    ),
    source_url=BLIK_OP_WERK_URL,
    valid_from=date(2022, 1, 1),
    verified=False,
)


class Keurmerkstatus(StrEnum):
    GELDIG = "geldig"
    VERLOOPT_BINNENKORT = "verloopt_binnenkort"  # valid, but ends within KEURMERK_WAARSCHUWING_DAGEN
    VERLOPEN = "verlopen"
    GEEN = "geen"  # the aanbieder holds no keurmerk at all


def keurmerk_status(valid_until: date, on_date: date) -> Keurmerkstatus:
    """The keurmerk's status on `on_date`, when it is valid up to and including `valid_until`.

    Valid on its last day; expired from the day after. It "expires soon" when its last day lies within
    KEURMERK_WAARSCHUWING_DAGEN days from `on_date` (90 days ahead: still warned; 91: not yet).
    """
    if on_date > valid_until:
        return Keurmerkstatus.VERLOPEN
    if valid_until - on_date <= timedelta(days=KEURMERK_WAARSCHUWING_DAGEN.value):
        return Keurmerkstatus.VERLOOPT_BINNENKORT
    return Keurmerkstatus.GELDIG


def aanbieder_keurmerk_status(*, heeft_keurmerk: bool, valid_until: date | None, on_date: date) -> Keurmerkstatus:
    """An aanbieder's keurmerk: none, or held (valid when its end date is not recorded)."""
    if not heeft_keurmerk:
        return Keurmerkstatus.GEEN
    if valid_until is None:
        return Keurmerkstatus.GELDIG
    return keurmerk_status(valid_until, on_date)


def keurmerk_verplicht(component: Component, doelgroep: Doelgroep) -> bool:
    """Whether a placement in `component` of a person of `doelgroep` needs a valid keurmerk."""
    return component in KEURMERK_VERPLICHT.value.get(doelgroep, frozenset())


@dataclass(frozen=True)
class PlaatsingKeurmerkFacts:
    component: Component
    doelgroep: Doelgroep
    heeft_keurmerk: bool
    keurmerk_geldig_tot: date | None
    on_date: date


def plaatsing_keurmerk_violations(facts: PlaatsingKeurmerkFacts) -> list[Violation]:
    """A new placement where the keurmerk is required and not valid on the day: refused, naming the rule."""
    if not keurmerk_verplicht(facts.component, facts.doelgroep):
        return []
    status = aanbieder_keurmerk_status(
        heeft_keurmerk=facts.heeft_keurmerk, valid_until=facts.keurmerk_geldig_tot, on_date=facts.on_date
    )
    if status == Keurmerkstatus.GEEN:
        return [Violation("keurmerk_ontbreekt", "aanbieder", {"regel": KEURMERK_VERPLICHT.citation})]
    if status == Keurmerkstatus.VERLOPEN:
        return [
            Violation(
                "keurmerk_verlopen",
                "aanbieder",
                {"regel": KEURMERK_VERPLICHT.citation, "geldig_tot": facts.keurmerk_geldig_tot},
            )
        ]
    return []
