"""Pages for the net benefits: the list per month, one entered or corrected by hand, and a file import."""

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods

from openinburgering.accounts.permissions import role_required
from openinburgering.accounts.types import AuthenticatedHttpRequest
from openinburgering.core.exceptions import DomainError
from openinburgering.core.paging import page_for_request
from openinburgering.core.views import form_submit
from openinburgering.dossiers.models import Dossier
from openinburgering.dossiers.selectors import dossier_get_for_user
from openinburgering.gemeenten.models import Gemeente
from openinburgering.logboek.constants import Action, Purpose
from openinburgering.logboek.services import Subject, logboek_record, logboek_record_many
from openinburgering.ontzorgen.constants import ONTZORGEN_EDIT_ROLES
from openinburgering.ontzorgen.exceptions import errors_of

from .csv_import import (
    KOLOMMEN,
    MAX_BESTAND_BYTES,
    MAX_PROBLEMEN,
    UITKERING_MAAND_VENSTER,
    RowProblem,
    bedrag_nl,
    maand_parse,
)
from .exceptions import UitkeringenRefused
from .forms import Bestand, UitkeringenImportForm, UitkeringForm, not_imported_message
from .models import Uitkering, UitkeringImport
from .selectors import UitkeringFilter, uitkering_dossier_for_bsn, uitkering_for, uitkeringen_filtered
from .services import UitkeringenResult, uitkering_set, uitkeringen_import


def _as_id(value: str) -> int | None:
    return int(value) if value.isascii() and value.isdigit() and len(value) <= 18 else None


@role_required(*ONTZORGEN_EDIT_ROLES)
@require_GET
def uitkeringen_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The benefits in scope, newest month first; filter on month and gemeente, search on BSN or name."""
    filters = UitkeringFilter.from_query(request.GET.dict(), user=request.user)
    page = page_for_request(request, uitkeringen_filtered(user=request.user, filters=filters), keys_first=True)
    rows = list(page.object_list)
    logboek_record_many(
        actor=request.user,
        action=Action.SEARCH if filters.q else Action.LIST,
        purpose=Purpose.ONTZORGEN,
        subject="uitkeringen",
        subjects=[Subject(inburgeraar_id=u.dossier.inburgeraar_id, dossier_id=u.dossier_id) for u in rows],
    )
    context = {
        "filters": filters,
        "gemeenten": Gemeente.objects.in_scope(request.user.scope),
        "page": page,
        "rows": rows,
    }
    partial = request.htmx and request.htmx.target == "results"
    template = "uitkeringen/list.html#results" if partial else "uitkeringen/list.html"
    return render(request, template, context)


def _preselected_dossier(request: AuthenticatedHttpRequest) -> Dossier | None:
    raw = (request.POST if request.method == "POST" else request.GET).get("dossier", "")
    if not raw:
        return None
    pk = _as_id(raw)
    if pk is None:
        raise Http404("Dossier niet gevonden")
    return dossier_get_for_user(user=request.user, pk=pk)  # 404 outside the scope


def _form_page(
    request: AuthenticatedHttpRequest, form: UitkeringForm, dossier: Dossier | None, *, status: int = 200
) -> HttpResponse:
    return render(
        request,
        "uitkeringen/form.html",
        {"form": form, "dossier": dossier, "venster": UITKERING_MAAND_VENSTER},
        status=status,
    )


@dataclass(frozen=True)
class _Stored:
    dossier: Dossier
    earlier: Uitkering | None  # what the month held before, if anything
    uitkering: Uitkering


def _stored_message(stored: _Stored) -> str:
    values = {
        "naam": stored.dossier.inburgeraar.naam,
        "maand": f"{stored.uitkering.maand:%Y-%m}",
        "oud": bedrag_nl(stored.earlier.bedrag) if stored.earlier else "",
        "nieuw": bedrag_nl(stored.uitkering.bedrag),
    }
    if stored.earlier is None:
        text = _("De uitkering van %(naam)s voor %(maand)s is vastgelegd: € %(nieuw)s.")
    elif stored.earlier.bedrag == stored.uitkering.bedrag:
        text = _("De uitkering van %(naam)s voor %(maand)s was al € %(nieuw)s; er is niets gewijzigd.")
    else:
        text = _("De uitkering van %(naam)s voor %(maand)s is gecorrigeerd: € %(oud)s → € %(nieuw)s.")
    return text % values


@role_required(*ONTZORGEN_EDIT_ROLES)
@require_http_methods(["GET", "POST"])
def uitkering_edit(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Enter or correct one benefit: by BSN, or for the dossier it was opened from (?dossier=<pk>)."""
    dossier = _preselected_dossier(request)
    if request.method != "POST":
        return _uitkering_edit_page(request, dossier)
    form = UitkeringForm(request.POST, with_bsn=dossier is None)

    def store(data: dict[str, Any]) -> _Stored:
        target = dossier or uitkering_dossier_for_bsn(user=request.user, bsn=data["bsn"])
        earlier = uitkering_for(dossier=target, maand=data["maand"])
        uitkering = uitkering_set(dossier=target, maand=data["maand"], bedrag=data["bedrag"], actor=request.user)
        return _Stored(dossier=target, earlier=earlier, uitkering=uitkering)

    def done(stored: _Stored) -> HttpResponse:
        messages.success(request, _stored_message(stored))
        query = urlencode({"maand": f"{stored.uitkering.maand:%Y-%m}", "q": stored.dossier.inburgeraar.bsn})
        return redirect(f"{reverse('uitkeringen:list')}?{query}")

    def refused(error: DomainError | None) -> HttpResponse:
        for problem in errors_of(error) if error is not None else []:
            form.add_domain_error(problem.field, problem.message)
        return _form_page(request, form, dossier, status=422)

    return form_submit(form, store, done=done, refused=refused)


