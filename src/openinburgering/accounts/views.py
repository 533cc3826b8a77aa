from django.contrib.auth import logout, update_session_auth_hash
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import SetPasswordForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from openinburgering.accounts.permissions import open_to_leerling
from openinburgering.accounts.types import AuthenticatedHttpRequest
from openinburgering.core.forms import form_error_list

from .services import account_password_choose


@open_to_leerling
@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    logout(request)
    return redirect("two_factor:login")


@open_to_leerling
@login_required
@require_http_methods(["GET", "POST"])
def password_choose(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The first page after logging in with a start code: choose your own password (the password rules of
    AUTH_PASSWORD_VALIDATORS apply). Without a start code to replace, there is nothing to do here."""
    if not request.user.must_change_password:
        return redirect("home")
    form = SetPasswordForm(request.user, request.POST or None)
    form.fields["new_password1"].label = _("Uw nieuwe wachtwoord")
    form.fields["new_password2"].label = _("Typ het nieuwe wachtwoord nog een keer")
    for field in form.fields.values():
        field.widget.attrs["class"] = "utrecht-textbox utrecht-textbox--html-input"
    if request.method == "POST" and form.is_valid():
        account_password_choose(user=request.user, password=form.cleaned_data["new_password1"])
        update_session_auth_hash(request, request.user)  # stay logged in with the new password
        return redirect("home")
    response = render(request, "accounts/password_choose.html", {"form": form, "form_errors": form_error_list(form)})
    response["Cache-Control"] = "no-store"
    return response
