"""The betaalrun pages: start, progress, four-eyes, the SEPA files, the report, the bank statements."""

import gzip
import uuid

from django.contrib import messages
from django.db.models import QuerySet
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from openinburgering.accounts.permissions import role_required
from openinburgering.accounts.types import AuthenticatedHttpRequest
from openinburgering.core.exceptions import DomainError
from openinburgering.core.forms import form_error_list
from openinburgering.core.paging import page_for_request
from openinburgering.dossiers.selectors import dossier_get_for_user
from openinburgering.gemeenten.models import Gemeente
from openinburgering.letters.models import Document
from openinburgering.logboek.constants import Action, Purpose
from openinburgering.logboek.services import Subject, logboek_record_many
from openinburgering.ontzorgen.constants import ONTZORGEN_EDIT_ROLES

from . import report, selectors
from .constants import BETAALRUN_ROLES, AfrekeningStatus, RegelStatus, RunStatus
from .forms import AfkeurForm, BankafschriftForm, BetaalrunStartForm
from .logs import log_people_shown
from .maandoverzicht import maandoverzicht_store
from .models import Betaalrun
from .services import betaalrun
from .services.bankafschriften import bankafschrift_import, betaalregel_repay
from .services.betaalbestanden import betaalbestand_download


def _gemeenten(request: AuthenticatedHttpRequest) -> QuerySet[Gemeente]:
    return Gemeente.objects.in_scope(request.user.scope).order_by("naam")


@role_required(*BETAALRUN_ROLES)
@require_http_methods(["GET", "POST"])
def overview(request: AuthenticatedHttpRequest) -> HttpResponse:
    today = timezone.localdate()
    gemeenten = _gemeenten(request)
    if request.method == "POST":
        form = BetaalrunStartForm(request.POST, gemeenten=gemeenten, today=today)
        if form.is_valid():
            try:
                run = betaalrun.betaalrun_start(actor=request.user, **form.cleaned_data)
            except DomainError as error:
                form.add_error(error.field if error.field in form.fields else None, error.message)
            else:
                messages.success(request, _("De betaalrun wordt gemaakt."))
                return redirect("betalingen:detail", run.uuid)
        status = 422
    else:
        form = BetaalrunStartForm(
            gemeenten=gemeenten, today=today, initial={"gemeenten": list(gemeenten), "maand": f"{today:%Y-%m}"}
        )
        status = 200
    runs = selectors.betaalruns_for_user(user=request.user).prefetch_related("gemeenten")
    page = page_for_request(request, runs)
    return render(
        request,
        "betalingen/overview.html",
        {"form": form, "errors": form_error_list(form), "page": page, "rows": page.object_list},
        status=status,
    )


def _voortgang_context(request: AuthenticatedHttpRequest, run: Betaalrun) -> dict[str, object]:
    """What the state panel shows; the panel is polled every second while the run is busy."""
    return {
        "run": run,
        "gemeenten": run.gemeenten.all(),
        "bestanden": run.bestanden.select_related("gemeente").defer("content_gzip"),
        "kan_goedkeuren": request.user.pk not in (run.created_by_id, run.ingediend_door_id),
        "bezig": run.status == RunStatus.AANMAKEN
        or (run.status == RunStatus.GOEDGEKEURD and not run.fout and not run.bestanden.exists())
        or run.rapport_bezig,
        "afkeur_form": AfkeurForm(),
        "kan_annuleren": run.status in betaalrun.CANCELLABLE_STATUSES,
        "rapport_direct": run.aantal_regels <= report.RAPPORT_DIRECT_MAX,
        "kan_maandoverzichten": run.status in betaalrun.MAANDOVERZICHT_STATUSES,
        "maandoverzichten": (
            Document.objects.filter(
                kind=Document.Kind.ONTZORGEN_MAANDOVERZICHT,
                dossier__in=run.afrekeningen.filter(status=AfrekeningStatus.OPGENOMEN).values("dossier_id"),
                created_at__gte=run.goedgekeurd_op,
            ).count()
            if run.goedgekeurd_op
            else 0
        ),
    }


