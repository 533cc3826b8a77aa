"""The brede intake and the leerbaarheidstoets: statutory content, enums and grounds.

Sources: Wi 14, 22, 26; Bi 5.2; DUO Leerbaarheidstoets API (LeerbaarheidstoetsResultaat, scores).
"""

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from .base import Rule, Violation
from .termijnen import BREDE_INTAKE_OPROEPEN

WI_URL = "https://wetten.overheid.nl/BWBR0044770/2025-10-21"
BI_URL = "https://wetten.overheid.nl/BWBR0045555/2026-04-02"
DUO_LBT_URL = "https://github.com/duonl/gemeente-m2m-inburgering/blob/main/API/Leerbaarheidstoets/openapi.yml"


class IntakeOnderdeel(StrEnum):
    """The statutory minimum content of the brede intake (Wi 14(3), Bi 5.2(1)); the LBT is recorded apart."""

    OPLEIDING_WERK = "opleiding_werk"  # education and work experience in the country of origin
    PERSOONLIJKE_OMSTANDIGHEDEN = "persoonlijke_omstandigheden"  # including physical and mental health
    VVE = "vve"  # voorschoolse/vroegschoolse educatie for the children, where relevant
    TAALNIVEAU = "taalniveau"
    ARBEIDSPARTICIPATIE = "arbeidsparticipatie"
    ZELFREDZAAMHEID = "zelfredzaamheid"


BREDE_INTAKE_ONDERDELEN = Rule(
    value=tuple(IntakeOnderdeel),
    source=(
        "Wi 14(3) and Bi 5.2(1): the leerbaarheidstoets, education and work history, personal circumstances "
        "including physical and mental health, VVE for the children where relevant, language level, options "
        "for labour participation and self-reliance"
    ),
    source_url=f"{BI_URL}#Artikel5.2",
    valid_from=date(2022, 1, 1),
)


class Aandachtspunt(StrEnum):
    """Points of attention found at the intake. Not a statutory list: the domain brief names no enum
    (the issue refers to one that it does not contain), so this is the product's own list, for the
    functioneel beheerder to review."""

    LICHAMELIJKE_GEZONDHEID = "lichamelijke_gezondheid"
    PSYCHISCHE_GEZONDHEID = "psychische_gezondheid"
    TRAUMA = "trauma"
    ZORG_VOOR_KINDEREN = "zorg_voor_kinderen"
    MANTELZORG = "mantelzorg"
    FINANCIEN_SCHULDEN = "financien_schulden"
    HUISVESTING = "huisvesting"
    DIGITALE_VAARDIGHEDEN = "digitale_vaardigheden"
    LAAGGELETTERDHEID = "laaggeletterdheid"
    GEZINSHERENIGING = "gezinshereniging"
    HUISELIJK_GEWELD = "huiselijk_geweld"
    VERSLAVING = "verslaving"
    OVERIG = "overig"


AANDACHTSPUNTEN = Rule(
    value=tuple(Aandachtspunt),
    source="Bi 5.2(1)(c): personal circumstances tailor the trajectory; the list is the product's own (not in law)",
    source_url=f"{BI_URL}#Artikel5.2",
    valid_from=date(2022, 1, 1),
    verified=False,
)

# Aandachtspunten that are health data (AVG art. 9; Wi 17(1), Bi 9.11): shown only to the roles that
# may see health information.
GEZONDHEID_AANDACHTSPUNTEN = frozenset(
    {
        Aandachtspunt.LICHAMELIJKE_GEZONDHEID,
        Aandachtspunt.PSYCHISCHE_GEZONDHEID,
        Aandachtspunt.TRAUMA,
        Aandachtspunt.VERSLAVING,
    }
)


class LbtResultaat(StrEnum):
    """DUO Leerbaarheidstoets API `LeerbaarheidstoetsResultaat`."""

    B1_HAALBAAR = "B1-route haalbaar"
    B1_NIET_HAALBAAR = "B1-route niet haalbaar"
    ONBEKEND = "Onbekend"


class LbtVrijstellingsgrond(StrEnum):
    """Wi 14(6): the college exempts from the leerbaarheidstoets only for these impairments."""

    VISUEEL = "visueel"
    AUDITIEF = "auditief"


LBT_VRIJSTELLINGSGRONDEN = Rule(
    value=tuple(LbtVrijstellingsgrond),
    source=(
        "Wi 14(6): no leerbaarheidstoets for a visual impairment, or an auditory impairment where the person "
        "is not considered able to take it"
    ),
    source_url=f"{WI_URL}#Artikel14",
    valid_from=date(2022, 1, 1),
)

LBT_SCORE_PATTERN = Rule(
    value=r"^\d{1,3},\d{2}$",
    source="DUO Leerbaarheidstoets API: behaaldeScore and benodigdeScore as 1-3 digits, a comma and 2 decimals",
    source_url=DUO_LBT_URL,
    valid_from=date(2022, 1, 1),
)

LBT_EXAMENNUMMER_MAX = Rule(
    value=12,
    source="DUO Leerbaarheidstoets API: examennummer of at most 12 characters",
    source_url=DUO_LBT_URL,
    valid_from=date(2022, 1, 1),
)


