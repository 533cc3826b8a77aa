"""Inburgeringsplicht API (SDI005): the plicht and the doelgroep of a person, with history."""

from __future__ import annotations

from typing import Literal, NotRequired, TypedDict, cast

from .base import DuoClient, check_bsn

Doelgroepindeling = Literal["Asielstatushouder", "Gezinsmigrant en overige migrant"]


class Doelgroep(TypedDict):
    indeling: NotRequired[Doelgroepindeling]
    begindatum: NotRequired[str]
    gedetailleerdeDoelgroep: NotRequired[str]
    asielrechtenWijzigingVerblijfsdoel: NotRequired[str]


class Doelgroephistorie(TypedDict):
    indeling: NotRequired[Doelgroepindeling]
    begindatum: NotRequired[str]
    einddatum: NotRequired[str]


class Inburgeringsplicht(TypedDict):
    indicatorInburgeringsplicht: bool
    begindatum: NotRequired[str]
    einddatum: NotRequired[str]
    wijzigingsdatum: NotRequired[str]
    datumKennisgevingInburgeringsplicht: NotRequired[str]
    redenGeenInburgeringsplicht: NotRequired[str]


class Inburgeringsplichthistorie(TypedDict):
    indicatorInburgeringsplicht: bool
    begindatum: NotRequired[str]
    einddatum: NotRequired[str]
    wijzigingsdatum: NotRequired[str]


class InburgeringsplichtClient(DuoClient):
    API_NAME = "Inburgeringsplicht"
    SPEC_VERSION = "1.2.2"

    def get_doelgroep(self, bsn: str, *, bericht_id: str | None = None) -> Doelgroep:
        """getDoelgroepByBsn."""
        path = f"/personen/{check_bsn(bsn)}/doelgroep"
        return cast(Doelgroep, self._request("GET", path, bericht_id=bericht_id))

    def get_doelgroep_historie(self, bsn: str, *, bericht_id: str | None = None) -> list[Doelgroephistorie]:
        """getDoelgroephistorieByBsn."""
        path = f"/personen/{check_bsn(bsn)}/doelgroep/historie"
        return cast(list[Doelgroephistorie], self._request("GET", path, bericht_id=bericht_id))

    def get_inburgeringsplicht(self, bsn: str, *, bericht_id: str | None = None) -> Inburgeringsplicht:
        """getInburgeringsplichtByBsn."""
        path = f"/personen/{check_bsn(bsn)}/inburgeringsplicht"
        return cast(Inburgeringsplicht, self._request("GET", path, bericht_id=bericht_id))

    def get_inburgeringsplicht_historie(
        self, bsn: str, *, bericht_id: str | None = None
    ) -> list[Inburgeringsplichthistorie]:
        """getInburgeringsplichthistorieByBsn."""
        path = f"/personen/{check_bsn(bsn)}/inburgeringsplicht/historie"
        return cast(list[Inburgeringsplichthistorie], self._request("GET", path, bericht_id=bericht_id))
