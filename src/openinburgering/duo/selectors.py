"""What DUO holds about a person, as we last fetched it (shown on the dossier page), and what we sent it."""

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db.models import QuerySet

from openinburgering.dossiers.models import Dossier

from .models import DuoBericht, DuoStand, DuoStandSoort


@dataclass(frozen=True)
class BijDuo:
    opgehaald_op: datetime | None
    examenresultaten: list[dict[str, Any]]
    vrijstellingen: int
    ontheffingen: int
    plicht: dict[str, Any] | None


def bij_duo_for(*, bsn: str) -> BijDuo | None:
    """None when we never fetched anything about this BSN."""
    stand = {row.soort: row for row in DuoStand.objects.filter(bsn=bsn)}
    if not stand:
        return None
    examen = stand.get(DuoStandSoort.EXAMEN)
    resultaten = examen.data if examen and isinstance(examen.data, list) else []
    plicht = stand.get(DuoStandSoort.INBURGERINGSPLICHT)

    def count(soort: DuoStandSoort) -> int:
        row = stand.get(soort)
        return len(row.data) if row and isinstance(row.data, list) else 0

    return BijDuo(
        opgehaald_op=max(row.opgehaald_op for row in stand.values()),
        examenresultaten=sorted(resultaten, key=lambda r: str(r.get("examendatum", "")), reverse=True),
        vrijstellingen=count(DuoStandSoort.VRIJSTELLING),
        ontheffingen=count(DuoStandSoort.ONTHEFFING),
        plicht=plicht.data if plicht and isinstance(plicht.data, dict) else None,
    )


def resultaten_berichten(*, dossier: Dossier, limit: int = 20) -> QuerySet[DuoBericht]:
    """The latest messages to DUO about this dossier's results (MAP, PVT, Z-route)."""
    return DuoBericht.objects.filter(dossier=dossier, api="map_pvt_zroute").order_by("-created_at", "-pk")[:limit]
