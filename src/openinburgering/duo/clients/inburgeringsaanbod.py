"""Inburgeringsaanbod API (SDI014): recognised instellingen and the aanbod for an asielmigrant."""

from __future__ import annotations

from typing import Literal, NotRequired, TypedDict, cast

from .base import DuoClient, check_bsn

Alfabetiseringsonderwijs = Literal["A", "AA", "NVT"]


class Instelling(TypedDict):
    instellingsnummer: str
    naam: str
    postcode: str
    huisnummer: int
    huisnummertoevoeging: NotRequired[str]
    plaatsnaam: str
    bow: NotRequired[str]
    brin: NotRequired[str]
    indicatieBowKeurmerk: NotRequired[bool]
    indicatieTstKeurmerk: NotRequired[bool]


class Inburgeringsaanbod(TypedDict):
    datumInburgeringsaanbod: NotRequired[str]
    verwachteStartdatumOpleiding: NotRequired[str]
    verwachteEinddatumOpleiding: NotRequired[str]
    indicatorAlfabetiseringsonderwijs: Alfabetiseringsonderwijs


def _instellingsnummer(instellingsnummer: str) -> str:
    if len(instellingsnummer) != 10:
        raise ValueError(f"instellingsnummer must be 10 characters, got {instellingsnummer!r}")
    return instellingsnummer


class InburgeringsaanbodClient(DuoClient):
    API_NAME = "Inburgeringsaanbod"
    SPEC_VERSION = "1.2.0"

    def get_instellingen(self, *, bericht_id: str | None = None) -> list[Instelling]:
        """getInstellingen: BoW-keurmerk and TST instellingen known to DUO."""
        return cast(list[Instelling], self._request("GET", "/instellingen", bericht_id=bericht_id))

    def post_inburgeringsaanbod(
        self, bsn: str, instellingsnummer: str, aanbod: Inburgeringsaanbod, *, bericht_id: str | None = None
    ) -> None:
        """postInburgeringsaanbodByBsnAndInstellingsnummer: replaces an earlier aanbod at this instelling."""
        path = f"/personen/{check_bsn(bsn)}/Inburgeringsaanbod/{_instellingsnummer(instellingsnummer)}"
        self._request("POST", path, json=aanbod, bericht_id=bericht_id)

    def delete_inburgeringsaanbod(self, bsn: str, instellingsnummer: str, *, bericht_id: str | None = None) -> None:
        """deleteInburgeringsaanbodByBsnAndInstellingsnumer."""
        path = f"/personen/{check_bsn(bsn)}/Inburgeringsaanbod/{_instellingsnummer(instellingsnummer)}"
        self._request("DELETE", path, bericht_id=bericht_id)
