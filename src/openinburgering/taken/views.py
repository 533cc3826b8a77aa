"""The task list: what waits for the user in their roles and gemeenten, and closing a task with a note."""

import uuid

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from openinburgering.accounts.constants import AANBIEDER_ROLES, Role
from openinburgering.accounts.permissions import role_required
from openinburgering.accounts.types import AuthenticatedHttpRequest
from openinburgering.core.exceptions import DomainError
from openinburgering.core.paging import page_for_request
from openinburgering.logboek.constants import Action, Purpose
from openinburgering.logboek.services import Subject, logboek_record_many

from . import selectors, services
from .constants import TaakSoort, TaakStatus

STAFF_ROLES = [r for r in Role if r not in AANBIEDER_ROLES]


@role_required(*STAFF_ROLES)
@require_GET
def taken(request: AuthenticatedHttpRequest) -> HttpResponse:
    status = request.GET.get("status", TaakStatus.OPEN)
    soort = request.GET.get("soort", "")
    queryset = selectors.taken_for_user(user=request.user).select_related("gemeente", "dossier__inburgeraar")
    if status in TaakStatus.values:
        queryset = queryset.filter(status=status)
    if soort in TaakSoort.values:
        queryset = queryset.filter(soort=soort)
    page = page_for_request(request, queryset)
    logboek_record_many(
        actor=request.user,
        action=Action.LIST,
        purpose=Purpose.REGIE,
        subject="taken",
        subjects=[Subject(t.dossier.inburgeraar_id, t.dossier_id) for t in page.object_list if t.dossier],
    )
    return render(
        request,
        "taken/taken.html",
        {
            "page": page,
            "rows": page.object_list,
            "status": status,
            "soort": soort,
            "statussen": TaakStatus.choices,
            "soorten": TaakSoort.choices,
        },
    )


@role_required(*STAFF_ROLES)
@require_POST
def afhandelen(request: AuthenticatedHttpRequest, taak_uuid: uuid.UUID) -> HttpResponse:
    taak = selectors.taak_get_for_user(user=request.user, uuid_=taak_uuid)
    try:
        services.taak_resolve(taak=taak, actor=request.user, afhandeling=request.POST.get("afhandeling", ""))
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("De taak is afgehandeld."))
    return redirect("taken:taken")