@role_required(*BETAALRUN_ROLES)
@require_GET
def detail(request: AuthenticatedHttpRequest, run_uuid: uuid.UUID) -> HttpResponse:
    run = selectors.betaalrun_get_for_user(user=request.user, uuid_=run_uuid)
    context = _voortgang_context(request, run)
    if request.htmx and request.GET.get("deel") == "voortgang":
        if not context["bezig"]:
            # Done: the whole page changes (the exclusions and the lines appear), not only this part.
            return HttpResponse(headers={"HX-Refresh": "true"})
        return render(request, "betalingen/detail.html#voortgang", context)
    status = request.GET.get("status", "")
    page = page_for_request(request, selectors.regels(run, status=status), per_page=50)
    uitsluitingen = list(selectors.uitsluitingen(run)[:500])
    context |= {
        "uitsluitingen": uitsluitingen,
        "page": page,
        "rows": page.object_list,
        "status_filter": status,
        "regel_statussen": RegelStatus.choices,
    }
    shown = {(a.dossier.inburgeraar_id, a.dossier_id) for a in uitsluitingen}
    shown |= {(r.afrekening.dossier.inburgeraar_id, r.afrekening.dossier_id) for r in page.object_list}
    logboek_record_many(
        actor=request.user,
        action=Action.LIST,
        purpose=Purpose.ONTZORGEN,
        subject="betaalrun",
        subjects=[Subject(inburgeraar_id, dossier_id) for inburgeraar_id, dossier_id in sorted(shown)],
    )
    return render(request, "betalingen/detail.html", context)


ACTIONS = {
    "indienen": (betaalrun.betaalrun_submit, _("De betaalrun staat klaar voor accordering door een collega.")),
    "goedkeuren": (betaalrun.betaalrun_approve, _("De betaalrun is goedgekeurd; het betaalbestand wordt gemaakt.")),
    "annuleren": (betaalrun.betaalrun_cancel, _("De betaalrun is geannuleerd.")),
    "herberekenen": (betaalrun.betaalrun_recompute, _("De betaalrun wordt opnieuw berekend.")),
    "hervatten": (betaalrun.betaalrun_resume, _("De betaalrun gaat verder waar hij gebleven was.")),
    "maandoverzichten": (
        betaalrun.betaalrun_maandoverzichten_request,
        _("De maandoverzichten worden gemaakt en komen bij de documenten van elk dossier."),
    ),
    "rapport": (
        betaalrun.betaalrun_rapport_request,
        _("Het rapport wordt gemaakt; dat duurt even."),
    ),
}


@role_required(*BETAALRUN_ROLES)
@require_POST
def action(request: AuthenticatedHttpRequest, run_uuid: uuid.UUID, name: str) -> HttpResponse:
    run = selectors.betaalrun_get_for_user(user=request.user, uuid_=run_uuid)
    try:
        if name == "afkeuren":
            form = AfkeurForm(request.POST)
            if not form.is_valid():
                raise DomainError(_("Geef aan waarom u de betaalrun terugstuurt."), field="reden")
            betaalrun.betaalrun_reject(run=run, actor=request.user, reden=form.cleaned_data["reden"])
            messages.success(request, _("De betaalrun is teruggestuurd."))
        elif name in ACTIONS:
            service, message = ACTIONS[name]
            service(run=run, actor=request.user)
            messages.success(request, message)
        else:
            return HttpResponse(status=404)
    except DomainError as error:
        messages.error(request, error.message)
    return redirect("betalingen:detail", run.uuid)


@role_required(*BETAALRUN_ROLES)
@require_POST
def regel_opnieuw_betalen(request: AuthenticatedHttpRequest, run_uuid: uuid.UUID, pk: int) -> HttpResponse:
    """Release a line the bank rejected: the next run that includes the person pays it again."""
    run = selectors.betaalrun_get_for_user(user=request.user, uuid_=run_uuid)
    regel = selectors.betaalregel_get_for_user(user=request.user, run=run, pk=pk)
    try:
        betaalregel_repay(regel=regel, actor=request.user)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("Betaling %(id)s wordt opnieuw betaald in de eerstvolgende betaalrun van deze gemeente.")
            % {"id": regel.end_to_end_id},
        )
    return redirect("betalingen:detail", run.uuid)


