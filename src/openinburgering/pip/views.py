"""The PIP page of a dossier (current version, history, concept, aanbod, informatieverzoeken) and the
teamleider's queue. Views parse, call one service and render; every read goes through the scope."""

from typing import Any

from django.contrib import messages
from django.db.models import QuerySet
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_htmx.http import trigger_client_event

from openinburgering.aanbod.models import Aanbieder
from openinburgering.aanbod.selectors import aanbieders_for_user
from openinburgering.accounts.constants import DOSSIER_EDIT_ROLES, DOSSIER_ROLES, Role
from openinburgering.accounts.permissions import role_required
from openinburgering.accounts.types import AuthenticatedHttpRequest
from openinburgering.core.compat import csp_replace
from openinburgering.core.exceptions import DomainError
from openinburgering.core.forms import form_error_list
from openinburgering.dossiers.constants import Status as DossierStatus
from openinburgering.dossiers.models import Dossier
from openinburgering.dossiers.selectors import dossier_get_for_user
from openinburgering.dossiers.services import dossier_view_record
from openinburgering.logboek.constants import Action, Purpose
from openinburgering.logboek.services import Subject, logboek_record_many
from openinburgering.rules.enums import Doelgroep
from openinburgering.rules.termijnen import PIP_NA_INFORMATIE_DERDEN

from . import selectors, services
from .checks import combination_problems
from .exceptions import PipRefused, Problem
from .forms import (
    AanbodForm,
    ApproveForm,
    InformatieverzoekForm,
    NewVersionForm,
    OntvangenForm,
    PipDraftForm,
    ReturnForm,
    WithdrawForm,
)
from .letters import pip_beschikking_filename, pip_beschikking_render
from .models import Pip, PipStatus

# Where a problem that is not about a field of the concept form links to in the error summary.
PROBLEM_ANCHORS = {
    "aanbod": ("aanbod-title", _("Inburgeringsaanbod")),
    "brief": ("brief-title", _("Conceptbeschikking")),
}


def _version(request: AuthenticatedHttpRequest, pk: int, versie: int) -> tuple[Dossier, Pip]:
    dossier = dossier_get_for_user(user=request.user, pk=pk)
    return dossier, selectors.pip_version_get_for_user(user=request.user, dossier=dossier, versie=versie)


def _instellingen(request: AuthenticatedHttpRequest) -> QuerySet[Aanbieder]:
    """The aanbieders one can choose for an inburgeringsaanbod: those the gemeenten still work with."""
    return aanbieders_for_user(user=request.user).filter(actief=True)


def _problem_list(problems: list[Problem], form: PipDraftForm | None) -> list[tuple[str, str, str]]:
    """(anchor id, label, message) for the error summary: every problem links to its field."""
    rows = []
    for problem in problems:
        if form is not None and problem.field in form.fields and problem.field not in form.hidden:
            rows.append(
                (form[problem.field].id_for_label or "", str(form.fields[problem.field].label), problem.message)
            )
        elif problem.field in PROBLEM_ANCHORS:
            anchor, label = PROBLEM_ANCHORS[problem.field]
            rows.append((anchor, str(label), problem.message))
        else:
            rows.append(("", "", problem.message))
    return rows


def _attach(form: PipDraftForm, problems: list[Problem]) -> None:
    """Show each problem at its field of the concept form too."""
    for problem in problems:
        if problem.field in form.fields and problem.field not in form.hidden:
            form.add_error(problem.field, problem.message)
    form._style()


