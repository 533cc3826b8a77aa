"""PIP API (SDI014): the actuele PIP of a person, registering and withdrawing ours."""

from __future__ import annotations

from typing import Literal, NotRequired, TypedDict, cast

from .base import DuoClient, check_bsn


class Pip(TypedDict):
    dagtekeningPip: str
    leerroute: Literal["B", "O", "Z"]
    niveau: NotRequired[Literal["A2", "B1"]]
    geschatteIntensiteitB1Route: NotRequired[int]
    indicatorMagOpleidingAfmaken: NotRequired[bool]
    indicatorAlfabetiseringsonderwijs: NotRequired[Literal["A", "AA", "NVT"]]


class GemeentePip(TypedDict):
    """The actuele PIP and the gemeente it belongs to (possibly a previous gemeente)."""

    gemeentecode: str
    pip: Pip


class PipClient(DuoClient):
    API_NAME = "PIP"
    SPEC_VERSION = "1.2.0"

    def get_pip(self, bsn: str, *, bericht_id: str | None = None) -> GemeentePip:
        """getPipByBsn."""
        return cast(GemeentePip, self._request("GET", f"/personen/{check_bsn(bsn)}/PIP", bericht_id=bericht_id))

    def post_pip(self, bsn: str, pip: Pip, *, bericht_id: str | None = None) -> None:
        """postPipByBsn: register a new or changed PIP."""
        self._request("POST", f"/personen/{check_bsn(bsn)}/PIP", json=pip, bericht_id=bericht_id)

    def delete_pip(self, bsn: str, *, bericht_id: str | None = None) -> None:
        """deletePipByBsn: withdraw the actuele PIP."""
        self._request("DELETE", f"/personen/{check_bsn(bsn)}/PIP", bericht_id=bericht_id)
