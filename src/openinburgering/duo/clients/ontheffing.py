"""Ontheffing API (SDI013): gehele and gedeeltelijke ontheffingen of a person."""

from __future__ import annotations

from typing import Literal, NotRequired, TypedDict, cast

from .base import DuoClient, check_bsn

AanvraagOordeel = Literal["Toekenning", "Afwijzing"]
Ontheffingsgrond = Literal["BIO", "MED"]


class GeheleOntheffing(TypedDict):
    oordeel: AanvraagOordeel
    datumOordeel: str
    grond: Ontheffingsgrond


class GedeeltelijkeOntheffing(TypedDict):
    oordeel: AanvraagOordeel
    datumOordeel: str
    grond: Ontheffingsgrond
    examenonderdeel: NotRequired[Literal["KNM", "LE", "LU", "SC", "SP"]]
    urenBelastbaarheidParticipatieactiviteit: NotRequired[int]


class Ontheffing(TypedDict):
    GeheleOntheffing: NotRequired[GeheleOntheffing]
    GedeeltelijkeOntheffing: NotRequired[GedeeltelijkeOntheffing]


class OntheffingClient(DuoClient):
    API_NAME = "Ontheffing"
    SPEC_VERSION = "1.0.0"

    def get_ontheffingen(self, bsn: str, *, bericht_id: str | None = None) -> list[Ontheffing]:
        """getOntheffingenByBsn."""
        path = f"/personen/{check_bsn(bsn)}/ontheffingen"
        return cast(list[Ontheffing], self._request("GET", path, bericht_id=bericht_id))
