"""Reads of financieel ontzorgen. Every read a user triggers goes through the user's scope: an
ontzorging, fixed cost or settlement of a dossier outside it answers 404, never 403."""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from openinburgering.accounts.models import User
from openinburgering.dossiers.models import Dossier
from openinburgering.letters.models import Document
from openinburgering.rules.kalender import month_last_day, month_of

from .betaalstand import betaalstand
from .constants import OntzorgingStatus, WijzigingSoort
from .models import Ontzorging, OntzorgingWijziging, VasteLast, VasteLastVersie

# The end-date alert "at month 5" (domain brief §3): ontzorgen that ends within this many days. A
# working agreement, not a legal term: the filter on the overview takes any number up to a year.
AFLOOP_SIGNAAL_DAGEN = 30
AFLOOP_MAX_DAGEN = 366

ONTZORGEN_DOCUMENT_KINDS = (
    Document.Kind.ONTZORGEN_BESCHIKKING,
    Document.Kind.ONTZORGEN_WIJZIGING,
    Document.Kind.ONTZORGEN_MAANDOVERZICHT,
)


class OverzichtStatus:
    """The status filter of the overview: running now, ended (by decision or by its date), or all."""

    ACTIEF = "actief"
    BEEINDIGD = "beeindigd"
    ALLE = "alle"


# --- scope ---------------------------------------------------------------------------------------


def ontzorgingen_for_user(*, user: User) -> QuerySet[Ontzorging]:
    """Ontzorgingen of dossiers in the user's scope (none for an aanbieder)."""
    scope = user.scope
    if scope.is_aanbieder or not scope.gemeente_ids:
        return Ontzorging.objects.none()
    return Ontzorging.objects.filter(dossier__gemeente_id__in=scope.gemeente_ids).select_related(
        "dossier", "dossier__inburgeraar", "dossier__gemeente", "document"
    )


def ontzorging_get_for_user(*, user: User, dossier: Dossier, pk: int) -> Ontzorging:
    """One ontzorging of this dossier, or 404 (also when the dossier is outside the user's scope)."""
    try:
        return ontzorgingen_for_user(user=user).get(dossier=dossier, pk=pk)
    except Ontzorging.DoesNotExist as exc:
        raise Http404("Ontzorging niet gevonden") from exc


def vaste_last_get_for_user(*, user: User, dossier: Dossier, pk: int) -> VasteLast:
    """One fixed cost of one of this dossier's ontzorgingen, or 404."""
    try:
        return VasteLast.objects.select_related("ontzorging", "ontzorging__dossier").get(
            pk=pk, ontzorging__in=ontzorgingen_for_user(user=user).filter(dossier=dossier).values("pk")
        )
    except VasteLast.DoesNotExist as exc:
        raise Http404("Vaste last niet gevonden") from exc


# --- one dossier ---------------------------------------------------------------------------------


def ontzorgingen_of_dossier(*, dossier: Dossier) -> QuerySet[Ontzorging]:
    """Every ontzorging of the dossier, newest first."""
    return dossier.ontzorgingen.select_related("document", "created_by").order_by("-startdatum", "-pk")


def ontzorging_current(*, dossier: Dossier) -> Ontzorging | None:
    """The ontzorging in force (status actief), or else the latest one."""
    ontzorgingen = ontzorgingen_of_dossier(dossier=dossier)
    return ontzorgingen.filter(status=OntzorgingStatus.ACTIEF).first() or ontzorgingen.first()


def wijzigingen_of(*, ontzorging: Ontzorging) -> QuerySet[OntzorgingWijziging]:
    return ontzorging.wijzigingen.select_related("document", "created_by").order_by("created_at", "pk")


def widening_granted(*, ontzorging: Ontzorging) -> bool:
    """Whether fixed costs outside Pw 56a(2) may be paid: an extension or widening on a ground (Pw 57)."""
    return (
        ontzorging.wijzigingen.filter(soort__in=(WijzigingSoort.VERLENGING, WijzigingSoort.VERBREDING))
        .exclude(grond="")
        .exists()
    )


def vaste_lasten_of(*, ontzorging: Ontzorging) -> QuerySet[VasteLast]:
    """The fixed costs with every version (history included), oldest version first."""
    versies = VasteLastVersie.objects.select_related("created_by").order_by("van_maand", "pk")
    return (
        VasteLast.objects.filter(ontzorging=ontzorging)
        .prefetch_related(Prefetch("versies", queryset=versies))
        .order_by("pk")
    )


def ontzorgen_documenten(*, dossier: Dossier) -> QuerySet[Document]:
    """The letters of ontzorgen for this dossier, newest first, without their content."""
    return dossier.documenten.filter(kind__in=ONTZORGEN_DOCUMENT_KINDS).defer("content").order_by("-created_at", "-pk")


def afrekeningen_of_dossier(*, dossier: Dossier) -> Iterable[Any]:
    """The included settlements of the dossier in live runs, newest month first: each can get an overview."""
    return betaalstand().afrekeningen_of_dossier(dossier=dossier)


