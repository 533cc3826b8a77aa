"""The payments app's answers to what ontzorgen asks (ontzorgen/betaalstand.py), registered in
BetalingenConfig.ready."""

from collections.abc import Iterable, Sequence
from datetime import date

from django.db.models import Max, QuerySet

from openinburgering.dossiers.models import Dossier
from openinburgering.ontzorgen.models import Ontzorging, VasteLast, VasteLastVersie

from .constants import LIVE_RUN_STATUSES, AfrekeningStatus, RunStatus
from .models import Afrekening, Betaalregel


def _settled() -> QuerySet[Afrekening]:
    return Afrekening.objects.filter(status=AfrekeningStatus.OPGENOMEN, betaalrun__status__in=LIVE_RUN_STATUSES)


class Betaalstand:
    def paid_months(self, *, vaste_last: VasteLast) -> list[date]:
        return list(
            Betaalregel.objects.filter(vaste_last=vaste_last, betaalrun__status__in=LIVE_RUN_STATUSES)
            .order_by("maand")
            .values_list("maand", flat=True)
            .distinct()
        )

    def last_paid_months(self, *, vaste_lasten: Sequence[VasteLast]) -> dict[int, date]:
        return dict(
            Betaalregel.objects.filter(vaste_last__in=vaste_lasten, betaalrun__status__in=LIVE_RUN_STATUSES)
            .values("vaste_last_id")
            .annotate(last=Max("maand"))
            .values_list("vaste_last_id", "last")
        )

    def versie_in_run(self, *, versie: VasteLastVersie) -> bool:
        return Betaalregel.objects.filter(vaste_last_versie=versie).exists()

    def settled_months(self, *, ontzorging_id: int) -> list[date]:
        return list(_settled().filter(ontzorging_id=ontzorging_id).order_by("maand").values_list("maand", flat=True))

    def paid_after(self, *, ontzorging: Ontzorging, maand: date) -> date | None:
        regel = Betaalregel.objects.filter(
            vaste_last__ontzorging=ontzorging, maand__gt=maand, betaalrun__status__in=LIVE_RUN_STATUSES
        ).aggregate(last=Max("maand"))["last"]
        afrekening = _settled().filter(ontzorging=ontzorging, maand__gt=maand).aggregate(last=Max("maand"))["last"]
        months = [m for m in (regel, afrekening) if m is not None]
        return max(months) if months else None

    def settled_run_statuses(self, *, pairs: Iterable[tuple[int, date]], scan_from: int) -> dict[tuple[int, date], str]:
        wanted = set(pairs)
        if not wanted:
            return {}
        rows = _settled().filter(maand__in=sorted({pair[1] for pair in wanted}))
        dossier_ids = {pair[0] for pair in wanted}
        if len(dossier_ids) < scan_from:
            rows = rows.filter(dossier_id__in=sorted(dossier_ids))
        found = rows.values_list("dossier_id", "maand", "betaalrun__status").iterator(chunk_size=10_000)
        return {(d, m): str(RunStatus(status).label) for d, m, status in found if (d, m) in wanted}

    def afrekeningen_of_dossier(self, *, dossier: Dossier) -> QuerySet[Afrekening]:
        return _settled().filter(dossier=dossier).select_related("betaalrun").order_by("-maand", "-pk")
