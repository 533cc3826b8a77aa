"""Leerbaarheidstoets API (SDI006): the examennummer for the toets and its results."""

from __future__ import annotations

from typing import Literal, TypedDict, cast

from .base import DuoClient, check_bsn


class Examennummer(TypedDict):
    examennummer: str


class LeerbaarheidstoetsResultaat(TypedDict):
    resultaat: Literal["B1-route haalbaar", "B1-route niet haalbaar", "Onbekend"]
    behaaldeScore: str  # "123,45": Dutch decimal comma, as the spec's pattern says
    benodigdeScore: str
    datumAfname: str


class LeerbaarheidstoetsClient(DuoClient):
    API_NAME = "Leerbaarheidstoets"
    SPEC_VERSION = "1.2.0"

    def get_examennummer(self, bsn: str, *, bericht_id: str | None = None) -> Examennummer:
        """getExamennummerByBsn."""
        path = f"/personen/{check_bsn(bsn)}/lbt/examennummer"
        return cast(Examennummer, self._request("GET", path, bericht_id=bericht_id))

    def delete_examennummer(self, bsn: str, *, bericht_id: str | None = None) -> None:
        """deleteExamennummerByBsn."""
        self._request("DELETE", f"/personen/{check_bsn(bsn)}/lbt/examennummer", bericht_id=bericht_id)

    def get_resultaten(self, bsn: str, *, bericht_id: str | None = None) -> list[LeerbaarheidstoetsResultaat]:
        """getLbtResultatenByBsn."""
        path = f"/personen/{check_bsn(bsn)}/lbt/resultaten"
        return cast(list[LeerbaarheidstoetsResultaat], self._request("GET", path, bericht_id=bericht_id))
