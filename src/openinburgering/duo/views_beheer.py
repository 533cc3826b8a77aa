"""The functioneel beheerder's view of the DUO outbox: what waits, what DUO refused, what got stuck."""

import json
import uuid
from collections.abc import Iterable
from datetime import timedelta

from django.conf import settings
from django.contrib import messages
from django.db import transaction
from django.db.models import Count, Min, Q, QuerySet
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from openinburgering.accounts.constants import DOSSIER_ROLES, Role
from openinburgering.accounts.models import User
from openinburgering.accounts.permissions import role_required
from openinburgering.accounts.types import AuthenticatedHttpRequest
from openinburgering.core.exceptions import DomainError
from openinburgering.core.paging import page_for_request
from openinburgering.gemeenten.models import Gemeente
from openinburgering.gemeenten.selectors import beheerder_covers_every_gemeente
from openinburgering.logboek.constants import Action, Purpose
from openinburgering.logboek.services import Subject, logboek_record, logboek_record_many
from openinburgering.rules.duo import gebeurtenis_get

from . import verwerking
from .constants import NotificatieStatus
from .models import DuoApi, DuoBericht, DuoBerichtStatus, Notificatie, NotificatieConflict, NotificatieWeigering
from .outbox import duo_bericht_cancel, duo_bericht_retry, pauze_tot

SUBJECT = "DUO-bericht"
CONFLICTEN_SHOWN = 20  # the latest; the admin lists them all


def _berichten_for_user(user: User) -> QuerySet[DuoBericht]:
    return DuoBericht.objects.filter(gemeente_id__in=user.scope.gemeente_ids)


def _bericht_get_for_user(user: User, bericht_uuid: uuid.UUID) -> DuoBericht:
    """404 for a message outside the user's gemeenten: its existence is not revealed."""
    return get_object_or_404(_berichten_for_user(user).select_related("gemeente", "dossier"), uuid=bericht_uuid)


def _log_listed(user: User, rows: Iterable[DuoBericht | Notificatie], subject: str) -> None:
    """The people whose messages a page lists: one processing-log row each (Purpose KOPPELING)."""
    seen = {(row.dossier.inburgeraar_id, row.dossier_id) for row in rows if row.dossier is not None}
    if seen:
        with transaction.atomic():
            logboek_record_many(
                actor=user,
                action=Action.LIST,
                purpose=Purpose.KOPPELING,
                subject=subject,
                subjects=[Subject(inburgeraar_id=p, dossier_id=d) for p, d in sorted(seen)],
            )


@role_required(Role.FUNCTIONEEL_BEHEERDER)
@require_GET
def berichten(request: AuthenticatedHttpRequest) -> HttpResponse:
    scoped = _berichten_for_user(request.user)
    counts = dict(scoped.values_list("status").annotate(n=Count("pk")).order_by())
    oldest_waiting = scoped.filter(status=DuoBerichtStatus.WACHTEND).aggregate(oldest=Min("created_at"))["oldest"]

    status = request.GET.get("status", "")
    api = request.GET.get("api", "")
    queryset = scoped.select_related("gemeente", "dossier")
    if status in DuoBerichtStatus.values:
        queryset = queryset.filter(status=status)
    if api in DuoApi.values:
        queryset = queryset.filter(api=api)
    page = page_for_request(request, queryset.order_by("-created_at", "-pk"), per_page=50)
    _log_listed(request.user, page.object_list, SUBJECT)
    context = {
        "page": page,
        "status_filter": status,
        "api_filter": api,
        "statussen": DuoBerichtStatus.choices,
        "apis": DuoApi.choices,
        "dossier_links": request.user.has_role(*DOSSIER_ROLES),
        "aantal_wachtend": counts.get(DuoBerichtStatus.WACHTEND, 0),
        "aantal_geweigerd": counts.get(DuoBerichtStatus.GEWEIGERD, 0),
        "aantal_vastgelopen": counts.get(DuoBerichtStatus.VASTGELOPEN, 0),
        "oudste_wachtend": oldest_waiting,
        # DUO asked (Retry-After) that nothing be sent before then: the whole outbox waits, every gemeente's.
        "duo_pauze_tot": pauze_tot(),
        "now": timezone.now(),
    }
    return render(request, "duo/beheer_list.html", context)


@role_required(Role.FUNCTIONEEL_BEHEERDER)
@require_GET
def detail(request: AuthenticatedHttpRequest, bericht_uuid: uuid.UUID) -> HttpResponse:
    bericht = _bericht_get_for_user(request.user, bericht_uuid)
    # The arguments hold a BSN: reading them is a processing of the person's data.
    logboek_record(
        actor=request.user,
        action=Action.VIEW,
        purpose=Purpose.KOPPELING,
        subject=SUBJECT,
        inburgeraar_id=bericht.dossier.inburgeraar_id if bericht.dossier else None,
        dossier_id=bericht.dossier_id,
    )
    context = {
        "bericht": bericht,
        "args_json": json.dumps(bericht.args, indent=2, ensure_ascii=False, sort_keys=True),
        "antwoord_json": (
            json.dumps(bericht.antwoord, indent=2, ensure_ascii=False) if bericht.antwoord is not None else ""
        ),
        "kan_opnieuw": bericht.status in (DuoBerichtStatus.GEWEIGERD, DuoBerichtStatus.VASTGELOPEN),
        "kan_vervallen": bericht.status
        in (DuoBerichtStatus.WACHTEND, DuoBerichtStatus.GEWEIGERD, DuoBerichtStatus.VASTGELOPEN),
    }
    return render(request, "duo/beheer_detail.html", context)