def _page_context(request: AuthenticatedHttpRequest, dossier: Dossier, **overrides: Any) -> dict[str, Any]:
    user = request.user
    open_pip = selectors.pip_open(dossier=dossier)
    current = selectors.pip_current(dossier=dossier)
    can_draft = user.has_role(*DOSSIER_EDIT_ROLES) and dossier.is_open
    is_concept = open_pip is not None and open_pip.status == PipStatus.CONCEPT
    context: dict[str, Any] = {
        "dossier": dossier,
        "open_pip": open_pip,
        "current": current,
        "versions": selectors.pip_versions(dossier=dossier),
        "open_aanbod": selectors.pip_aanbod(pip=open_pip) if open_pip else [],
        "current_aanbod": selectors.pip_aanbod(pip=current) if current else [],
        "informatieverzoeken": selectors.informatieverzoeken(dossier=dossier),
        "can_draft": can_draft,
        "can_edit_concept": can_draft and is_concept,
        "is_teamleider": user.has_role(Role.TEAMLEIDER),
        "may_approve": open_pip is not None and selectors.may_approve(pip=open_pip, user=user),
        "is_own": open_pip is not None and user.pk in (open_pip.drafted_by_id, open_pip.submitted_by_id),
        "draft_form": PipDraftForm(instance=open_pip, dossier=dossier) if can_draft and is_concept else None,
        "new_version_form": NewVersionForm(),
        "aanbod_form": AanbodForm(instellingen=_instellingen(request)),
        "verzoek_form": InformatieverzoekForm(),
        "ontvangen_form": OntvangenForm(),
        "approve_form": ApproveForm(),
        "return_form": ReturnForm(),
        "withdraw_form": WithdrawForm(),
        "may_withdraw": current is not None and open_pip is None and dossier.is_open and user.has_role(Role.TEAMLEIDER),
        "needs_intake": dossier.status == DossierStatus.AANGEMELD,
        "is_asielstatushouder": dossier.doelgroep == Doelgroep.ASIELSTATUSHOUDER,
        "na_informatie_weken": PIP_NA_INFORMATIE_DERDEN.value.length.amount,
        "errors": [],
    }
    context.update(overrides)
    return context


def _render_page(
    request: AuthenticatedHttpRequest, dossier: Dossier, *, status: int = 200, **overrides: Any
) -> HttpResponse:
    return render(request, "pip/detail.html", _page_context(request, dossier, **overrides), status=status)


def _render_part(
    request: AuthenticatedHttpRequest, dossier: Dossier, part: str, *, status: int = 200, **overrides: Any
) -> HttpResponse:
    response = render(request, f"pip/detail.html#{part}", _page_context(request, dossier, **overrides), status=status)
    return trigger_client_event(response, "timeline-changed") if status == 200 else response


def _detail_url(dossier: Dossier) -> str:
    return reverse("pip:detail", args=[dossier.pk])


def _problems_of(error: DomainError) -> list[Problem]:
    if isinstance(error, PipRefused):
        return error.problems
    return [Problem(error.field or "", error.code, error.message)]


def _refused(
    request: AuthenticatedHttpRequest, dossier: Dossier, error: DomainError, *, form: PipDraftForm | None = None
) -> HttpResponse:
    """The page again, with every problem in the error summary (and at its field of the concept), status 422."""
    problems = _problems_of(error)
    if form is None:
        concept = selectors.pip_open(dossier=dossier)
        if concept is not None and concept.status == PipStatus.CONCEPT and request.user.has_role(*DOSSIER_EDIT_ROLES):
            form = PipDraftForm.bound_to(concept, dossier=dossier)
    overrides: dict[str, Any] = {}
    if form is not None:
        _attach(form, problems)
        overrides["draft_form"] = form
    return _render_page(request, dossier, status=422, errors=_problem_list(problems, form), **overrides)


# --- the page --------------------------------------------------------------------------------


@role_required(*DOSSIER_ROLES)
@require_GET
def detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    dossier = dossier_get_for_user(user=request.user, pk=pk)
    dossier_view_record(actor=request.user, dossier=dossier, subject="pip")
    return _render_page(request, dossier)


@role_required(*DOSSIER_ROLES)
@require_GET
def version(request: AuthenticatedHttpRequest, pk: int, versie: int) -> HttpResponse:
    dossier, pip = _version(request, pk, versie)
    dossier_view_record(actor=request.user, dossier=dossier, subject=f"pip-versie {pip.versie}")
    context = {"dossier": dossier, "pip": pip, "aanbod": selectors.pip_aanbod(pip=pip)}
    return render(request, "pip/version.html", context)


