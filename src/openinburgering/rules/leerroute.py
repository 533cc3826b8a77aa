"""The leerroutes, their levels and hours, and DUO's acceptance rules for a PIP and its inburgeringsaanbod.

Sources: Wi 7-9, 15; Bi 3.1, 3.14, 5.3-5.5; DUO M2M README ("Het aanleveren van een PIP",
"Inburgeringsaanbod") and the PIP API (enums, geschatteIntensiteitB1Route 1-9999).

Rule checks return `Violation`s: a code, the field it concerns and parameters. The Dutch message
for each code lives with the forms (pip/messages.py), so that this package stays free of Django.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from .base import Rule, Violation
from .enums import Doelgroep

WI_URL = "https://wetten.overheid.nl/BWBR0044770/2025-10-21"
BI_URL = "https://wetten.overheid.nl/BWBR0045555/2026-04-02"
DUO_README_URL = "https://github.com/duonl/gemeente-m2m-inburgering#persoonlijk-plan-inburgering-en-participatie-pip"
DUO_PIP_URL = "https://github.com/duonl/gemeente-m2m-inburgering/blob/main/API/PIP/openapi.yml"


class Leerroute(StrEnum):
    """DUO PIP API `Leerroute`."""

    B1_ROUTE = "B"
    ONDERWIJSROUTE = "O"
    Z_ROUTE = "Z"


class Niveau(StrEnum):
    """DUO PIP API `NiveauPip`: the minimum level of the language exams."""

    A2 = "A2"
    B1 = "B1"


class Alfabetisering(StrEnum):
    """DUO `Alfabetiseringsonderwijs`."""

    ANALFABEET = "A"
    ANDERS_ALFABEET = "AA"
    NIET_VAN_TOEPASSING = "NVT"


ROUTE_LEVELS = Rule(
    value={
        Leerroute.B1_ROUTE: frozenset({Niveau.B1, Niveau.A2}),
        Leerroute.ONDERWIJSROUTE: frozenset({Niveau.B1}),
        Leerroute.Z_ROUTE: frozenset({Niveau.A2}),
    },
    source=(
        "DUO README, PIP: A2 not with the onderwijsroute, B1 not with the Z-route; Wi 7 and 8 (B1), "
        "Bi 3.14(7) (Z-route: optional A2 exams)"
    ),
    source_url=DUO_README_URL,
    valid_from=date(2022, 1, 1),
)

FIRST_PIP_EXCLUDED_LEVEL = Rule(
    value=(Leerroute.B1_ROUTE, Niveau.A2),
    source=(
        "DUO README, PIP: A2 with the B1-route is refused on the first PIP of a person in any gemeente; "
        "afschalen to A2 is a change of the PIP after 600 hours (Wi 17(3), Bi 5.3(6), 5.5)"
    ),
    source_url=DUO_README_URL,
    valid_from=date(2022, 1, 1),
)

DEFAULT_LEVEL = Rule(
    value={Leerroute.B1_ROUTE: Niveau.B1, Leerroute.ONDERWIJSROUTE: Niveau.B1},
    source="DUO README, PIP: without a level, DUO records B1 for the B1-route and the onderwijsroute",
    source_url=DUO_README_URL,
    valid_from=date(2022, 1, 1),
)

GESCHATTE_INTENSITEIT_RANGE = Rule(
    value=(1, 9999),
    source=(
        "DUO PIP API: geschatteIntensiteitB1Route 1-9999 hours, only for the B1-route and asielstatushouders "
        "(Wi 15(2): route intensity for asielstatushouders)"
    ),
    source_url=DUO_PIP_URL,
    valid_from=date(2022, 1, 1),
)

MAP_ROUTES = Rule(
    value=frozenset({Leerroute.B1_ROUTE, Leerroute.Z_ROUTE}),
    source="Wi 6(1) and 8(3): the MAP is part of the duty, except on the onderwijsroute",
    source_url=f"{WI_URL}#Artikel8",
    valid_from=date(2022, 1, 1),
)

PVT_MIN_HOURS = Rule(
    value=12,
    source="Bi 3.1: the participatieverklaringstraject takes at least twelve hours with at least one activity",
    source_url=f"{BI_URL}#Artikel3.1",
    valid_from=date(2022, 1, 1),
)

Z_ROUTE_COURSE_HOURS = Rule(
    value=800,
    source="Bi 3.14(2)-(3): the Z-route holds 800 hours of language and KNM courses at a keurmerk institution",
    source_url=f"{BI_URL}#Artikel3.14",
    valid_from=date(2022, 1, 1),
)

Z_ROUTE_PARTICIPATION_HOURS = Rule(
    value={Doelgroep.ASIELSTATUSHOUDER: 800, Doelgroep.GEZINSMIGRANT_EN_OVERIGE_MIGRANT: 0},
    source=(
        "Bi 3.14(2): asielstatushouders also 800 hours of participation activities (MAP and PVT hours count, "
        "3.14(5)); Bi 3.14(3): gezins- en overige migranten have no participation hours"
    ),
    source_url=f"{BI_URL}#Artikel3.14",
    valid_from=date(2022, 1, 1),
)

AFSCHALEN_MIN_HOURS = Rule(
    value=600,
    source=(
        "Bi 5.5: afschalen from B1 to A2 on the B1-route after at least 600 hours of NT2 lessons "
        "(alfabetisering counts) at a keurmerk institution or taalschakelinstelling, with sufficient effort"
    ),
    source_url=f"{BI_URL}#Artikel5.5",
    valid_from=date(2022, 1, 1),
)

INBURGERINGSAANBOD_DOELGROEPEN = Rule(
    value=frozenset({Doelgroep.ASIELSTATUSHOUDER}),
    source="Wi 16 and DUO README, Inburgeringsaanbod: the gemeente offers (and reports) courses to asielstatushouders",
    source_url=f"{WI_URL}#Artikel16",
    valid_from=date(2022, 1, 1),
)


@dataclass(frozen=True)
class PipFacts:
    """What DUO's PIP acceptance rules look at."""

    leerroute: Leerroute
    niveau: Niveau | None
    doelgroep: Doelgroep
    dagtekening: date | None
    geschatte_intensiteit: int | None = None
    map_included: bool = True
    z_participatie_uren: int | None = None
    is_first_pip: bool = True  # no earlier PIP for this person, in any gemeente
    plicht_begindatum: date | None = None
    vestigingsdatum: date | None = None  # settlement in the gemeente (BRP registration)
    eerste_dagtekening: date | None = None  # of the person's initial PIP
    vorige_dagtekening: date | None = None  # of the current (to be replaced) PIP
    vorige_niveau: Niveau | None = None  # the effective level of the current (to be replaced) PIP
    # Afschalen (Bi 5.5): the NT2 lesson hours followed, and whether the effort was sufficient.
    afschalen_uren: int | None = None
    afschalen_inspanning: bool = False


