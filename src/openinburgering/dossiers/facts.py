"""Facts the dossiers app announces (core.events); later apps subscribe in their AppConfig.ready."""

from dataclasses import dataclass

from openinburgering.accounts.models import User

from .models import Dossier


@dataclass(frozen=True)
class KlantregisseurGewijzigd:
    """The dossier's klantregisseur changed (None: nobody any more). DUO's contactpersoon follows it."""

    dossier: Dossier
    klantregisseur: User | None
