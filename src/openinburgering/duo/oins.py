"""Which OINs are ours, and as whom we talk to DUO.

DUO notifies, and is asked by, the organisation that carries out the law: a gemeente with its own OIN,
or the uitvoeringsorganisatie (an openbaar lichaam) for all its gemeenten. ``DUO_EIGEN_OINS`` lists the
OINs DUO may address; left empty, they are the OINs of the gemeenten and uitvoeringsorganisaties in the
database (read once a minute per process, so a burst of notificaties does not ask every time).
"""

from __future__ import annotations

import dataclasses
import time

import httpx
from django.conf import settings

from openinburgering.gemeenten.models import Gemeente, Uitvoeringsorganisatie

from .clients import DuoClientConfig, DuoClients, clients_for

_CACHE_SECONDS = 60.0
_cache: tuple[float, frozenset[str]] | None = None


def eigen_oins() -> frozenset[str]:
    global _cache
    if settings.DUO_EIGEN_OINS:
        return frozenset(settings.DUO_EIGEN_OINS)
    now = time.monotonic()
    if _cache is None or now - _cache[0] > _CACHE_SECONDS:
        oins = set(Gemeente.objects.exclude(oin="").values_list("oin", flat=True))
        oins |= set(Uitvoeringsorganisatie.objects.exclude(oin="").values_list("oin", flat=True))
        _cache = (now, frozenset(oins))
    return _cache[1]


def forget_eigen_oins() -> None:
    """For tests and after a change of a gemeente's OIN."""
    global _cache
    _cache = None


def bron_oin_for(gemeente_id: int, default: str) -> str:
    """The OIN a message about this gemeente's inburgeraar goes out under: the gemeente's own, else its
    uitvoeringsorganisatie's, else ``default`` (the first of DUO_EIGEN_OINS)."""
    row = Gemeente.objects.filter(pk=gemeente_id).values_list("oin", "uitvoeringsorganisatie__oin").first()
    if row is None:
        return default
    return row[0] or row[1] or default


class ClientsPerOin:
    """DUO clients for each ``bron`` OIN we speak as, made when first needed, closed together."""

    def __init__(self, config: DuoClientConfig, *, transport: httpx.BaseTransport | None = None) -> None:
        self.config = config
        self.transport = transport
        self._clients: dict[str, DuoClients] = {}

    def __call__(self, oin: str) -> DuoClients:
        if oin not in self._clients:
            valid = len(oin) == 20 and oin.isdigit()
            config = dataclasses.replace(self.config, bron_oin=oin) if valid else self.config
            self._clients[oin] = clients_for(config, transport=self.transport)
        return self._clients[oin]

    def close(self) -> None:
        for clients in self._clients.values():
            clients.close()
