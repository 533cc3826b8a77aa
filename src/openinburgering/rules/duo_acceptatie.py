"""DUO's acceptance rules for the results MAP, PVT and Z-route, for withdrawing a PIP and for the gevolgde uren.

Source: DUO M2M README ("Module Arbeidsmarkt en Participatie (MAP)", "Participatieverklaringstraject (PVT)",
"Het verwijderen van een PIP") and the OpenAPI files of the APIs "MAP,PVT,Zroute" and "GevolgdeUren".
Each check is a pure function returning coded `Violation`s (rules.base.Violation); the Dutch message
for each code lives in core/duo_messages.py, so this package stays free of Django.

MAP and PVT have the same rules; `resultaat_violations` checks either, with `onderdeel` "map" or "pvt" as
the prefix of each field name ("map_datum", "pvt_verwijtbaar").
"""

import re
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Literal

from dateutil.relativedelta import relativedelta

from .base import Rule, Violation
from .enums import Doelgroep
from .leerroute import Leerroute

DUO_README_URL = "https://github.com/duonl/gemeente-m2m-inburgering"
DUO_MAP_URL = f"{DUO_README_URL}#module-arbeidsmarkt-en-participatie-map"
DUO_PVT_URL = f"{DUO_README_URL}#participatieverklaringstraject-pvt"
DUO_PIP_DELETE_URL = f"{DUO_README_URL}#het-verwijderen-van-een-pip"
DUO_UREN_URL = f"{DUO_README_URL}/blob/main/API/GevolgdeUren/openapi.yml"

Onderdeel = Literal["map", "pvt"]


class Verwijtbaar(StrEnum):
    """DUO `InburgeringJaNeeType`."""

    JA = "Ja"
    NEE = "Nee"


VERWIJTBAAR_NEE_MARGE = Rule(
    value=relativedelta(months=2),
    source=(
        "DUO README, MAP and PVT: 'Verwijtbaar' may be 'Nee' only when the end of the inburgeringstermijn falls "
        "within two months; read here as: the date (MAP eindgesprek, PVT ondertekening) lies at most two months "
        "after the last day of the inburgeringstermijn"
    ),
    source_url=DUO_MAP_URL,
    valid_from=date(2026, 3, 30),
    verified=False,  # DUO's sentence does not say "within two months of what"; to be confirmed with DUO
)

UREN_BEREIK = Rule(
    value=(0, 9999),
    source="DUO GevolgdeUren API: every 'uren' is an integer from 0 to 9999 (a total, replaced by each PUT)",
    source_url=DUO_UREN_URL,
    valid_from=date(2026, 3, 30),
)


@dataclass(frozen=True)
class ResultaatFacts:
    """What DUO looks at when a gemeente PUTs the MAP or PVT result (the whole resource, after the change).

    ``datum`` None with ``vorige_datum`` set is the withdrawal of an earlier date (the field left out).
    The termijn is DUO's inburgeringstermijn when known, else the one in the current PIP (both inclusive).
    """

    datum: date | None
    verwijtbaar: Verwijtbaar | None
    vandaag: date
    vorige_datum: date | None = None  # the date we reported earlier (None: nothing from us at DUO)
    eerder_door_andere_gemeente: bool = False  # DUO holds a date another gemeente reported
    gemeente_heeft_actuele_pip: bool = True
    voldaan_via_zroute: bool = False
    termijn_start: date | None = None
    termijn_last_day: date | None = None
    datum_afronding_zroute: date | None = None  # as it will be at DUO when this PUT arrives


def overschrijding(datum: date, termijn_last_day: date | None) -> bool:
    """The date lies after the inburgeringstermijn (its last day inclusive)."""
    return termijn_last_day is not None and datum > termijn_last_day


