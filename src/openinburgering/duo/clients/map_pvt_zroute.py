"""MAP, PVT, Z-route API (SDI016): datum eindgesprek MAP, ondertekening PVT, afronding Z-route.

The PUTs replace the whole resource: leaving a field out withdraws it (DUO's README).
"""

from __future__ import annotations

from typing import Literal, NotRequired, TypedDict, cast

from .base import DuoClient, check_bsn

JaNee = Literal["Ja", "Nee"]


class DatumMap(TypedDict):
    datumEindgesprekMap: str


class DatumPvt(TypedDict):
    datumOndertekeningPvt: str


class ResultaatMap(TypedDict):
    datumEindgesprekMap: NotRequired[str]
    verwijtbaar: NotRequired[JaNee]


class ResultaatPvt(TypedDict):
    datumOndertekeningPvt: NotRequired[str]
    verwijtbaar: NotRequired[JaNee]


class ResultaatZroute(TypedDict):
    datumAfrondingZroute: NotRequired[str]


class MapPvtZrouteClient(DuoClient):
    API_NAME = "MAP,PVT,Zroute"
    SPEC_VERSION = "1.0.0"

    def get_map(self, bsn: str, *, bericht_id: str | None = None) -> DatumMap:
        """getMapByBsn."""
        return cast(DatumMap, self._request("GET", f"/personen/{check_bsn(bsn)}/map", bericht_id=bericht_id))

    def put_map(self, bsn: str, resultaat: ResultaatMap, *, bericht_id: str | None = None) -> None:
        """updateMapByBsn."""
        self._request("PUT", f"/personen/{check_bsn(bsn)}/map", json=resultaat, bericht_id=bericht_id)

    def get_pvt(self, bsn: str, *, bericht_id: str | None = None) -> DatumPvt:
        """getPvtByBsn."""
        return cast(DatumPvt, self._request("GET", f"/personen/{check_bsn(bsn)}/pvt", bericht_id=bericht_id))

    def put_pvt(self, bsn: str, resultaat: ResultaatPvt, *, bericht_id: str | None = None) -> None:
        """updatePvtByBsn."""
        self._request("PUT", f"/personen/{check_bsn(bsn)}/pvt", json=resultaat, bericht_id=bericht_id)

    def put_zroute(self, bsn: str, resultaat: ResultaatZroute, *, bericht_id: str | None = None) -> None:
        """updateZrouteByBsn."""
        self._request("PUT", f"/personen/{check_bsn(bsn)}/zroute", json=resultaat, bericht_id=bericht_id)
