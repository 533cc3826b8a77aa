"""The brede intake and the leerbaarheidstoets: statutory content, enums and grounds.

Sources: Wi 14, 22, 26; Bi 5.2; DUO Leerbaarheidstoets API (LeerbaarheidstoetsResultaat, scores).
"""

from datetime import date
from enum import StrEnum

from .base import Rule

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