def resultaat_violations(facts: ResultaatFacts, *, onderdeel: Onderdeel) -> list[Violation]:
    """Every bullet of DUO's README for the MAP (or PVT) result that this PUT would break."""
    datum_field, verwijtbaar_field = f"{onderdeel}_datum", f"{onderdeel}_verwijtbaar"
    found: list[Violation] = []
    if facts.datum is None and facts.vorige_datum is None:
        if facts.verwijtbaar is not None:
            found.append(Violation("verwijtbaar_zonder_datum", verwijtbaar_field))
        return found  # nothing to tell DUO
    if facts.eerder_door_andere_gemeente:  # a change (or withdrawal) of a date that is not ours
        found.append(Violation("wijziging_niet_eerder_geleverd", datum_field))
    if not facts.gemeente_heeft_actuele_pip:
        found.append(Violation("geen_actuele_pip", datum_field))
    if facts.voldaan_via_zroute:
        found.append(Violation("voldaan_via_zroute", datum_field))
    if facts.datum is None:
        if facts.datum_afronding_zroute is not None:
            found.append(Violation("intrekken_na_zroute", datum_field, {"datum": facts.datum_afronding_zroute}))
        if facts.verwijtbaar is not None:
            found.append(Violation("verwijtbaar_zonder_datum", verwijtbaar_field))
        return found
    if facts.termijn_start is not None and facts.datum < facts.termijn_start:
        found.append(Violation("voor_termijn", datum_field, {"datum": facts.termijn_start}))
    if facts.datum_afronding_zroute is not None and facts.datum > facts.datum_afronding_zroute:
        found.append(Violation("na_zroute", datum_field, {"datum": facts.datum_afronding_zroute}))
    if facts.datum > facts.vandaag:
        found.append(Violation("in_toekomst", datum_field))
    found.extend(_verwijtbaar_violations(facts, field=verwijtbaar_field))
    return found


def _verwijtbaar_violations(facts: ResultaatFacts, *, field: str) -> list[Violation]:
    assert facts.datum is not None
    over = overschrijding(facts.datum, facts.termijn_last_day)
    last_day = facts.termijn_last_day
    if facts.verwijtbaar is None:
        return [Violation("verwijtbaar_verplicht", field, {"datum": last_day})] if over else []
    if not over:
        # Within the termijn 'Verwijtbaar' may not be given at all; 'Ja' also needs an overschrijding.
        code = (
            "verwijtbaar_ja_zonder_overschrijding"
            if facts.verwijtbaar == Verwijtbaar.JA
            else "verwijtbaar_binnen_termijn"
        )
        return [Violation(code, field, {"datum": last_day})]
    if (
        facts.verwijtbaar == Verwijtbaar.NEE
        and last_day is not None
        and facts.datum > last_day + VERWIJTBAAR_NEE_MARGE.value
    ):
        return [Violation("verwijtbaar_nee_na_marge", field, {"datum": last_day + VERWIJTBAAR_NEE_MARGE.value})]
    return []


@dataclass(frozen=True)
class ZrouteFacts:
    """The datum afronding Z-route we would report (None: withdraw it), with what it must agree with.

    DUO's README has no rules for this PUT; these are our own, so that the MAP and PVT dates already at
    DUO stay acceptable and the date is plausible (Bi 3.14: the Z-route is a leerroute in the PIP).
    """

    datum: date | None
    vandaag: date
    leerroute: Leerroute | None
    termijn_start: date | None = None
    map_datum: date | None = None
    pvt_datum: date | None = None


def zroute_violations(facts: ZrouteFacts) -> list[Violation]:
    if facts.datum is None:
        return []
    found: list[Violation] = []
    if facts.leerroute != Leerroute.Z_ROUTE:
        found.append(Violation("zroute_geen_zroute", "zroute_datum"))
    if facts.datum > facts.vandaag:
        found.append(Violation("in_toekomst", "zroute_datum"))
    if facts.termijn_start is not None and facts.datum < facts.termijn_start:
        found.append(Violation("voor_termijn", "zroute_datum", {"datum": facts.termijn_start}))
    for name, value in (("map", facts.map_datum), ("pvt", facts.pvt_datum)):
        if value is not None and value > facts.datum:
            found.append(Violation(f"zroute_voor_{name}", "zroute_datum", {"datum": value}))
    return found