@role_required(*BETAALRUN_ROLES)
@require_GET
def bestand_download(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    bestand = selectors.betaalbestand_get_for_user(user=request.user, pk=pk)
    try:
        betaalbestand_download(bestand=bestand, actor=request.user)
    except DomainError as error:
        messages.error(request, error.message)
        return redirect("betalingen:detail", bestand.betaalrun.uuid)
    filename = f"{bestand.msg_id}.xml"
    response = HttpResponse(bestand.content, content_type="application/xml")
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response


@role_required(*BETAALRUN_ROLES)
@require_GET
def rapport(request: AuthenticatedHttpRequest, run_uuid: uuid.UUID) -> HttpResponse:
    """The xlsx report: made now for a run of up to RAPPORT_DIRECT_MAX lines, else the one made in the
    background (requested with the "rapport" action)."""
    run = selectors.betaalrun_get_for_user(user=request.user, uuid_=run_uuid)
    if run.aantal_regels <= report.RAPPORT_DIRECT_MAX:
        content = report.betaalrun_rapport(run=run, actor=request.user)
        made_at = timezone.localtime()
    elif run.rapport_gzip is not None and run.rapport_op is not None:
        content = gzip.decompress(bytes(run.rapport_gzip))
        made_at = timezone.localtime(run.rapport_op)
        log_people_shown(run, request.user, Action.EXPORT, "betaalrun-rapport")
    else:
        messages.error(request, _("Er is nog geen rapport. Vraag het aan; bij een grote betaalrun duurt dat even."))
        return redirect("betalingen:detail", run.uuid)
    response = HttpResponse(content, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    filename = f"betaalrun-{run.maand:%Y-%m}-{run.pk}-stand-{made_at:%Y%m%d-%H%M}.xlsx"
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response


@role_required(*BETAALRUN_ROLES)
@require_http_methods(["GET", "POST"])
def bankafschriften(request: AuthenticatedHttpRequest) -> HttpResponse:
    status = 200
    afschrift = None
    if request.method == "POST":
        form = BankafschriftForm(request.POST, request.FILES)
        status = 422
        if form.is_valid():
            bestand = form.cleaned_data["bestand"]
            try:
                afschrift = bankafschrift_import(actor=request.user, bestandsnaam=bestand.name, content=bestand.read())
            except DomainError as error:
                form.add_error("bestand", error.message)
            else:
                form, status = BankafschriftForm(), 200
    else:
        form = BankafschriftForm()
    page = page_for_request(request, selectors.bankafschriften_for_user(user=request.user))
    return render(
        request,
        "betalingen/bankafschriften.html",
        {"form": form, "errors": form_error_list(form), "afschrift": afschrift, "page": page, "rows": page.object_list},
        status=status,
    )


# --- the monthly overview letter (on the ontzorgen page: werkplek/urls_ontzorgen.py) ------------


@role_required(*ONTZORGEN_EDIT_ROLES)
@require_POST
def maandoverzicht(request: AuthenticatedHttpRequest, pk: int, afrekening_id: int) -> HttpResponse:
    """Make the monthly overview of one settlement and download it."""
    dossier = dossier_get_for_user(user=request.user, pk=pk)
    afrekening = selectors.afrekening_get_for_user(user=request.user, dossier=dossier, pk=afrekening_id)
    try:
        document = maandoverzicht_store(afrekening=afrekening, actor=request.user)
    except DomainError as error:
        messages.error(request, error.message)
        return redirect(reverse("ontzorgen:detail", args=[dossier.pk]) + "#maandoverzichten")
    return redirect("letters:document_download", uuid=document.uuid)
