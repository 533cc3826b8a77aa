from django.db.models import QuerySet

from openinburgering.dossiers.models import Dossier
from openinburgering.duo.models import DuoBericht
from openinburgering.pip.models import Pip, PipStatus


def pip_current(*, dossier: Dossier) -> Pip | None:
    """The vastgesteld PIP in force (its inburgeringstermijn is the fallback for DUO's)."""
    return dossier.pips.filter(status=PipStatus.VASTGESTELD).first()


def berichten(*, dossier: Dossier, limit: int = 20) -> QuerySet[DuoBericht]:
    """The latest messages to DUO about this dossier's results (MAP, PVT, Z-route)."""
    return DuoBericht.objects.filter(dossier=dossier, api="map_pvt_zroute").order_by("-created_at", "-pk")[:limit]
