"""What a financieel medewerker may see of betaalruns: only runs all of whose gemeenten are in scope."""

import uuid

from django.db.models import QuerySet
from django.http import Http404

from openinburgering.accounts.models import User
from openinburgering.dossiers.models import Dossier
from openinburgering.gemeenten.models import Gemeente
from openinburgering.ontzorgen.selectors import ontzorgingen_for_user

from .constants import AfrekeningStatus, RegelStatus
from .models import Afrekening, Bankafschrift, Betaalbestand, Betaalregel, Betaalrun


def betaalruns_for_user(*, user: User) -> QuerySet[Betaalrun]:
    if user.scope.is_aanbieder:
        return Betaalrun.objects.none()
    outside = Gemeente.objects.exclude(pk__in=user.scope.gemeente_ids)
    # A run over several gemeenten shows totals of all of them: visible only if all are in scope.
    return Betaalrun.objects.filter(gemeenten__in=user.scope.gemeente_ids).exclude(gemeenten__in=outside).distinct()


def betaalregel_get_for_user(*, user: User, run: Betaalrun, pk: int) -> Betaalregel:
    """One line of a run the user may see, of a gemeente in the user's scope; else 404."""
    try:
        return Betaalregel.objects.get(betaalrun=run, pk=pk, gemeente_id__in=user.scope.gemeente_ids)
    except Betaalregel.DoesNotExist as exc:
        raise Http404 from exc


def betaalrun_get_for_user(*, user: User, uuid_: uuid.UUID) -> Betaalrun:
    try:
        return (
            betaalruns_for_user(user=user)
            .select_related("created_by", "ingediend_door", "goedgekeurd_door", "geexporteerd_door")
            .get(uuid=uuid_)
        )
    except Betaalrun.DoesNotExist as exc:
        raise Http404 from exc


def betaalbestand_get_for_user(*, user: User, pk: int) -> Betaalbestand:
    try:
        return Betaalbestand.objects.select_related("betaalrun", "gemeente").get(
            pk=pk, betaalrun__in=betaalruns_for_user(user=user)
        )
    except Betaalbestand.DoesNotExist as exc:
        raise Http404 from exc


def uitsluitingen(run: Betaalrun) -> QuerySet[Afrekening]:
    return (
        Afrekening.objects.filter(betaalrun=run, status=AfrekeningStatus.UITGESLOTEN)
        .select_related("dossier__inburgeraar", "gemeente")
        .order_by("gemeente__naam", "dossier__inburgeraar__geslachtsnaam", "pk")
    )


def regels(run: Betaalrun, *, status: str = "") -> QuerySet[Betaalregel]:
    queryset = Betaalregel.objects.filter(betaalrun=run)
    if status in RegelStatus.values:
        queryset = queryset.filter(status=status)
    return queryset.select_related("afrekening__dossier__inburgeraar", "gemeente", "opnieuw_betalen_door").order_by(
        "pk"
    )


def bankafschriften_for_user(*, user: User) -> QuerySet[Bankafschrift]:
    """Statements imported by people who share a gemeente with the user (a statement spans gemeenten)."""
    if user.scope.is_aanbieder:
        return Bankafschrift.objects.none()
    return Bankafschrift.objects.filter(created_by__gemeenten__in=user.scope.gemeente_ids).distinct()


def afrekening_get_for_user(*, user: User, dossier: Dossier, pk: int) -> Afrekening:
    """One included settlement of this dossier (in any run), or 404."""
    try:
        return Afrekening.objects.select_related(
            "betaalrun", "ontzorging", "ontzorging__dossier", "dossier", "dossier__inburgeraar", "gemeente"
        ).get(
            pk=pk,
            status=AfrekeningStatus.OPGENOMEN,
            dossier=dossier,
            ontzorging__in=ontzorgingen_for_user(user=user).values("pk"),
        )
    except Afrekening.DoesNotExist as exc:
        raise Http404("Afrekening niet gevonden") from exc