@role_required(*DOSSIER_ROLES)
@require_GET
@xframe_options_sameorigin  # shown inside the approval page
@csp_replace({"frame-ancestors": ["'self'"]})  # type: ignore[arg-type]  # django-csp types views as (request) only
def preview(request: AuthenticatedHttpRequest, pk: int, versie: int) -> HttpResponse:
    """The letter as it would go out if this version were approved today; not stored. Serving it records the
    view (services.pip_letter_viewed): pip_approve asks for that record from whoever signs."""
    _dossier, pip = _version(request, pk, versie)
    if not pip.is_open:
        raise Http404("Alleen een concept of een PIP ter accordering heeft een voorbeeld")
    services.pip_letter_viewed(pip=pip, viewer=request.user)
    response = HttpResponse(pip_beschikking_render(pip, preview=True), content_type="application/pdf")
    disposition = content_disposition_header(as_attachment=False, filename=f"Voorbeeld {pip_beschikking_filename(pip)}")
    if disposition:
        response["Content-Disposition"] = disposition
    response["Cache-Control"] = "private, no-store"
    return response


# --- drafting --------------------------------------------------------------------------------


@role_required(*DOSSIER_EDIT_ROLES)
@require_POST
def create(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    dossier = dossier_get_for_user(user=request.user, pk=pk)
    reden = ""
    if selectors.pip_current(dossier=dossier) is not None:
        form = NewVersionForm(request.POST)
        if not form.is_valid():
            return _render_page(request, dossier, status=422, new_version_form=form, errors=form_error_list(form))
        reden = form.cleaned_data["wijzigingsreden"]
    try:
        services.pip_draft_create(dossier=dossier, actor=request.user, wijzigingsreden=reden)
    except DomainError as error:
        return _refused(request, dossier, error)
    messages.success(request, _("Het concept van de PIP staat klaar."))
    return redirect(f"{_detail_url(dossier)}#pip-form")


@role_required(*DOSSIER_EDIT_ROLES)
@require_POST
def draft_form(request: AuthenticatedHttpRequest, pk: int, versie: int) -> HttpResponse:
    """htmx: the concept form again for the leerroute just chosen (nothing is saved)."""
    dossier, pip = _version(request, pk, versie)
    form = PipDraftForm.rerender(request.POST, instance=pip, dossier=dossier)
    context = _page_context(request, dossier, draft_form=form, open_pip=pip)
    return render(request, "pip/detail.html#draft_form", context)


@role_required(*DOSSIER_EDIT_ROLES)
@require_POST
def draft_save(request: AuthenticatedHttpRequest, pk: int, versie: int) -> HttpResponse:
    """Save the concept; with the "indienen" button, also send it for sign-off."""
    dossier, pip = _version(request, pk, versie)
    form = PipDraftForm(request.POST, instance=pip, dossier=dossier)
    if not form.is_valid():
        return _render_page(request, dossier, status=422, draft_form=form, errors=form_error_list(form))
    try:
        pip = services.pip_draft_update(pip=pip, actor=request.user, data=form.cleaned_data)
    except DomainError as error:
        return _refused(request, dossier, error, form=form)
    if "indienen" not in request.POST:
        if problems := combination_problems(pip):  # DUO's rules, checked on every save (the concept is kept)
            messages.warning(request, _("Het concept is opgeslagen, maar DUO zou het zo weigeren:"))
            response = _refused(request, dossier, PipRefused(problems), form=form)
            response.status_code = 200
            return response
        messages.success(request, _("Het concept is opgeslagen."))
        return redirect(f"{_detail_url(dossier)}#pip-form")
    try:
        services.pip_submit(pip=pip, actor=request.user)
    except DomainError as error:
        messages.info(request, _("Het concept is opgeslagen, maar nog niet ter accordering aangeboden."))
        return _refused(request, dossier, error)
    messages.success(request, _("De PIP is ter accordering aangeboden aan een teamleider."))
    return redirect(_detail_url(dossier))


@role_required(*DOSSIER_EDIT_ROLES)
@require_POST
def draft_delete(request: AuthenticatedHttpRequest, pk: int, versie: int) -> HttpResponse:
    dossier, pip = _version(request, pk, versie)
    try:
        services.pip_draft_delete(pip=pip, actor=request.user)
    except DomainError as error:
        return _refused(request, dossier, error)
    messages.success(request, _("Het concept is verwijderd."))
    return redirect(_detail_url(dossier))


@role_required(*DOSSIER_EDIT_ROLES)
@require_POST
def aanbod_set(request: AuthenticatedHttpRequest, pk: int, versie: int) -> HttpResponse:
    dossier, pip = _version(request, pk, versie)
    form = AanbodForm(request.POST, instellingen=_instellingen(request))
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.pip_aanbod_set(
                pip=pip,
                actor=request.user,
                instelling=data["instelling"],
                datum_inburgeringsaanbod=data["datum_inburgeringsaanbod"],
                verwachte_startdatum_opleiding=data["verwachte_startdatum_opleiding"],
                verwachte_einddatum_opleiding=data["verwachte_einddatum_opleiding"],
                indicator_alfabetisering=data["indicator_alfabetisering"],
            )
        except DomainError as error:
            for problem in _problems_of(error):
                form.add_error(problem.field if problem.field in form.fields else None, problem.message)
            form._style()
        else:
            return _render_part(request, dossier, "aanbod")
    return _render_part(request, dossier, "aanbod", status=422, aanbod_form=form)


@role_required(*DOSSIER_EDIT_ROLES)
@require_POST
def aanbod_remove(request: AuthenticatedHttpRequest, pk: int, versie: int, aanbod: int) -> HttpResponse:
    dossier, pip = _version(request, pk, versie)
    try:
        services.pip_aanbod_remove(pip=pip, actor=request.user, aanbod_id=aanbod)
    except DomainError as error:
        return _render_part(request, dossier, "aanbod", status=422, aanbod_error=error.message)
    return _render_part(request, dossier, "aanbod")


# --- sign-off --------------------------------------------------------------------------------


def _after_decision(request: AuthenticatedHttpRequest, dossier: Dossier) -> HttpResponse:
    if request.POST.get("next") == "queue":
        return redirect("pip_queue:queue")
    return redirect(_detail_url(dossier))


@role_required(Role.TEAMLEIDER)
@require_POST
def return_to_drafter(request: AuthenticatedHttpRequest, pk: int, versie: int) -> HttpResponse:
    dossier, pip = _version(request, pk, versie)
    form = ReturnForm(request.POST)
    if not form.is_valid():
        return _render_page(request, dossier, status=422, return_form=form, errors=form_error_list(form))
    try:
        services.pip_return(pip=pip, actor=request.user, reden=form.cleaned_data["reden"])
    except DomainError as error:
        return _refused(request, dossier, error)
    messages.success(request, _("De PIP is teruggestuurd naar de opsteller."))
    return _after_decision(request, dossier)


def _approval_page(
    request: AuthenticatedHttpRequest,
    dossier: Dossier,
    pip: Pip,
    *,
    status: int = 200,
    form: ApproveForm | None = None,
    errors: list[tuple[str, str, str]] | None = None,
) -> HttpResponse:
    context = {
        "dossier": dossier,
        "pip": pip,
        "aanbod": selectors.pip_aanbod(pip=pip),
        "may_approve": selectors.may_approve(pip=pip, user=request.user),
        "approve_form": form or ApproveForm(),
        "return_form": ReturnForm(),
        "next": request.GET.get("next") or request.POST.get("next", ""),
        "errors": errors or [],
    }
    return render(request, "pip/approval.html", context, status=status)


@role_required(Role.TEAMLEIDER)
@require_http_methods(["GET", "POST"])
def approve(request: AuthenticatedHttpRequest, pk: int, versie: int) -> HttpResponse:
    """The approval page (GET): the PIP and its concept letter side by side, and the only form that approves.
    The letter loads inside the page; pip_approve refuses whoever was not shown it (the forged POST too)."""
    dossier, pip = _version(request, pk, versie)
    if request.method == "GET":
        if pip.status != PipStatus.TER_ACCORDERING:
            return redirect(_detail_url(dossier))
        dossier_view_record(actor=request.user, dossier=dossier, subject=f"pip-accorderen {pip.versie}")
        return _approval_page(request, dossier, pip)
    form = ApproveForm(request.POST)
    if not form.is_valid():
        return _approval_page(request, dossier, pip, status=422, form=form, errors=form_error_list(form))
    try:
        pip = services.pip_approve(
            pip=pip,
            approver=request.user,
            dagtekening=form.cleaned_data["dagtekening"],
            bekendmaking=form.cleaned_data["bekendmaking"],
        )
    except DomainError as error:
        problems = _problem_list(_problems_of(error), None)
        return _approval_page(request, dossier, pip, status=422, form=form, errors=problems)
    messages.success(
        request, _("PIP versie %(versie)s is vastgesteld; de beschikking is opgeslagen.") % {"versie": pip.versie}
    )
    return _after_decision(request, dossier)


@role_required(Role.TEAMLEIDER)
@require_POST
def withdraw(request: AuthenticatedHttpRequest, pk: int, versie: int) -> HttpResponse:
    """Withdraw the vastgesteld PIP (with a reason and a confirmation); DUO is asked to delete it."""
    dossier, pip = _version(request, pk, versie)
    form = WithdrawForm(request.POST)
    if not form.is_valid():
        return _render_page(request, dossier, status=422, withdraw_form=form, errors=form_error_list(form))
    try:
        pip = services.pip_withdraw(pip=pip, actor=request.user, reden=form.cleaned_data["reden"])
    except DomainError as error:
        return _render_page(
            request, dossier, status=422, withdraw_form=form, errors=_problem_list(_problems_of(error), None)
        )
    messages.success(
        request,
        _("PIP versie %(versie)s is ingetrokken; DUO wordt gevraagd de PIP te verwijderen.") % {"versie": pip.versie},
    )
    return redirect(_detail_url(dossier))


# --- informatieverzoeken (Bi 5.3(2)) -----------------------------------------------------------


@role_required(*DOSSIER_EDIT_ROLES)
@require_POST
def informatieverzoek_add(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    dossier = dossier_get_for_user(user=request.user, pk=pk)
    form = InformatieverzoekForm(request.POST)
    if form.is_valid():
        try:
            services.informatieverzoek_add(dossier=dossier, actor=request.user, **form.cleaned_data)
        except DomainError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
            form._style()
        else:
            return _render_part(request, dossier, "informatieverzoeken")
    return _render_part(request, dossier, "informatieverzoeken", status=422, verzoek_form=form)


@role_required(*DOSSIER_EDIT_ROLES)
@require_POST
def informatieverzoek_received(request: AuthenticatedHttpRequest, pk: int, verzoek: int) -> HttpResponse:
    dossier = dossier_get_for_user(user=request.user, pk=pk)
    item = selectors.informatieverzoeken(dossier=dossier).filter(pk=verzoek).first()
    if item is None:
        raise Http404("Informatieverzoek niet gevonden")
    form = OntvangenForm(request.POST)
    if form.is_valid():
        try:
            services.informatieverzoek_received(
                verzoek=item, actor=request.user, ontvangen_op=form.cleaned_data["ontvangen_op"]
            )
        except DomainError as error:
            return _render_part(request, dossier, "informatieverzoeken", status=422, verzoek_error=error.message)
        return _render_part(request, dossier, "informatieverzoeken")
    message = "; ".join(str(e) for e in form.errors.get("ontvangen_op", []))
    return _render_part(request, dossier, "informatieverzoeken", status=422, verzoek_error=message)


# --- the teamleider's queue ------------------------------------------------------------------


@role_required(Role.TEAMLEIDER)
@require_GET
def queue(request: AuthenticatedHttpRequest) -> HttpResponse:
    """PIPs ter accordering in the teamleider's scope, oldest first."""
    rows = list(selectors.pips_ter_accordering_for_user(user=request.user)[:200])
    logboek_record_many(
        actor=request.user,
        action=Action.LIST,
        purpose=Purpose.REGIE,
        subject="pip-ter-accordering",
        subjects=[Subject(inburgeraar_id=p.dossier.inburgeraar_id, dossier_id=p.dossier_id) for p in rows],
    )
    return render(request, "pip/queue.html", {"rows": rows})
