"""Inburgeringstermijn API (SDI007): the termijn, its history and the verlengingsgronden."""

from __future__ import annotations

from typing import NotRequired, TypedDict, cast

from .base import DuoClient, check_bsn


class Inburgeringstermijn(TypedDict):
    startdatum: str
    einddatum: str
    wijzigingsdatum: NotRequired[str]
    verlengingsgrondcode: NotRequired[str]
    verlengingsgrondomschrijving: NotRequired[str]


class Inburgeringstermijnhistorie(TypedDict):
    einddatum: NotRequired[str]
    wijzigingsdatum: NotRequired[str]
    verlengingsgrondcode: NotRequired[str]
    verlengingsgrondomschrijving: NotRequired[str]


class Verlengingsgrond(TypedDict):
    code: str
    omschrijving: str


class InburgeringstermijnClient(DuoClient):
    API_NAME = "Inburgeringstermijn"
    SPEC_VERSION = "1.0.0"

    def get_inburgeringstermijn(self, bsn: str, *, bericht_id: str | None = None) -> Inburgeringstermijn:
        """getInburgeringstermijnByBsn."""
        path = f"/personen/{check_bsn(bsn)}/inburgeringstermijn"
        return cast(Inburgeringstermijn, self._request("GET", path, bericht_id=bericht_id))

    def get_inburgeringstermijn_historie(
        self, bsn: str, *, bericht_id: str | None = None
    ) -> list[Inburgeringstermijnhistorie]:
        """getInburgeringstermijnhistorieByBsn."""
        path = f"/personen/{check_bsn(bsn)}/inburgeringstermijn/historie"
        return cast(list[Inburgeringstermijnhistorie], self._request("GET", path, bericht_id=bericht_id))

    def get_verlengingsgronden(self, *, bericht_id: str | None = None) -> list[Verlengingsgrond]:
        """getVerlengingsgronden."""
        return cast(list[Verlengingsgrond], self._request("GET", "/verlengingsgronden", bericht_id=bericht_id))