# --- months --------------------------------------------------------------------------------------


def _covers(maand: date) -> Q:
    return Q(van_maand__lte=maand) & (Q(tot_en_met_maand__isnull=True) | Q(tot_en_met_maand__gte=maand))


def vaste_last_versies_in_maand(
    *, maand: date, ontzorgingen: QuerySet[Ontzorging] | None = None
) -> QuerySet[VasteLastVersie]:
    """The versions that apply in `maand`, of ontzorgingen that are in force for some day of it.

    `ontzorgingen` narrows the set (for a betaalrun: those of its gemeenten); an open version
    (no tot_en_met_maand) runs as long as its ontzorging does.
    """
    maand = month_of(maand)
    active = Ontzorging.objects.active_in(maand, month_last_day(maand))
    if ontzorgingen is not None:
        active = active.filter(pk__in=ontzorgingen.values("pk"))
    return (
        VasteLastVersie.objects.filter(_covers(maand), vaste_last__ontzorging__in=active.values("pk"))
        .select_related("vaste_last")
        .order_by("vaste_last_id")
    )


def vaste_lasten_in_maand(ontzorging: Ontzorging, maand: date) -> list[VasteLastVersie]:
    """The versions of this ontzorging's fixed costs that apply in `maand` (none outside its period)."""
    return list(vaste_last_versies_in_maand(maand=maand, ontzorgingen=Ontzorging.objects.filter(pk=ontzorging.pk)))


def paid_months(*, vaste_last: VasteLast) -> list[date]:
    """The months of this fixed cost that are paid or about to be (a line in a live run), in order."""
    return betaalstand().paid_months(vaste_last=vaste_last)


def nabetaling_months(*, vaste_last: VasteLast) -> list[date]:
    """Months this fixed cost covers that were settled for the person without it (the fixed cost was
    recorded later): the betaalrun pays them as a nabetaling, in the first run built after that month's
    run was exported."""
    versies = list(vaste_last.versies.all())
    settled = betaalstand().settled_months(ontzorging_id=vaste_last.ontzorging_id)
    paid = set(paid_months(vaste_last=vaste_last))
    return [maand for maand in settled if maand not in paid and any(v.covers(maand) for v in versies)]


# --- the overview --------------------------------------------------------------------------------


@dataclass
class OverzichtRegel:
    """One row of the overview: the ontzorging and what it pays in its reference month."""

    ontzorging: Ontzorging
    dagen_tot_einde: int
    maand: date
    aantal_vaste_lasten: int = 0
    totaal_per_maand: Decimal = field(default_factory=Decimal)


def ontzorgingen_overzicht_for_user(
    *, user: User, status: str = OverzichtStatus.ACTIEF, binnen_dagen: int | None = None, today: date | None = None
) -> QuerySet[Ontzorging]:
    """The overview for the financieel medewerker: in scope, filtered, the nearest end first.

    `binnen_dagen`: only ontzorgingen in force that end within this many days from today (the
    end-date alert; AFLOOP_SIGNAAL_DAGEN by default on the page).
    """
    today = today or timezone.localdate()
    queryset = ontzorgingen_for_user(user=user)
    lopend = Q(status=OntzorgingStatus.ACTIEF, einddatum__gte=today)
    if status == OverzichtStatus.ACTIEF:
        queryset = queryset.filter(lopend)
    elif status == OverzichtStatus.BEEINDIGD:
        queryset = queryset.exclude(lopend)
    if binnen_dagen is not None:
        days = min(max(binnen_dagen, 0), AFLOOP_MAX_DAGEN)
        queryset = queryset.filter(lopend, einddatum__lte=today + timedelta(days=days))
    return queryset.order_by("einddatum", "pk")


def _reference_month(ontzorging: Ontzorging, today: date) -> date:
    """The month whose payments a row shows: this month, or the nearest month of the ontzorging's period."""
    return min(max(month_of(today), month_of(ontzorging.startdatum)), month_of(ontzorging.einddatum))


def overzicht_regels(ontzorgingen: list[Ontzorging], *, today: date | None = None) -> list[OverzichtRegel]:
    """The rows of one page: the number of fixed costs and their total in each row's reference month
    (one query for the whole page)."""
    today = today or timezone.localdate()
    regels = [
        OverzichtRegel(o, dagen_tot_einde=(o.einddatum - today).days, maand=_reference_month(o, today))
        for o in ontzorgingen
    ]
    versies: dict[int, list[VasteLastVersie]] = defaultdict(list)
    for versie in VasteLastVersie.objects.filter(
        vaste_last__ontzorging__in=[o.pk for o in ontzorgingen]
    ).select_related("vaste_last"):
        versies[versie.vaste_last.ontzorging_id].append(versie)
    for regel in regels:
        applying = [v for v in versies[regel.ontzorging.pk] if v.covers(regel.maand)]
        regel.aantal_vaste_lasten = len({v.vaste_last_id for v in applying})
        regel.totaal_per_maand = sum((v.bedrag for v in applying), Decimal(0))
    return regels
