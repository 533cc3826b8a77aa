"""Vrijstelling API (SDI012): gehele, tijdelijke and gedeeltelijke vrijstellingen of a person."""

from __future__ import annotations

from typing import Literal, NotRequired, TypedDict, cast

from .base import DuoClient, check_bsn

AanvraagOordeel = Literal["Toekenning", "Afwijzing"]
RedenVrijstelling = Literal["AVI", "DIP", "DOC", "GED", "INB", "INS", "OPL"]


class GeheleVrijstelling(TypedDict):
    oordeel: AanvraagOordeel
    reden: RedenVrijstelling
    datumOordeel: NotRequired[str]


class TijdelijkeVrijstelling(TypedDict):
    oordeel: AanvraagOordeel
    reden: RedenVrijstelling
    datumOordeel: NotRequired[str]
    startdatum: NotRequired[str]
    einddatum: NotRequired[str]


class GedeeltelijkeVrijstelling(TypedDict):
    reden: RedenVrijstelling
    oordeel: AanvraagOordeel
    datumOordeel: NotRequired[str]
    examenonderdeel: NotRequired[Literal["LE", "LU", "SC", "SP"]]
    examenniveau: NotRequired[Literal["A2", "B1"]]


class Vrijstelling(TypedDict):
    GeheleVrijstelling: NotRequired[GeheleVrijstelling]
    TijdelijkeVrijstelling: NotRequired[TijdelijkeVrijstelling]
    GedeeltelijkeVrijstelling: NotRequired[GedeeltelijkeVrijstelling]


class VrijstellingClient(DuoClient):
    API_NAME = "Vrijstelling"
    SPEC_VERSION = "1.0.0"

    def get_vrijstellingen(self, bsn: str, *, bericht_id: str | None = None) -> list[Vrijstelling]:
        """getVrijstellingenByBsn."""
        path = f"/personen/{check_bsn(bsn)}/vrijstellingen"
        return cast(list[Vrijstelling], self._request("GET", path, bericht_id=bericht_id))
