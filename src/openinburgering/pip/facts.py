"""Facts the pip app announces (core.events); later apps subscribe in their AppConfig.ready."""

from dataclasses import dataclass

from openinburgering.dossiers.models import Dossier

from .models import Pip, PipAanbod


@dataclass(frozen=True)
class PipVastgesteld:
    """A PIP version was vastgesteld. ``aanbod_nieuw`` is its inburgeringsaanbod DUO does not have yet (new or
    changed since the previous version), ``aanbod_vervallen`` the instellingsnummers the previous version had
    and this one dropped; both empty for a doelgroep without inburgeringsaanbod."""

    pip: Pip
    dossier: Dossier
    aanbod_nieuw: tuple[PipAanbod, ...]
    aanbod_vervallen: tuple[str, ...]


@dataclass(frozen=True)
class PipIngetrokken:
    """The vastgesteld PIP was withdrawn (status ingetrokken)."""

    pip: Pip
    dossier: Dossier