def _uitkering_edit_page(request: AuthenticatedHttpRequest, dossier: Dossier | None) -> HttpResponse:
    """The empty form; opened from a dossier with ?maand=jjjj-mm, it holds that month's amount."""
    initial: dict[str, str] = {}
    try:
        maand = maand_parse(request.GET.get("maand", ""))
    except ValueError:
        maand = None
    if maand is not None:
        initial["maand"] = f"{maand:%Y-%m}"
        current = uitkering_for(dossier=dossier, maand=maand) if dossier is not None else None
        if current is not None:
            initial["bedrag"] = bedrag_nl(current.bedrag)
    form = UitkeringForm(initial=initial, with_bsn=dossier is None)
    if dossier is not None:
        logboek_record(
            actor=request.user,
            action=Action.VIEW,
            purpose=Purpose.ONTZORGEN,
            subject="uitkering-invoer",
            inburgeraar_id=dossier.inburgeraar_id,
            dossier_id=dossier.pk,
        )
    return _form_page(request, form, dossier)


def _import_page(
    request: AuthenticatedHttpRequest,
    form: UitkeringenImportForm,
    *,
    problems: list[RowProblem] | None = None,
    problem_count: int = 0,
    status: int = 200,
) -> HttpResponse:
    problems = problems or []
    return render(
        request,
        "uitkeringen/import.html",
        {
            "form": form,
            "problems": problems,
            "problem_count": problem_count,
            "problems_cut": problem_count > len(problems),
            "kolommen": ";".join(KOLOMMEN),
            "max_mb": MAX_BESTAND_BYTES // (1024 * 1024),
            "venster": UITKERING_MAAND_VENSTER,
            "imports": UitkeringImport.objects.filter(created_by=request.user)[:10],
        },
        status=status,
    )


@role_required(*ONTZORGEN_EDIT_ROLES)
@require_http_methods(["GET", "POST"])
def uitkeringen_import_page(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Upload a file of benefits: all rows are stored, or none and every problem is listed."""
    if request.method != "POST":
        return _import_page(request, UitkeringenImportForm())
    form = UitkeringenImportForm(request.POST, request.FILES)

    def store(data: dict[str, Any]) -> UitkeringenResult:
        bestand: Bestand = data["bestand"]
        return uitkeringen_import(
            rows=bestand.rows, bestandsnaam=bestand.naam, content_sha256=bestand.sha256, actor=request.user
        )

    def done(result: UitkeringenResult) -> HttpResponse:
        summary = ngettext(
            "%(n)s uitkering ingelezen (%(m)s gewijzigd).",
            "%(n)s uitkeringen ingelezen (%(m)s gewijzigd).",
            result.aantal,
        ) % {"n": result.aantal, "m": result.gewijzigd}
        if result.ongewijzigd:
            summary += " " + _("%(k)s stonden er al met hetzelfde bedrag.") % {"k": result.ongewijzigd}
        messages.success(request, summary)
        return redirect("uitkeringen:import")

    def refused(error: DomainError | None) -> HttpResponse:
        problems, problem_count = form.problems, form.problem_count  # the file's own problems, if any
        if isinstance(error, UitkeringenRefused):
            problems, problem_count = error.problems[:MAX_PROBLEMEN], len(error.problems)
            form.add_error("bestand", not_imported_message(problem_count))
        elif error is not None:
            form.add_error("bestand", error.message)
        return _import_page(request, form, problems=problems, problem_count=problem_count, status=422)

    return form_submit(form, store, done=done, refused=refused)
