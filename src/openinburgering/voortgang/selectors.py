from openinburgering.dossiers.models import Dossier
from openinburgering.pip.models import Pip, PipStatus


def pip_current(*, dossier: Dossier) -> Pip | None:
    """The vastgesteld PIP in force (its inburgeringstermijn is the fallback for DUO's)."""
    return dossier.pips.filter(status=PipStatus.VASTGESTELD).first()
