"""The dossier page and the werkvoorraad: compositions of the chain (dossier, intake, PIP, ontzorgen,
termijnen) and of what DUO holds, so they sit above the chain and the integrations (STYLE.md §1).

Their URLs keep the ``dossiers:`` names (werkplek/urls.py assembles that namespace), and the dossier page's
parts (status, klantregisseur, gezin, tijdlijn) are re-rendered here as htmx fragments of the whole page.
"""

from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST
from django_htmx.http import trigger_client_event

from openinburgering.accounts.constants import DOSSIER_EDIT_ROLES, DOSSIER_ROLES, Role
from openinburgering.accounts.permissions import role_required
from openinburgering.accounts.types import AuthenticatedHttpRequest
from openinburgering.core.exceptions import DomainError
from openinburgering.core.paging import page_for_request
from openinburgering.dossiers import selectors, services
from openinburgering.dossiers.constants import DoelgroepChoices, Status
from openinburgering.dossiers.forms import AssignForm, GezinslidForm, TransitionForm
from openinburgering.dossiers.models import Dossier
from openinburgering.duo.selectors import bij_duo_for
from openinburgering.gemeenten.models import Gemeente
from openinburgering.intake.selectors import brede_intake_for, lbt_for
from openinburgering.logboek.constants import Action, Purpose
from openinburgering.logboek.services import Subject, logboek_record_many
from openinburgering.ontzorgen.constants import ONTZORGEN_EDIT_ROLES
from openinburgering.ontzorgen.selectors import AFLOOP_SIGNAAL_DAGEN, ontzorgingen_overzicht_for_user
from openinburgering.pip.selectors import pip_current, pip_open, pips_ter_accordering_for_user
from openinburgering.termijnen.constants import TERMIJN_FILTER_DAGEN, UITLEG, Soort
from openinburgering.termijnen.selectors import termijnen_overview

QUEUE_COUNT_MAX = 100
# The werkvoorraad's lists count their matches up to this many and say "meer dan …" beyond: counting
# every dossier a broad filter matches among a million cost more than the whole rest of the page
# (bench/README.md). Paging goes through the first WERKVOORRAAD_COUNT_CAP rows.
WERKVOORRAAD_COUNT_CAP = 1_000
STATUS_LABELS = dict(Status.choices)


def _filter_context(request: AuthenticatedHttpRequest, filters: selectors.WerkvoorraadFilter) -> dict[str, object]:
    user = request.user
    return {
        "filters": filters,
        "gemeenten": Gemeente.objects.in_scope(user.scope),
        "klantregisseurs": selectors.klantregisseurs_for_user(user=user),
        "statuses": Status.choices,
        "status_labels": STATUS_LABELS,  # a dict lookup per row; get_status_display rebuilds the choices each time
        "doelgroepen": DoelgroepChoices.choices,
        "termijn_soorten": dict(Soort.choices),
        "termijn_filter_dagen": TERMIJN_FILTER_DAGEN,
        "today": timezone.localdate(),
    }


