"""Pages for the contract manager: the contracts (list, create, detail, new version, end) and the aanbieder's page."""

from typing import Any
from uuid import UUID

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from openinburgering.aanbod.selectors import aanbieders_for_user
from openinburgering.aanbod.views import AANBIEDER_REGISTER_ROLES
from openinburgering.accounts.permissions import role_required
from openinburgering.accounts.types import AuthenticatedHttpRequest
from openinburgering.core.exceptions import DomainError
from openinburgering.core.paging import page_for_request
from openinburgering.gemeenten.models import Gemeente
from openinburgering.rules.inkoop import KEURMERK_VERPLICHT, KEURMERK_WAARSCHUWING_DAGEN

from .constants import CONTRACT_EINDIGT_BINNEN_DAGEN, CONTRACT_ROLES, ComponentChoices, ContractFase
from .forms import BeeindigenForm, ContractForm, VersieForm, all_errors, perceel_initial, percelen_formset
from .models import Contract
from .selectors import (
    ContractFilter,
    contract_get_for_user,
    contract_versies,
    contracten_filtered,
    contracten_for_user,
    versie_valid_on,
)
from .services import contract_create, contract_end, contract_version_create, errors_of

EMPTY_ROWS_NEW = 3  # empty perceel rows on a new contract (no script adds rows)
EMPTY_ROWS_VERSION = 2


def _gemeenten(request: AuthenticatedHttpRequest) -> Any:
    return Gemeente.objects.in_scope(request.user.scope).order_by("naam")


def _spread(error: DomainError, form: Any, formset: Any | None) -> None:
    """Every problem a service found, at its field: the contract's, a perceel's, or above the form."""
    for problem in errors_of(error):
        if formset is not None and formset.add_domain_error(problem.field, problem.message):
            continue
        form.add_domain_error(problem.field, problem.message)


@role_required(*CONTRACT_ROLES)
@require_GET
def contract_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    today = timezone.localdate()
    filters = ContractFilter.from_query(request.GET.dict())
    page = page_for_request(request, contracten_filtered(user=request.user, filters=filters, today=today))
    in_scope = contracten_for_user(user=request.user)
    context = {
        "filters": filters,
        "page": page,
        "rows": [(c, c.fase(today)) for c in page.object_list],
        "aanbieders": aanbieders_for_user(user=request.user).filter(pk__in=in_scope.values("aanbieder_id")),
        "fasen": ContractFase.choices,
        "componenten": ComponentChoices.choices,
        "binnen_dagen": CONTRACT_EINDIGT_BINNEN_DAGEN,
    }
    partial = request.htmx and request.htmx.target == "results"
    return render(request, "inkoop/list.html#results" if partial else "inkoop/list.html", context)


@role_required(*CONTRACT_ROLES)
@require_http_methods(["GET", "POST"])
def contract_new(request: AuthenticatedHttpRequest) -> HttpResponse:
    gemeenten = _gemeenten(request)
    data = request.POST if request.method == "POST" else None
    form = ContractForm(data)
    formset = percelen_formset(data, gemeenten=gemeenten, extra=EMPTY_ROWS_NEW)
    if request.method == "POST":
        if form.is_valid() and formset.is_valid():
            try:
                contract = contract_create(
                    actor=request.user,
                    aanbieder=form.cleaned_data["aanbieder"],
                    kenmerk=form.cleaned_data["kenmerk"],
                    omschrijving=form.cleaned_data["omschrijving"],
                    startdatum=form.cleaned_data["startdatum"],
                    einddatum=form.cleaned_data["einddatum"],
                    percelen=formset.inputs(),
                )
            except DomainError as error:
                _spread(error, form, formset)
            else:
                messages.success(request, _("Contract %(kenmerk)s is vastgelegd.") % {"kenmerk": contract.kenmerk})
                return redirect("inkoop:detail", contract.uuid)
        return _form_page(request, "inkoop/form.html", form, formset, status=422)
    return _form_page(request, "inkoop/form.html", form, formset)


def _form_page(
    request: AuthenticatedHttpRequest,
    template: str,
    form: Any,
    formset: Any | None,
    *,
    status: int = 200,
    context: dict[str, Any] | None = None,
) -> HttpResponse:
    return render(
        request,
        template,
        {"form": form, "formset": formset, "errors": all_errors(form, formset), **(context or {})},
        status=status,
    )


