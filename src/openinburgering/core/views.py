from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET

from openinburgering.accounts.constants import DOSSIER_ROLES, Role

from .types import AuthenticatedHttpRequest


@login_required
@require_GET
def home(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Send each user to where their day starts."""
    user = request.user
    if user.has_role(*DOSSIER_ROLES):
        return redirect("dossiers:werkvoorraad")
    if user.has_role(Role.FUNCTIONEEL_BEHEERDER):
        return redirect("logboek:search")
    return render(request, "core/start.html")


@require_GET
def health(request: HttpRequest) -> HttpResponse:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "core/403.html", status=403)


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "core/404.html", status=404)
