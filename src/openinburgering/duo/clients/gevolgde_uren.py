"""Gevolgde Uren API (SDI016): hours of taalles/KNM, participatie-activiteiten and participatie als taalles."""

from __future__ import annotations

from typing import NotRequired, TypedDict, cast

from .base import DuoClient, check_bsn


class Uren(TypedDict):
    uren: int


class GemeenteUren(TypedDict):
    gemeentecode: NotRequired[str]
    bekendTot: NotRequired[str]
    ParticipatieAlsTaalles: NotRequired[Uren]
    ParticipatieactiviteitenBredeIntake: NotRequired[Uren]
    TaallesEnKnmBredeIntake: NotRequired[Uren]


class GevolgdeUrenClient(DuoClient):
    API_NAME = "GevolgdeUren"
    SPEC_VERSION = "1.0.0"

    def get_uren(self, bsn: str, *, bericht_id: str | None = None) -> list[GemeenteUren]:
        """getGevolgdeUrenByBsn: hours per gemeente."""
        path = f"/personen/{check_bsn(bsn)}/uren"
        return cast(list[GemeenteUren], self._request("GET", path, bericht_id=bericht_id))

    def put_uren_taalles_knm(self, bsn: str, uren: Uren, *, bericht_id: str | None = None) -> None:
        """updateUrenTaallesEnKnmByBSN: hours of taalles and KNM in the brede intake."""
        path = f"/personen/{check_bsn(bsn)}/uren/bredeintake/taallesknm"
        self._request("PUT", path, json=uren, bericht_id=bericht_id)

    def put_uren_participatieactiviteiten(self, bsn: str, uren: Uren, *, bericht_id: str | None = None) -> None:
        """updateUrenParticipatieactiviteiten: hours of participatie-activiteiten in the brede intake."""
        path = f"/personen/{check_bsn(bsn)}/uren/participatieactiviteiten"
        self._request("PUT", path, json=uren, bericht_id=bericht_id)

    def put_uren_participatie_taalles(self, bsn: str, uren: Uren, *, bericht_id: str | None = None) -> None:
        """updateUrenParticipatieAlsTaallesByBsn: participatie counted as taalles."""
        path = f"/personen/{check_bsn(bsn)}/uren/participatietaalles"
        self._request("PUT", path, json=uren, bericht_id=bericht_id)
