"""Facts voortgang announces (core.events); the DUO app subscribes and reports them."""

from dataclasses import dataclass

from openinburgering.dossiers.models import Dossier

from .models import Resultaten


@dataclass(frozen=True)
class ResultatenGewijzigd:
    """The results MAP, PVT or Z-route changed; ``onderdelen`` ("map", "pvt", "zroute") are the changed
    parts in the order DUO must receive them."""

    dossier: Dossier
    resultaten: Resultaten
    onderdelen: tuple[str, ...]
