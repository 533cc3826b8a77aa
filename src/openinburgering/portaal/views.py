"""The aanbiedersportaal's account pages: the school's coordinator (the aanbieder role) lists its docenten and
leerlingen, issues their accounts, gives a new start code and deactivates. Every account is read through
accounts.selectors.portaal_accounts_for_coordinator, so another school's account answers 404 as if it did not
exist; a start code is shown once, on the response that made it, and never again."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from openinburgering.accounts import services as account_services
from openinburgering.accounts.constants import Role
from openinburgering.accounts.models import User
from openinburgering.accounts.permissions import role_required
from openinburgering.accounts.selectors import portaal_account_get_for_coordinator, portaal_accounts_for_coordinator
from openinburgering.accounts.types import AuthenticatedHttpRequest
from openinburgering.core.exceptions import DomainError
from openinburgering.core.forms import form_error_list

from .forms import DocentForm, LeerlingForm


def _own_aanbieder(request: AuthenticatedHttpRequest) -> None:
    """A coordinator without an aanbieder has no school to manage: nothing here exists for them."""
    if request.user.aanbieder_id is None:
        raise Http404


def _startcode_page(request: AuthenticatedHttpRequest, account: User, code: str, *, new: bool) -> HttpResponse:
    context = {
        "account": account,
        "code": code,
        "new": new,
        "is_leerling": account.has_role(Role.LEERLING),
        "organisatie": request.user.aanbieder,
        "login_url": request.build_absolute_uri("/account/login/"),
    }
    response = render(request, "portaal/startcode.html", context)
    response["Cache-Control"] = "no-store"  # the code is shown once: not kept in any cache or history
    return response


@role_required(Role.AANBIEDER)
@require_http_methods(["GET"])
def accounts(request: AuthenticatedHttpRequest) -> HttpResponse:
    _own_aanbieder(request)
    users = list(portaal_accounts_for_coordinator(coordinator=request.user))
    context = {
        "organisatie": request.user.aanbieder,
        "docenten": [u for u in users if u.has_role(Role.DOCENT)],
        "leerlingen": [u for u in users if u.has_role(Role.LEERLING)],
    }
    return render(request, "portaal/accounts.html", context)


@role_required(Role.AANBIEDER)
@require_http_methods(["GET", "POST"])
def docent_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    _own_aanbieder(request)
    form = DocentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            account, code = account_services.docent_account_create(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return _startcode_page(request, account, code, new=True)
    context = {"form": form, "form_errors": form_error_list(form), "soort": Role.DOCENT}
    return render(request, "portaal/account_form.html", context, status=422 if form.errors else 200)


@role_required(Role.AANBIEDER)
@require_http_methods(["GET", "POST"])
def leerling_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    _own_aanbieder(request)
    form = LeerlingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        account, code = account_services.leerling_account_create(actor=request.user, **form.cleaned_data)
        return _startcode_page(request, account, code, new=True)
    context = {"form": form, "form_errors": form_error_list(form), "soort": Role.LEERLING}
    return render(request, "portaal/account_form.html", context, status=422 if form.errors else 200)


@role_required(Role.AANBIEDER)
@require_POST
def account_reset(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    account = portaal_account_get_for_coordinator(coordinator=request.user, pk=pk)
    try:
        code = account_services.account_startcode_reset(actor=request.user, account=account)
    except DomainError as error:
        messages.error(request, error.message)
        return redirect("portaal:accounts")
    return _startcode_page(request, account, code, new=False)


@role_required(Role.AANBIEDER)
@require_POST
def account_deactivate(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    account = portaal_account_get_for_coordinator(coordinator=request.user, pk=pk)
    if account_services.account_deactivate(actor=request.user, account=account):
        messages.success(request, _("Het account van %(naam)s is gedeactiveerd.") % {"naam": account})
    else:
        messages.info(request, _("Het account van %(naam)s was al gedeactiveerd.") % {"naam": account})
    return redirect("portaal:accounts")
