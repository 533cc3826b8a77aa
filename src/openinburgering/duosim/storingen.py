"""Fault injection for the simulator's own API (DUO's side and the BRP fake).

Set with ``Storingen.instellen(...)`` or ``POST /_sim/storingen`` (same keys, JSON):

- ``status`` + ``aantal``: the next ``aantal`` requests are answered with that status (e.g. 503, 429,
  408, 409); without ``aantal`` until reset. With ``retry_after`` (a string: delta-seconds ``"120"`` or an
  HTTP-date) the answers carry that ``Retry-After`` header; with ``als_gateway`` they come as from a
  gateway in front of DUO: without DUO's ``API-Version`` header and with an HTML body.
- ``vertraging_ms``: every request waits that long before it is handled (until reset).
- ``antwoord_vertraging_ms``: every request is handled at once, its answer waits that long (DUO has done
  it, the client does not know yet: the moment a worker may die; until reset).
- ``verbinding_verbreken`` + ``aantal``: the next ``aantal`` requests get no answer at all, the
  socket is shut down (httpx raises RemoteProtocolError); without ``aantal`` until reset.
- ``dubbele_notificaties``: the fraction (0..1) of notificaties sent twice with one berichtId.
- ``reset``: all of the above off.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, replace
from typing import Any

ONBEPERKT = -1


@dataclass(frozen=True)
class Storing:
    """What to do with one request: wait, then drop it or answer ``status`` (None: handle it)."""

    vertraging_s: float = 0.0
    antwoord_vertraging_s: float = 0.0
    verbreken: bool = False
    status: int | None = None
    retry_after: str | None = None
    als_gateway: bool = False


class Storingen:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.status: int | None = None
        self.status_aantal = 0
        self.retry_after: str | None = None
        self.als_gateway = False
        self.vertraging_ms = 0
        self.antwoord_vertraging_ms = 0
        self.verbreken_aantal = 0
        self.dubbele_notificaties = 0.0

    def instellen(
        self,
        *,
        status: int | None = None,
        aantal: int | None = None,
        vertraging_ms: int | None = None,
        antwoord_vertraging_ms: int | None = None,
        verbinding_verbreken: bool = False,
        dubbele_notificaties: float | None = None,
        retry_after: str | None = None,
        als_gateway: bool = False,
        reset: bool = False,
    ) -> None:
        if status is not None and not 100 <= status <= 599:
            raise ValueError(f"status must be an HTTP status, got {status}")
        if aantal is not None and aantal < 1:
            raise ValueError(f"aantal must be at least 1, got {aantal}")
        if vertraging_ms is not None and not 0 <= vertraging_ms <= 600_000:
            raise ValueError(f"vertraging_ms must be 0..600000, got {vertraging_ms}")
        if antwoord_vertraging_ms is not None and not 0 <= antwoord_vertraging_ms <= 600_000:
            raise ValueError(f"antwoord_vertraging_ms must be 0..600000, got {antwoord_vertraging_ms}")
        if dubbele_notificaties is not None and not 0.0 <= dubbele_notificaties <= 1.0:
            raise ValueError(f"dubbele_notificaties must be 0..1, got {dubbele_notificaties}")
        if (retry_after is not None or als_gateway) and status is None:
            raise ValueError("retry_after and als_gateway go with a status")
        if retry_after is not None and (not retry_after.strip() or any(c in retry_after for c in "\r\n")):
            raise ValueError("retry_after must be one header line")
        with self._lock:
            if reset:
                self.status, self.status_aantal, self.vertraging_ms = None, 0, 0
                self.retry_after, self.als_gateway = None, False
                self.antwoord_vertraging_ms = 0
                self.verbreken_aantal, self.dubbele_notificaties = 0, 0.0
            if status is not None:
                self.status = status
                self.status_aantal = aantal if aantal is not None else ONBEPERKT
                self.retry_after, self.als_gateway = retry_after, als_gateway
            if verbinding_verbreken:
                self.verbreken_aantal = aantal if aantal is not None else ONBEPERKT
            if vertraging_ms is not None:
                self.vertraging_ms = vertraging_ms
            if antwoord_vertraging_ms is not None:
                self.antwoord_vertraging_ms = antwoord_vertraging_ms
            if dubbele_notificaties is not None:
                self.dubbele_notificaties = dubbele_notificaties

    def instellen_uit_json(self, data: Any) -> None:
        """``instellen`` from the JSON of ``POST /_sim/storingen``; ValueError on a bad value."""
        if not isinstance(data, dict):
            raise ValueError("body must be a JSON object")
        known = {
            "status",
            "aantal",
            "vertraging_ms",
            "antwoord_vertraging_ms",
            "verbinding_verbreken",
            "dubbele_notificaties",
            "retry_after",
            "als_gateway",
            "reset",
        }
        unknown = set(data) - known
        if unknown:
            raise ValueError(f"unknown keys: {', '.join(sorted(unknown))}")
        for key in ("status", "aantal", "vertraging_ms", "antwoord_vertraging_ms"):
            if data.get(key) is not None and (not isinstance(data[key], int) or isinstance(data[key], bool)):
                raise ValueError(f"{key} must be an integer")
        if data.get("retry_after") is not None and not isinstance(data["retry_after"], str):
            raise ValueError("retry_after must be a string")
        fractie = data.get("dubbele_notificaties")
        if fractie is not None and (not isinstance(fractie, int | float) or isinstance(fractie, bool)):
            raise ValueError("dubbele_notificaties must be a number")
        self.instellen(
            status=data.get("status"),
            aantal=data.get("aantal"),
            vertraging_ms=data.get("vertraging_ms"),
            antwoord_vertraging_ms=data.get("antwoord_vertraging_ms"),
            verbinding_verbreken=bool(data.get("verbinding_verbreken")),
            dubbele_notificaties=float(fractie) if fractie is not None else None,
            retry_after=data.get("retry_after"),
            als_gateway=bool(data.get("als_gateway")),
            reset=bool(data.get("reset")),
        )

    def volgende(self) -> Storing:
        """The fault for the next request; counts it down."""
        with self._lock:
            vertraging = self.vertraging_ms / 1000
            if self.verbreken_aantal:
                if self.verbreken_aantal > 0:
                    self.verbreken_aantal -= 1
                return Storing(vertraging_s=vertraging, verbreken=True)
            if self.status is not None and self.status_aantal:
                storing = Storing(vertraging_s=vertraging, status=self.status)
                storing = replace(storing, retry_after=self.retry_after, als_gateway=self.als_gateway)
                if self.status_aantal > 0:
                    self.status_aantal -= 1
                    if self.status_aantal == 0:
                        self.status, self.retry_after, self.als_gateway = None, None, False
                return storing
            return Storing(vertraging_s=vertraging, antwoord_vertraging_s=self.antwoord_vertraging_ms / 1000)

    def overzicht(self) -> dict[str, Any]:
        with self._lock:
            return {
                "status": self.status,
                "status_aantal": None if self.status_aantal == ONBEPERKT else self.status_aantal,
                "retry_after": self.retry_after,
                "als_gateway": self.als_gateway,
                "vertraging_ms": self.vertraging_ms,
                "antwoord_vertraging_ms": self.antwoord_vertraging_ms,
                "verbinding_verbreken": None if self.verbreken_aantal == ONBEPERKT else self.verbreken_aantal,
                "dubbele_notificaties": self.dubbele_notificaties,
            }