class OproepUitkomst(StrEnum):
    """What happened with a summons for the brede intake."""

    VERSCHENEN = "verschenen"
    NIET_VERSCHENEN = "niet_verschenen"  # Wi 22(1)(a)
    ONVOLDOENDE_MEEGEWERKT = "onvoldoende_meegewerkt"  # Wi 22(1)(b)
    AFGEMELD_MET_REDEN = "afgemeld_met_reden"


# Outcomes that are an overtreding of Wi 22 (recorded now, for handhaving later).
OPROEP_OVERTREDINGEN = Rule(
    value=frozenset({OproepUitkomst.NIET_VERSCHENEN, OproepUitkomst.ONVOLDOENDE_MEEGEWERKT}),
    source=(
        "Wi 22(1): not appearing at the brede intake after a summons, or not sufficiently cooperating with it, "
        "can be fined (€250, Bi 7.1(1))"
    ),
    source_url=f"{WI_URL}#Artikel22",
    valid_from=date(2022, 1, 1),
)

BOETE_BREDE_INTAKE = Rule(
    value=250,
    source="Bi 7.1(1): the boete for not appearing or cooperating at the brede intake is €250 (Wi 26(1)(a))",
    source_url=f"{BI_URL}#Artikel7.1",
    valid_from=date(2022, 1, 1),
)

# The summons that comes with the written warning; an overtreding from this summons on can be
# fined (the first one is answered with the warning, not a boete).
WAARSCHUWING_OPROEP = Rule(
    value=2,
    source=(
        "Wi 14(2) and Wi 22: after a first summons without appearance or cooperation the college sends a "
        "written warning with a second summons; a boete is possible from then on"
    ),
    source_url=f"{WI_URL}#Artikel22",
    valid_from=date(2022, 1, 1),
)


# --- completing the brede intake, as coded violations --------------------------------------------
# The Dutch message for each code lives with the app (intake/messages.py).


@dataclass(frozen=True)
class LaatsteOproep:
    """The latest summons for the brede intake."""

    volgnummer: int
    uitkomst: OproepUitkomst | None  # None: not recorded yet
    uitkomst_op: date | None = None


@dataclass(frozen=True)
class AfrondingFeiten:
    """What completing the brede intake on `completed_at` is checked against."""

    completed_at: date
    today: date
    plicht_begindatum: date
    afgerond: bool = False
    started_at: date | None = None
    zonder_medewerking: bool = False
    laatste_oproep: LaatsteOproep | None = None
    alleen_gesprek_gemeld: bool = False
    onderdelen_ontbrekend: tuple[IntakeOnderdeel, ...] = ()
    gezondheid_vastgelegd: bool = False
    lbt_afgehandeld: bool = False


def brede_intake_complete_violations(feiten: AfrondingFeiten) -> list[Violation]:
    """Every reason the brede intake cannot be completed now (all of them, so the page can list what is missing).

    With `zonder_medewerking`: only after BREDE_INTAKE_OPROEPEN summonses (Wi 14(2)) of which
    the last was not answered by appearing or cooperating (Wi 22(1), OPROEP_OVERTREDINGEN). Otherwise every
    statutory part (Wi 14(3), Bi 5.2(1)), the health part of the personal circumstances (Bi 5.2(1)(c)), the
    leerbaarheidstoets or its exemption (Wi 14(3)(a), (6)), and the notice that the conversations can be
    held alone (Bi 5.2(2)).
    """
    f = feiten
    if f.afgerond:
        return [Violation("afgerond", "")]
    violations: list[Violation] = []
    if f.completed_at > f.today:
        violations.append(Violation("afronding_toekomst", "completed_at"))
    elif f.completed_at < f.plicht_begindatum:
        violations.append(Violation("afronding_voor_plicht", "completed_at", {"datum": f.plicht_begindatum}))
    if f.started_at is not None and f.completed_at < f.started_at:
        violations.append(Violation("afronding_voor_start", "completed_at", {"datum": f.started_at}))
    latest, oproepen = f.laatste_oproep, BREDE_INTAKE_OPROEPEN.value
    if f.zonder_medewerking:
        if latest is None or latest.volgnummer < oproepen or latest.uitkomst not in OPROEP_OVERTREDINGEN.value:
            violations.append(Violation("not_after_oproepen", "zonder_medewerking", {"max": oproepen}))
        elif latest.uitkomst_op is not None and f.completed_at < latest.uitkomst_op:
            violations.append(
                Violation(
                    "afronding_voor_uitkomst",
                    "completed_at",
                    {"n": latest.volgnummer, "datum": latest.uitkomst_op},
                )
            )
        return violations
    if latest is not None and latest.uitkomst is None:
        violations.append(Violation("uitkomst_ontbreekt", "oproepen", {"n": latest.volgnummer}))
    if not f.alleen_gesprek_gemeld:
        violations.append(Violation("alleen_gesprek_niet_gemeld", "alleen_gesprek_gemeld"))
    for onderdeel in f.onderdelen_ontbrekend:
        violations.append(Violation("onderdeel_ontbreekt", onderdeel.value, {"onderdeel": onderdeel}))
    if not f.gezondheid_vastgelegd:
        violations.append(Violation("gezondheid_ontbreekt", "gezondheid"))
    if not f.lbt_afgehandeld:
        violations.append(Violation("lbt_ontbreekt", "leerbaarheidstoets"))
    return violations