@role_required(*DOSSIER_ROLES)
@require_GET
def werkvoorraad(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The klantregisseur's landing page: own dossiers, what needs attention, filters and search."""
    filters = selectors.WerkvoorraadFilter.from_query(request.GET.dict(), user=request.user)
    queryset = selectors.werkvoorraad_for_user(user=request.user, filters=filters)
    page = page_for_request(
        request,
        queryset,
        keys_first=True,
        count_cap=WERKVOORRAAD_COUNT_CAP,
        # A search gathers its matches (up to the cap) and counts them in the same query as the page's
        # keys: its matches can be rare and cluster in the sort order, and a LIMIT on the sorted query let
        # the database walk a sort index for seconds (see page_for).
        count_with_keys=bool(filters.q),
    )
    rows = list(page.object_list)
    logboek_record_many(
        actor=request.user,
        action=Action.SEARCH if filters.q else Action.LIST,
        purpose=Purpose.REGIE,
        subject="werkvoorraad",
        subjects=[Subject(inburgeraar_id=d.inburgeraar_id, dossier_id=d.pk) for d in rows],
    )
    context = {
        **_filter_context(request, filters),
        # Counted up to a limit: the count stops early instead of joining every dossier in scope.
        "ter_accordering": (
            pips_ter_accordering_for_user(user=request.user)
            .exclude(drafted_by=request.user)
            .exclude(submitted_by=request.user)[:QUEUE_COUNT_MAX]
            .count()
            if request.user.has_role(Role.TEAMLEIDER)
            else 0
        ),
        "queue_count_max": QUEUE_COUNT_MAX,
        # JOURNEYS 1.2: new dossiers (from DUO or registered by a colleague) that nobody has taken on yet.
        "niet_toegewezen": (
            selectors.nieuw_zonder_klantregisseur_for_user(user=request.user)[:QUEUE_COUNT_MAX].count()
            if request.user.has_role(Role.KLANTREGISSEUR, Role.TEAMLEIDER) and filters.klantregisseur != "geen"
            else 0
        ),
        # JOURNEYS 3.5: ontzorgen ending soon, for whoever must extend it or hand over to self-payment.
        "ontzorgen_aflopend": (
            ontzorgingen_overzicht_for_user(user=request.user, binnen_dagen=AFLOOP_SIGNAAL_DAGEN)[
                :QUEUE_COUNT_MAX
            ].count()
            if request.user.has_role(*ONTZORGEN_EDIT_ROLES)
            else 0
        ),
        "afloop_dagen": AFLOOP_SIGNAAL_DAGEN,
        "page": page,
        "rows": rows,
        "q_too_short": selectors.is_short_name_query(filters.q),
        "min_search_length": selectors.MIN_NAME_SEARCH_LENGTH,
    }
    template = (
        "werkplek/werkvoorraad.html#results"
        if request.htmx and request.htmx.target == "results"
        else "werkplek/werkvoorraad.html"
    )
    return render(request, template, context)


def _detail_context(request: AuthenticatedHttpRequest, dossier: Dossier) -> dict[str, object]:
    user = request.user
    return {
        "dossier": dossier,
        "timeline": selectors.dossier_timeline(dossier=dossier)[:200],
        "gezinsleden": dossier.inburgeraar.gezinsleden.all(),
        "can_edit": user.has_role(*DOSSIER_EDIT_ROLES) and dossier.is_open,
        "transition_form": TransitionForm(dossier=dossier) if dossier.is_open else None,
        "assign_form": AssignForm(
            initial={"klantregisseur": dossier.klantregisseur_id},
            klantregisseurs=selectors.klantregisseurs_for_user(user=user),
        ),
        "gezinslid_form": GezinslidForm(),
        "termijnen": termijnen_overview(dossier=dossier, today=timezone.localdate()),
        "termijn_uitleg": UITLEG,
        "brede_intake": brede_intake_for(dossier=dossier),
        "lbt": lbt_for(dossier=dossier),
        "pip": pip_current(dossier=dossier),
        "pip_concept": pip_open(dossier=dossier),
        "bij_duo": bij_duo_for(bsn=dossier.inburgeraar.bsn),
    }


@role_required(*DOSSIER_ROLES)
@require_GET
def detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    dossier = selectors.dossier_get_for_user(user=request.user, pk=pk)
    services.dossier_view_record(actor=request.user, dossier=dossier, subject="dossier")
    return render(request, "werkplek/dossier.html", _detail_context(request, dossier))


def _render_detail_part(
    request: AuthenticatedHttpRequest, dossier: Dossier, part: str, *, status: int = 200, **extra: object
) -> HttpResponse:
    context = {**_detail_context(request, dossier), **extra}
    response = render(request, f"werkplek/dossier.html#{part}", context, status=status)
    return response


@role_required(*DOSSIER_EDIT_ROLES)
@require_POST
def transition(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    dossier = selectors.dossier_get_for_user(user=request.user, pk=pk)
    if not dossier.is_open:
        return _render_detail_part(request, dossier, "status", status=409)
    form = TransitionForm(request.POST, dossier=dossier)
    if form.is_valid():
        try:
            dossier = services.dossier_transition(dossier=dossier, actor=request.user, **form.cleaned_data)
        except DomainError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
            form._style()
        else:
            response = _render_detail_part(request, dossier, "status")
            return trigger_client_event(response, "timeline-changed")
    return _render_detail_part(request, dossier, "status", status=422, transition_form=form)


@role_required(*DOSSIER_EDIT_ROLES)
@require_POST
def assign(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    dossier = selectors.dossier_get_for_user(user=request.user, pk=pk)
    form = AssignForm(request.POST, klantregisseurs=selectors.klantregisseurs_for_user(user=request.user))
    if form.is_valid():
        try:
            dossier = services.dossier_assign(
                dossier=dossier, actor=request.user, klantregisseur=form.cleaned_data["klantregisseur"]
            )
        except DomainError as error:
            form.add_error("klantregisseur", error.message)
            form._style()
        else:
            return trigger_client_event(_render_detail_part(request, dossier, "assign"), "timeline-changed")
    return _render_detail_part(request, dossier, "assign", status=422, assign_form=form)


@role_required(*DOSSIER_EDIT_ROLES)
@require_POST
def gezinslid_add(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    dossier = selectors.dossier_get_for_user(user=request.user, pk=pk)
    form = GezinslidForm(request.POST)
    if form.is_valid():
        try:
            services.gezinslid_add(
                dossier=dossier, actor=request.user, data=services.GezinslidData(**form.cleaned_data)
            )
        except DomainError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
            form._style()
        else:
            return trigger_client_event(_render_detail_part(request, dossier, "gezin"), "timeline-changed")
    return _render_detail_part(request, dossier, "gezin", status=422, gezinslid_form=form)


@role_required(*DOSSIER_EDIT_ROLES)
@require_POST
def gezinslid_remove(request: AuthenticatedHttpRequest, pk: int, lid: int) -> HttpResponse:
    dossier = selectors.dossier_get_for_user(user=request.user, pk=pk)
    try:
        services.gezinslid_remove(dossier=dossier, actor=request.user, gezinslid_id=lid)
    except DomainError as error:
        return _render_detail_part(request, dossier, "gezin", status=422, gezin_error=error.message)
    return trigger_client_event(_render_detail_part(request, dossier, "gezin"), "timeline-changed")


@role_required(*DOSSIER_ROLES)
@require_GET
def timeline(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    dossier = selectors.dossier_get_for_user(user=request.user, pk=pk)
    services.dossier_view_record(actor=request.user, dossier=dossier, subject="dossier-tijdlijn")
    return _render_detail_part(request, dossier, "timeline")