def effective_level(leerroute: Leerroute, niveau: Niveau | None) -> Niveau | None:
    """The level DUO records: the given one, or B1 for the B1-route and the onderwijsroute (DEFAULT_LEVEL)."""
    return niveau or DEFAULT_LEVEL.value.get(leerroute)


def pip_violations(facts: PipFacts) -> list[Violation]:
    """Every reason DUO (or the law) would refuse this PIP; empty when it is acceptable."""
    found: list[Violation] = []
    route, level = facts.leerroute, effective_level(facts.leerroute, facts.niveau)
    if level is not None and level not in ROUTE_LEVELS.value[route]:
        found.append(Violation("niveau_route", "niveau", {"niveau": level.value, "leerroute": route.value}))
    elif facts.is_first_pip and (route, level) == FIRST_PIP_EXCLUDED_LEVEL.value:
        found.append(Violation("niveau_eerste_pip", "niveau", {"niveau": level.value if level else ""}))

    if facts.geschatte_intensiteit is not None:
        low, high = GESCHATTE_INTENSITEIT_RANGE.value
        if route != Leerroute.B1_ROUTE or facts.doelgroep != Doelgroep.ASIELSTATUSHOUDER:
            found.append(Violation("intensiteit_alleen_b1_asiel", "geschatte_intensiteit"))
        elif not low <= facts.geschatte_intensiteit <= high:
            found.append(Violation("intensiteit_bereik", "geschatte_intensiteit", {"min": low, "max": high}))

    if route not in MAP_ROUTES.value and facts.map_included:
        found.append(Violation("map_niet_op_onderwijsroute", "map_opgenomen"))
    if route in MAP_ROUTES.value and not facts.map_included:
        found.append(Violation("map_verplicht", "map_opgenomen"))

    if facts.z_participatie_uren is not None and route != Leerroute.Z_ROUTE:
        found.append(Violation("participatie_alleen_z", "z_participatie_uren"))

    if is_afschalen(facts):
        if (facts.afschalen_uren or 0) < AFSCHALEN_MIN_HOURS.value:
            found.append(Violation("afschalen_uren", "afschalen_uren", {"min": AFSCHALEN_MIN_HOURS.value}))
        if not facts.afschalen_inspanning:
            found.append(Violation("afschalen_inspanning", "afschalen_inspanning"))

    found.extend(_dagtekening_violations(facts))
    return found


