"""Examen API (SDI017): free exam attempts left and exam results."""

from __future__ import annotations

from typing import Literal, NotRequired, TypedDict, cast

from .base import DuoClient, check_bsn

Examenonderdeel = Literal["KNM", "LE", "LU", "SC", "SP"]


class GratisPogingTegoed(TypedDict):
    onderdeel: Examenonderdeel
    gratisPogingenTegoed: int


class Examenresultaat(TypedDict):
    examendatum: str
    resultaat: Literal["Geslaagd", "Gezakt", "Geen"]
    redenGeenResultaat: NotRequired[Literal["Verwijtbaar", "Nietverwijtbaar", "Afgemeld", "Absent"]]
    onderdeel: Examenonderdeel
    niveau: NotRequired[Literal["A2", "B1", "B2"]]


class ExamenClient(DuoClient):
    API_NAME = "Examen"
    SPEC_VERSION = "1.0.0"

    def get_gratis_pogingen(self, bsn: str, *, bericht_id: str | None = None) -> list[GratisPogingTegoed]:
        """getGratisPogingenTegoedByBsn."""
        path = f"/personen/{check_bsn(bsn)}/examens/gratispogingen"
        return cast(list[GratisPogingTegoed], self._request("GET", path, bericht_id=bericht_id))

    def get_resultaten(self, bsn: str, *, bericht_id: str | None = None) -> list[Examenresultaat]:
        """getExamenresultatenByBsn."""
        path = f"/personen/{check_bsn(bsn)}/examens/resultaten"
        return cast(list[Examenresultaat], self._request("GET", path, bericht_id=bericht_id))
