"""As whom we talk to DUO.

DUO is asked by the organisation that carries out the law: the gemeente with its own OIN, or the
uitvoeringsorganisatie (an openbaar lichaam) for all its gemeenten (DUO's README: the gemeente "in de rol van
eindorganisatie" is the ``bron``). Which ``doel`` OINs the Notificatie API accepts is ``DUO_EIGEN_OINS`` only,
never the database, so that adding a gemeente in the admin does not widen what the endpoint accepts.
"""

from __future__ import annotations

import dataclasses

import httpx
from django.conf import settings

from openinburgering.gemeenten.models import Gemeente, Uitvoeringsorganisatie

from .clients import DuoClientConfig, DuoClients, clients_for


def default_bron_oin() -> str | None:
    """The OIN we speak as when a message concerns no gemeente of its own: the first of DUO_EIGEN_OINS,
    else the first uitvoeringsorganisatie's or gemeente's OIN; None when there is none."""
    if settings.DUO_EIGEN_OINS:
        return str(settings.DUO_EIGEN_OINS[0])
    for model in (Uitvoeringsorganisatie, Gemeente):
        oin = model.objects.exclude(oin="").order_by("pk").values_list("oin", flat=True).first()
        if oin:
            return str(oin)
    return None


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
