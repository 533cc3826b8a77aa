"""Reading deadlines and the holiday calendar."""

from dataclasses import dataclass
from datetime import date

from django.db.models import QuerySet

from openinburgering.rules.kalender import atw_feestdagen

from .constants import TermijnStatus
from .models import GelijkgesteldeDag, Termijn
from .providers import DeadlineDossier


def feestdagen(first_year: int, last_year: int) -> frozenset[date]:
    """The Atw holidays of these years, with the gelijkgestelde dagen the functioneel beheerder added."""
    extra = GelijkgesteldeDag.objects.filter(datum__year__gte=first_year, datum__year__lte=last_year + 1)
    return atw_feestdagen(range(first_year, last_year + 2), extra=extra.values_list("datum", flat=True))


def termijnen_for_dossier(*, dossier: DeadlineDossier) -> QuerySet[Termijn]:
    """The dossier's deadlines, soonest first; the caller has checked the dossier is in scope."""
    return Termijn.objects.filter(dossier_id=dossier.pk).order_by("uiterste_datum", "soort")


@dataclass(frozen=True)
class TermijnRegel:
    """A deadline as the dossier page shows it today."""

    termijn: Termijn
    status: str
    status_label: str
    days_left: int | None


def termijnen_overview(*, dossier: DeadlineDossier, today: date) -> list[TermijnRegel]:
    labels = dict(TermijnStatus.choices)
    rows = []
    for termijn in termijnen_for_dossier(dossier=dossier):
        status = termijn.status_on(today)
        days = (termijn.uiterste_datum - today).days if termijn.uiterste_datum else None
        rows.append(TermijnRegel(termijn=termijn, status=status, status_label=str(labels[status]), days_left=days))
    return rows
