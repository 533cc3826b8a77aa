"""Notificatie API: DUO → gemeente. We serve it; this client is for the simulator and the tests.

Configure it the other way round: ``bron_oin`` is DUO's OIN, ``doel_oin`` the gemeente's, and
``base_url`` the product's.
"""

from __future__ import annotations

from typing import NotRequired, TypedDict

from .base import DuoClient


class Notificatie(TypedDict):
    registratieDatumTijd: str
    bsn: NotRequired[str]
    vNummer: NotRequired[int]
    gebeurtenisId: str


class NotificatieClient(DuoClient):
    API_NAME = "Notificatie"
    SPEC_VERSION = "1.8.0"

    def post_notificatie(self, notificatie: Notificatie, *, bericht_id: str | None = None) -> None:
        """opvoerenNotificatie."""
        self._request("POST", "/notificaties", json=notificatie, bericht_id=bericht_id)