@role_required(*CONTRACT_ROLES)
@require_GET
def contract_detail(request: AuthenticatedHttpRequest, uuid: UUID) -> HttpResponse:
    contract = contract_get_for_user(user=request.user, uuid=uuid)
    today = timezone.localdate()
    huidig = versie_valid_on(contract, today)
    return render(
        request,
        "inkoop/detail.html",
        {
            "contract": contract,
            "fase": contract.fase(today),
            "versies": contract_versies(contract),
            "huidig": huidig,
            "keurmerk": contract.aanbieder.keurmerk_status(today),
            "events": contract.events.all()[:50],
            "keurmerk_regel": KEURMERK_VERPLICHT,
        },
    )


@role_required(*CONTRACT_ROLES)
@require_http_methods(["GET", "POST"])
def contract_version_new(request: AuthenticatedHttpRequest, uuid: UUID) -> HttpResponse:
    contract = contract_get_for_user(user=request.user, uuid=uuid)
    laatste = contract.versies.order_by("-versie").first()
    initial = [perceel_initial(p) for p in laatste.percelen.prefetch_related("gemeenten")] if laatste else []
    data = request.POST if request.method == "POST" else None
    form = VersieForm(data)
    formset = percelen_formset(data, gemeenten=_gemeenten(request), initial=initial, extra=EMPTY_ROWS_VERSION)
    context = {"contract": contract, "laatste": laatste}
    if contract.status != Contract.Status.ACTIEF:
        messages.error(request, _("Het contract is beëindigd; er kan geen nieuwe versie bij."))
        return redirect("inkoop:detail", contract.uuid)
    if request.method == "POST":
        if form.is_valid() and formset.is_valid():
            try:
                versie = contract_version_create(
                    actor=request.user,
                    contract=contract,
                    ingangsdatum=form.cleaned_data["ingangsdatum"],
                    wijzigingsreden=form.cleaned_data["wijzigingsreden"],
                    percelen=formset.inputs(),
                )
            except DomainError as error:
                _spread(error, form, formset)
            else:
                messages.success(
                    request,
                    _("Versie %(versie)s van contract %(kenmerk)s is vastgelegd.")
                    % {"versie": versie.versie, "kenmerk": contract.kenmerk},
                )
                return redirect("inkoop:detail", contract.uuid)
        return _form_page(request, "inkoop/versie_form.html", form, formset, status=422, context=context)
    return _form_page(request, "inkoop/versie_form.html", form, formset, context=context)


@role_required(*CONTRACT_ROLES)
@require_http_methods(["GET", "POST"])
def contract_end_page(request: AuthenticatedHttpRequest, uuid: UUID) -> HttpResponse:
    contract = contract_get_for_user(user=request.user, uuid=uuid)
    if contract.status != Contract.Status.ACTIEF:
        messages.error(request, _("Het contract is al beëindigd; er is niets gewijzigd."))
        return redirect("inkoop:detail", contract.uuid)
    form = BeeindigenForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if form.is_valid():
            try:
                contract_end(
                    actor=request.user,
                    contract=contract,
                    beeindigd_per=form.cleaned_data["beeindigd_per"],
                    reden=form.cleaned_data["einde_reden"],
                    toelichting=form.cleaned_data["einde_toelichting"],
                )
            except DomainError as error:
                _spread(error, form, None)
            else:
                messages.success(request, _("Contract %(kenmerk)s is beëindigd.") % {"kenmerk": contract.kenmerk})
                return redirect("inkoop:detail", contract.uuid)
        return _form_page(request, "inkoop/beeindigen.html", form, None, status=422, context={"contract": contract})
    return _form_page(request, "inkoop/beeindigen.html", form, None, context={"contract": contract})


@role_required(*AANBIEDER_REGISTER_ROLES)
@require_GET
def aanbieder_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """One aanbieder: the register's data, its keurmerk, its contracts in the user's scope, its placements."""
    aanbieder = get_object_or_404(aanbieders_for_user(user=request.user), pk=pk)
    today = timezone.localdate()
    contracten = contracten_for_user(user=request.user).filter(aanbieder=aanbieder).order_by("-einddatum", "kenmerk")
    return render(
        request,
        "inkoop/aanbieder.html",
        {
            "aanbieder": aanbieder,
            "keurmerk": aanbieder.keurmerk_status(today),
            "keurmerk_dagen": KEURMERK_WAARSCHUWING_DAGEN.value,
            "keurmerk_regel": KEURMERK_VERPLICHT,
            "contracten": [(c, c.fase(today)) for c in contracten],
        },
    )