def is_afschalen(facts: PipFacts) -> bool:
    """A later PIP that lowers the B1-route's exam level from B1 to A2 (Wi 17(3), Bi 5.5)."""
    level = effective_level(facts.leerroute, facts.niveau)
    previous = facts.vorige_niveau or Niveau.B1
    return (
        not facts.is_first_pip
        and facts.leerroute == Leerroute.B1_ROUTE
        and level == Niveau.A2
        and previous == Niveau.B1
    )


def _dagtekening_violations(facts: PipFacts) -> Iterable[Violation]:
    day = facts.dagtekening
    if day is None:
        return
    if facts.plicht_begindatum and day < facts.plicht_begindatum:
        yield Violation("dagtekening_voor_plicht", "dagtekening", {"datum": facts.plicht_begindatum})
    if facts.vestigingsdatum and day < facts.vestigingsdatum:
        yield Violation("dagtekening_voor_vestiging", "dagtekening", {"datum": facts.vestigingsdatum})
    if facts.eerste_dagtekening and day < facts.eerste_dagtekening:
        yield Violation("dagtekening_voor_eerste_pip", "dagtekening", {"datum": facts.eerste_dagtekening})
    if facts.vorige_dagtekening and day < facts.vorige_dagtekening:
        yield Violation("dagtekening_voor_vorige_pip", "dagtekening", {"datum": facts.vorige_dagtekening})


@dataclass(frozen=True)
class AanbodFacts:
    """What DUO's acceptance rules for an inburgeringsaanbod look at (one instelling)."""

    doelgroep: Doelgroep
    leerroute: Leerroute
    has_pip: bool
    instelling_keurmerk: bool
    instelling_taalschakel: bool
    datum_aanbod: date | None
    start_opleiding: date | None
    einde_opleiding: date | None
    pip_dagtekening: date | None
    termijn_start: date | None = None
    termijn_last_day: date | None = None


def aanbod_violations(facts: AanbodFacts) -> list[Violation]:
    """DUO README, Inburgeringsaanbod; the dates of the current spec (datumInburgeringsaanbod,
    verwachteStartdatumOpleiding, verwachteEinddatumOpleiding) stand for the older names."""
    found: list[Violation] = []
    if facts.doelgroep not in INBURGERINGSAANBOD_DOELGROEPEN.value:
        found.append(Violation("aanbod_alleen_asiel", "instelling"))
    if not facts.has_pip:
        found.append(Violation("aanbod_zonder_pip", "instelling"))
    accepted = facts.instelling_keurmerk or (
        facts.leerroute == Leerroute.ONDERWIJSROUTE and facts.instelling_taalschakel
    )
    if not accepted:
        code = "instelling_keurmerk_of_tst" if facts.leerroute == Leerroute.ONDERWIJSROUTE else "instelling_keurmerk"
        found.append(Violation(code, "instelling"))
    dates = {
        "datum_aanbod": facts.datum_aanbod,
        "start_opleiding": facts.start_opleiding,
        "einde_opleiding": facts.einde_opleiding,
    }
    for name, value in dates.items():
        if value and facts.pip_dagtekening and value < facts.pip_dagtekening:
            found.append(Violation("aanbod_voor_pip", name, {"datum": facts.pip_dagtekening}))
    if facts.start_opleiding and facts.datum_aanbod and facts.start_opleiding < facts.datum_aanbod:
        found.append(Violation("start_voor_aanbod", "start_opleiding"))
    if facts.start_opleiding and facts.einde_opleiding and facts.einde_opleiding <= facts.start_opleiding:
        found.append(Violation("einde_voor_start", "einde_opleiding"))
    for name in ("start_opleiding", "einde_opleiding"):
        value = dates[name]
        outside = value is not None and (
            (facts.termijn_start is not None and value < facts.termijn_start)
            or (facts.termijn_last_day is not None and value > facts.termijn_last_day)
        )
        if outside:
            found.append(Violation("buiten_termijn", name))
    return found