@role_required(Role.FUNCTIONEEL_BEHEERDER)
@require_POST
def retry(request: AuthenticatedHttpRequest, bericht_uuid: uuid.UUID) -> HttpResponse:
    bericht = _bericht_get_for_user(request.user, bericht_uuid)
    try:
        duo_bericht_retry(bericht=bericht, actor=request.user)
        messages.success(request, _("Het bericht wordt opnieuw naar DUO verstuurd."))
    except DomainError as error:
        messages.error(request, error.message)
    return redirect("duo_beheer:detail", bericht.uuid)


@role_required(Role.FUNCTIONEEL_BEHEERDER)
@require_POST
def cancel(request: AuthenticatedHttpRequest, bericht_uuid: uuid.UUID) -> HttpResponse:
    bericht = _bericht_get_for_user(request.user, bericht_uuid)
    try:
        duo_bericht_cancel(bericht=bericht, actor=request.user, reden=request.POST.get("reden", ""))
        messages.success(request, _("Het bericht gaat niet meer naar DUO."))
    except DomainError as error:
        messages.error(request, error.message)
    return redirect("duo_beheer:detail", bericht.uuid)


# --- notificaties from DUO -------------------------------------------------------------------------


def _eigen_oins(user: User) -> set[str]:
    """The OINs of the user's gemeenten and of their uitvoeringsorganisatie."""
    gemeenten = Gemeente.objects.filter(pk__in=user.scope.gemeente_ids)
    return {oin for pair in gemeenten.values_list("oin", "uitvoeringsorganisatie__oin") for oin in pair if oin}


def _notificaties_for_user(user: User) -> QuerySet[Notificatie]:
    """Notificaties addressed to an OIN of the user's gemeenten (or their uitvoeringsorganisatie), and those
    that concern a dossier of theirs."""
    return Notificatie.objects.filter(
        Q(doel__in=_eigen_oins(user)) | Q(dossier__gemeente_id__in=user.scope.gemeente_ids)
    )


def _weigeringen_for_user(user: User) -> QuerySet[NotificatieWeigering]:
    """Refused requests addressed to the user's OINs; those addressed to nobody of ours (or to no one) only
    for a beheerder of the whole region, since no single gemeente owns them."""
    if beheerder_covers_every_gemeente(user):
        return NotificatieWeigering.objects.all()
    return NotificatieWeigering.objects.filter(doel__in=_eigen_oins(user))


@role_required(Role.FUNCTIONEEL_BEHEERDER)
@require_GET
def notificaties(request: AuthenticatedHttpRequest) -> HttpResponse:
    scoped = _notificaties_for_user(request.user)
    counts = dict(scoped.values_list("status").annotate(n=Count("pk")).order_by())
    status = request.GET.get("status", "")
    queryset = scoped.select_related("dossier")
    if status in NotificatieStatus.values:
        queryset = queryset.filter(status=status)
    page = page_for_request(request, queryset.order_by("-received_at", "-pk"), per_page=50)
    for notificatie in page.object_list:
        gebeurtenis = gebeurtenis_get(notificatie.gebeurtenis_id)
        notificatie.omschrijving = gebeurtenis.omschrijving if gebeurtenis else ""  # type: ignore[attr-defined]
    # A berichtId DUO used again for another message: the first stands (201), the others are shown here.
    conflicten_qs = NotificatieConflict.objects.filter(notificatie__in=scoped)
    conflicten = list(conflicten_qs.select_related("notificatie", "notificatie__dossier")[:CONFLICTEN_SHOWN])
    _log_listed(request.user, [*page.object_list, *(c.notificatie for c in conflicten)], "DUO-notificatie")
    context = {
        "page": page,
        "status_filter": status,
        "statussen": [(value, label, counts.get(value, 0)) for value, label in NotificatieStatus.choices],
        "dossier_links": request.user.has_role(*DOSSIER_ROLES),
        # The demo's DUO is the simulator: its page has the buttons that make DUO send notificaties.
        "simulator_url": settings.DUO_BASE_URL if settings.DEMO_MODE else "",
        "conflicten": conflicten,
        "aantal_conflicten": conflicten_qs.count(),
        "weigeringen": _weigeringen_for_user(request.user).filter(at__gte=timezone.now() - timedelta(days=7)).count(),
    }
    return render(request, "duo/beheer_notificaties.html", context)


@role_required(Role.FUNCTIONEEL_BEHEERDER)
@require_POST
def notificatie_retry(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    notificatie = get_object_or_404(_notificaties_for_user(request.user), pk=pk)
    try:
        verwerking.notificatie_retry(notificatie=notificatie, actor=request.user)
        messages.success(request, _("De notificatie wordt opnieuw verwerkt."))
    except DomainError as error:
        messages.error(request, error.message)
    return redirect(f"{reverse('duo_beheer:notificaties')}?status={NotificatieStatus.FOUT}")