@dataclass(frozen=True)
class PipIntrekkenFacts:
    """DUO README, "Het verwijderen van een PIP": what we know locally.

    ``termijn_vastgesteld``: DUO has set the inburgeringstermijn (we fetched it after SS102).
    ``cursusuren_geregistreerd``: hours of course participation for the current aanbod are registered; None
    when we do not know (the instellingen report those hours to DUO, not to us).
    """

    termijn_vastgesteld: bool
    cursusuren_geregistreerd: bool | None = None


PIP_INTREKKEN = Rule(
    value=("termijn_vastgesteld", "cursusuren_geregistreerd"),
    source=(
        "DUO README, 'Het verwijderen van een PIP': only while the inburgeringstermijn is not yet set and no "
        "cursusdeelname-uren for the current inburgeringsaanbod are registered"
    ),
    source_url=DUO_PIP_DELETE_URL,
    valid_from=date(2025, 1, 16),
)


def pip_intrekken_violations(facts: PipIntrekkenFacts) -> list[Violation]:
    found: list[Violation] = []
    if facts.termijn_vastgesteld:
        found.append(Violation("intrekken_termijn_vastgesteld", "pip"))
    if facts.cursusuren_geregistreerd:
        found.append(Violation("intrekken_cursusuren", "pip"))
    return found


def uren_violations(uren: int, *, field: str) -> list[Violation]:
    low, high = UREN_BEREIK.value
    if not low <= uren <= high:
        return [Violation("uren_bereik", field, {"min": low, "max": high})]
    return []


PARTICIPATIEACTIVITEITEN_DOELGROEPEN = Rule(
    value=frozenset({Doelgroep.ASIELSTATUSHOUDER}),
    source=(
        "DUO GevolgdeUren API, ParticipatieactiviteitenBredeIntake: the hours of participatie-activiteiten for the "
        "Z-route of the asielstatushouder (Bi 3.14(2); the brede intake's hours count, Bi 3.14(6))"
    ),
    source_url=DUO_UREN_URL,
    valid_from=date(2026, 3, 30),
)

DUO_CONTACTPERSOON_URL = f"{DUO_README_URL}/blob/main/API/Contactpersoon/openapi.yml"
# DUO Contactpersoon API, schema Contactpersoongegevens: the limits of each field.
CONTACTPERSOON_NAAM_TEKENS = Rule(
    value=frozenset("'‘.-‐‑‒–—― "),
    source="DUO Contactpersoon API: naam is letters, spaces, quotes, dots, dashes ([\\s'‘.\\p{L}\\p{Pd}]), max 100",
    source_url=DUO_CONTACTPERSOON_URL,
    valid_from=date(2025, 5, 14),
)
CONTACTPERSOON_TELEFOON_PATROON = Rule(
    value=r"^(\+|[0-9])((\s|\s?(-|\(0\))\s?)?[0-9]){2,15}([,][1-9][0-9]{1,8})?$",
    source="DUO Contactpersoon API: telefoonnummer 3-22 characters, this pattern",
    source_url=DUO_CONTACTPERSOON_URL,
    valid_from=date(2025, 5, 14),
)


def contactpersoon_violations(*, naam: str, email: str, telefoonnummer: str) -> list[Violation]:
    """Whether DUO's schema accepts these contactpersoongegevens (all three are required)."""
    found: list[Violation] = []
    for field, value in (("naam", naam), ("email", email), ("telefoonnummer", telefoonnummer)):
        if not value.strip():
            found.append(Violation("contactpersoon_verplicht", field))
    if naam.strip() and (
        len(naam) > 100
        or not all(ch.isalpha() or ch.isspace() or ch in CONTACTPERSOON_NAAM_TEKENS.value for ch in naam)
    ):
        found.append(Violation("contactpersoon_ongeldig", "naam"))
    if email.strip() and not (4 <= len(email) <= 241 and "@" in email):
        found.append(Violation("contactpersoon_ongeldig", "email"))
    if telefoonnummer.strip() and not (
        3 <= len(telefoonnummer) <= 22 and re.match(CONTACTPERSOON_TELEFOON_PATROON.value, telefoonnummer)
    ):
        found.append(Violation("contactpersoon_ongeldig", "telefoonnummer"))
    return found
