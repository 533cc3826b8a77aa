"""Enumerations of the Wet inburgering 2021 as DUO's M2M specifications spell them.

Source: DUO, gemeente-m2m-inburgering, API/Inburgeringsplicht/openapi.yml
(components Doelgroepindeling, GedetailleerdeDoelgroep, RedenGeenInburgeringsplicht).
The stored value is DUO's exact string, so no mapping table is needed at the koppeling.
"""

from enum import StrEnum

DUO_SPEC_URL = "https://github.com/duonl/gemeente-m2m-inburgering"


class Doelgroep(StrEnum):
    """Doelgroepindeling (Wi 13, Wi 19)."""

    ASIELSTATUSHOUDER = "Asielstatushouder"
    GEZINSMIGRANT_EN_OVERIGE_MIGRANT = "Gezinsmigrant en overige migrant"


class GedetailleerdeDoelgroep(StrEnum):
    ASIELSTATUSHOUDER = "Asielstatushouder"
    GEESTELIJK_BEDIENAAR = "Geestelijk bedienaar"
    GEZINSHERENIGER = "Gezinshereniger"
    GEZINSHERENIGER_MET_ASIELSTATUSHOUDER = "Gezinshereniger met Asielstatushouder"
    GEZINSVORMER = "Gezinsvormer"
    GEZINSVORMER_MET_ASIELSTATUSHOUDER = "Gezinsvormer met Asielstatushouder"
    OVERIG = "Overig"


class RedenGeenInburgeringsplicht(StrEnum):
    VOLLEDIGE_ONTHEFFING = "Volledige ontheffing"
    VOLLEDIGE_VRIJSTELLING = "Volledige vrijstelling"
    INBURGERINGSPLICHT_VOLDAAN = "Inburgeringsplicht voldaan"
    VERBLIJFSDOEL_GEWIJZIGD = "Verblijfsdoel gewijzigd"
    VERTREK_UIT_NEDERLAND = "Vertrek uit Nederland langer dan een jaar"
    OVERLIJDEN = "Overlijden"
    OVERIG = "Overig"
    TIJDELIJKE_VRIJSTELLING = "Tijdelijke vrijstelling"


# Which detailed doelgroepen belong to which doelgroepindeling. The family members of an
# asielstatushouder count as asielstatushouder in the sense of the law (Wi 13(1)).
DOELGROEP_OF_GEDETAILLEERD: dict[GedetailleerdeDoelgroep, Doelgroep] = {
    GedetailleerdeDoelgroep.ASIELSTATUSHOUDER: Doelgroep.ASIELSTATUSHOUDER,
    GedetailleerdeDoelgroep.GEZINSHERENIGER_MET_ASIELSTATUSHOUDER: Doelgroep.ASIELSTATUSHOUDER,
    GedetailleerdeDoelgroep.GEZINSVORMER_MET_ASIELSTATUSHOUDER: Doelgroep.ASIELSTATUSHOUDER,
    GedetailleerdeDoelgroep.GEESTELIJK_BEDIENAAR: Doelgroep.GEZINSMIGRANT_EN_OVERIGE_MIGRANT,
    GedetailleerdeDoelgroep.GEZINSHERENIGER: Doelgroep.GEZINSMIGRANT_EN_OVERIGE_MIGRANT,
    GedetailleerdeDoelgroep.GEZINSVORMER: Doelgroep.GEZINSMIGRANT_EN_OVERIGE_MIGRANT,
    GedetailleerdeDoelgroep.OVERIG: Doelgroep.GEZINSMIGRANT_EN_OVERIGE_MIGRANT,
}
