from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from openinburgering.accounts.constants import Role
from openinburgering.accounts.permissions import role_required
from openinburgering.accounts.types import AuthenticatedHttpRequest
from openinburgering.core.forms import form_error_list
from openinburgering.core.paging import page_for_request

from .constants import Action, Purpose
from .forms import LogboekSearchForm
from .selectors import verwerkingen_for_user
from .services import Subject, logboek_record_many


@role_required(Role.FUNCTIONEEL_BEHEERDER)
@require_GET
def search(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Search the processing log per person (AVG inzage) and per user (supervision)."""
    form = LogboekSearchForm(request.GET or None)
    page = None
    if form.is_bound and form.is_valid():
        queryset = verwerkingen_for_user(user=request.user, **form.cleaned_data)
        page = page_for_request(request, queryset, per_page=50)
        seen = {(row.inburgeraar_id, row.dossier_id) for row in page.object_list if row.inburgeraar_id}
        with transaction.atomic():
            logboek_record_many(
                actor=request.user,
                action=Action.SEARCH,
                purpose=Purpose.TOEZICHT,
                subject="logboek",
                subjects=[Subject(inburgeraar_id=p, dossier_id=d) for p, d in sorted(seen)],
            )
    context = {"form": form, "form_errors": form_error_list(form), "page": page}
    return render(request, "logboek/search.html", context)
