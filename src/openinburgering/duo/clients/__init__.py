"""Outbound clients for DUO's twelve M2M APIs (README of DUO's specs, issue 5 part 3).

``clients_for(config)`` builds them all on one configuration; each has its own connection pool.
"""

from __future__ import annotations

from dataclasses import dataclass

import httpx

from .base import DuoClient, DuoClientConfig, new_bericht_id, parse_retry_after
from .contactpersoon import ContactpersoonClient
from .errors import (
    DuoConflict,
    DuoFout,
    DuoFoutmeldingen,
    DuoGatewayAntwoord,
    DuoNietGeauthenticeerd,
    DuoNietGeautoriseerd,
    DuoNietGevonden,
    DuoOnverwachtAntwoord,
    DuoTeVeelVerzoeken,
    DuoTijdelijkeFout,
    DuoVersieFout,
)
from .examen import ExamenClient
from .gevolgde_uren import GevolgdeUrenClient
from .inburgeringsaanbod import InburgeringsaanbodClient
from .inburgeringsplicht import InburgeringsplichtClient
from .inburgeringstermijn import InburgeringstermijnClient
from .leerbaarheidstoets import LeerbaarheidstoetsClient
from .map_pvt_zroute import MapPvtZrouteClient
from .notificatie import NotificatieClient
from .ontheffing import OntheffingClient
from .pip import PipClient
from .vrijstelling import VrijstellingClient

__all__ = [
    "ContactpersoonClient",
    "DuoClient",
    "DuoClientConfig",
    "DuoClients",
    "DuoConflict",
    "DuoFout",
    "DuoFoutmeldingen",
    "DuoGatewayAntwoord",
    "DuoNietGeauthenticeerd",
    "DuoNietGeautoriseerd",
    "DuoNietGevonden",
    "DuoOnverwachtAntwoord",
    "DuoTeVeelVerzoeken",
    "DuoTijdelijkeFout",
    "DuoVersieFout",
    "ExamenClient",
    "GevolgdeUrenClient",
    "InburgeringsaanbodClient",
    "InburgeringsplichtClient",
    "InburgeringstermijnClient",
    "LeerbaarheidstoetsClient",
    "MapPvtZrouteClient",
    "NotificatieClient",
    "OntheffingClient",
    "PipClient",
    "VrijstellingClient",
    "clients_for",
    "new_bericht_id",
    "parse_retry_after",
]


@dataclass(frozen=True)
class DuoClients:
    """The outbound clients (gemeente → DUO). The Notificatie client is built on its own."""

    contactpersoon: ContactpersoonClient
    examen: ExamenClient
    gevolgde_uren: GevolgdeUrenClient
    inburgeringsaanbod: InburgeringsaanbodClient
    inburgeringsplicht: InburgeringsplichtClient
    inburgeringstermijn: InburgeringstermijnClient
    leerbaarheidstoets: LeerbaarheidstoetsClient
    map_pvt_zroute: MapPvtZrouteClient
    ontheffing: OntheffingClient
    pip: PipClient
    vrijstelling: VrijstellingClient

    def close(self) -> None:
        for client in vars(self).values():
            client.close()


def clients_for(config: DuoClientConfig, *, transport: httpx.BaseTransport | None = None) -> DuoClients:
    """All gemeente → DUO clients for one configuration (``transport`` for tests)."""
    return DuoClients(
        contactpersoon=ContactpersoonClient(config, transport=transport),
        examen=ExamenClient(config, transport=transport),
        gevolgde_uren=GevolgdeUrenClient(config, transport=transport),
        inburgeringsaanbod=InburgeringsaanbodClient(config, transport=transport),
        inburgeringsplicht=InburgeringsplichtClient(config, transport=transport),
        inburgeringstermijn=InburgeringstermijnClient(config, transport=transport),
        leerbaarheidstoets=LeerbaarheidstoetsClient(config, transport=transport),
        map_pvt_zroute=MapPvtZrouteClient(config, transport=transport),
        ontheffing=OntheffingClient(config, transport=transport),
        pip=PipClient(config, transport=transport),
        vrijstelling=VrijstellingClient(config, transport=transport),
    )
