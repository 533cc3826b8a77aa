"""The dossier's voortgang page: the results MAP, PVT and Z-route, recorded and reported to DUO, with the
messages DUO got about them (a composition of voortgang and duo)."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from openinburgering.accounts.constants import DOSSIER_EDIT_ROLES, DOSSIER_ROLES
from openinburgering.accounts.permissions import role_required
from openinburgering.accounts.types import AuthenticatedHttpRequest
from openinburgering.core.exceptions import DomainError
from openinburgering.core.forms import form_error_list
from openinburgering.dossiers.models import Dossier
from openinburgering.dossiers.selectors import dossier_get_for_user
from openinburgering.duo.selectors import resultaten_berichten
from openinburgering.logboek.constants import Action, Purpose
from openinburgering.logboek.services import logboek_record
from openinburgering.voortgang import selectors, services
from openinburgering.voortgang.forms import ResultatenForm

OPERATIE_LABELS = {
    "put_map": gettext_lazy("Datum eindgesprek MAP"),
    "put_pvt": gettext_lazy("Datum ondertekening PVT"),
    "put_zroute": gettext_lazy("Datum afronding Z-route"),
}


def _context(request: AuthenticatedHttpRequest, dossier: Dossier, form: ResultatenForm | None) -> dict[str, Any]:
    resultaten = services.resultaten_for(dossier)
    pip = selectors.pip_current(dossier=dossier)
    can_edit = request.user.has_role(*DOSSIER_EDIT_ROLES) and dossier.is_open
    if form is None and can_edit:
        form = ResultatenForm(
            initial={"versie": resultaten.versie, **{f: getattr(resultaten, f) for f in services.RESULTATEN_FIELDS}}
        )
    return {
        "dossier": dossier,
        "resultaten": resultaten,
        "pip": pip,
        "termijn": services.termijn_of(dossier, pip),
        "form": form,
        "can_edit": can_edit,
        "berichten": [(b, OPERATIE_LABELS.get(b.operatie, b.operatie)) for b in resultaten_berichten(dossier=dossier)],
        "errors": [],
    }


@role_required(*DOSSIER_ROLES)
@require_http_methods(["GET", "POST"])
def detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    dossier = dossier_get_for_user(user=request.user, pk=pk)
    if request.method == "GET":
        logboek_record(
            actor=request.user,
            action=Action.VIEW,
            purpose=Purpose.REGIE,
            subject="voortgang",
            inburgeraar_id=dossier.inburgeraar_id,
            dossier_id=dossier.pk,
        )
        return render(request, "werkplek/voortgang.html", _context(request, dossier, None))
    if not request.user.has_role(*DOSSIER_EDIT_ROLES):
        raise PermissionDenied
    form = ResultatenForm(request.POST)
    if not form.is_valid():
        context = _context(request, dossier, form)
        context["errors"] = form_error_list(form)
        return render(request, "werkplek/voortgang.html", context, status=422)
    data = form.cleaned_data
    try:
        services.resultaten_update(
            dossier=dossier,
            actor=request.user,
            versie=data["versie"],
            map_datum=data["map_datum"],
            map_verwijtbaar=data["map_verwijtbaar"],
            pvt_datum=data["pvt_datum"],
            pvt_verwijtbaar=data["pvt_verwijtbaar"],
            zroute_datum=data["zroute_datum"],
        )
    except DomainError as error:
        problems = error.problems if isinstance(error, services.DuoRefused) else [error]
        errors = []
        for problem in problems:
            field = problem.field if problem.field in form.fields else None
            form.add_error(field, problem.message)
            errors.append((form[field].id_for_label if field else "", "", problem.message))
        form._style()
        context = _context(request, dossier, form)
        context["errors"] = errors
        return render(request, "werkplek/voortgang.html", context, status=422)
    messages.success(request, _("De resultaten zijn opgeslagen en worden aan DUO doorgegeven."))
    return redirect("voortgang:detail", pk=dossier.pk)
