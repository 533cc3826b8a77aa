"""Where each role's day starts: the dispatcher behind LOGIN_REDIRECT_URL and the start pages of the roles
whose work does not begin in the werkvoorraad. Each page shows what the product holds for that role today,
in the user's scope, and says plainly what comes later."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET

from openinburgering.accounts.constants import Role
from openinburgering.accounts.permissions import open_to_leerling, role_required
from openinburgering.accounts.selectors import portaal_account_counts
from openinburgering.accounts.types import AuthenticatedHttpRequest
from openinburgering.inkoop.selectors import contract_signalen

from . import selectors
from .pages import start_pages_for


@open_to_leerling
@login_required
@require_GET
def home(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Send each user to the start page of their first role (pages.START_PAGES); without a role, say so."""
    pages = start_pages_for(request.user)
    if pages:
        return redirect(pages[0].url_name)
    return render(request, "start/geen_rol.html")


@role_required(Role.FUNCTIONEEL_BEHEERDER)
@require_GET
def beheer(request: AuthenticatedHttpRequest) -> HttpResponse:
    return render(request, "start/beheer.html", {"overzicht": selectors.beheer_overzicht(user=request.user)})


@role_required(Role.BELEIDSMEDEWERKER)
@require_GET
def beleid(request: AuthenticatedHttpRequest) -> HttpResponse:
    return render(request, "start/beleid.html", {"cijfers": selectors.cijfers(user=request.user)})


@role_required(Role.CONTRACTMANAGER)
@require_GET
def contractmanager(request: AuthenticatedHttpRequest) -> HttpResponse:
    """What waits: contracts ending soon, keurmerken expiring or expired, percelen near their budget ceiling; and
    the aanbieders register."""
    overzicht = selectors.aanbieders_overzicht(user=request.user)
    signalen = contract_signalen(user=request.user, today=timezone.localdate())
    return render(request, "start/contractmanager.html", {"overzicht": overzicht, "signalen": signalen})


@role_required(Role.AANBIEDER)
@require_GET
def aanbieder(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The aanbieder's own organisation as the register holds it; nothing of any inburgeraar."""
    organisatie = request.user.aanbieder if request.user.scope.is_aanbieder else None
    accounts = portaal_account_counts(coordinator=request.user) if organisatie else None
    return render(request, "start/aanbieder.html", {"organisatie": organisatie, "accounts": accounts})


@role_required(Role.DOCENT)
@require_GET
def docent(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The teacher's day: the lessons to run today (the lesson schedule comes with the portal's next part)."""
    organisatie = request.user.aanbieder if request.user.scope.is_aanbieder else None
    return render(request, "start/docent.html", {"organisatie": organisatie, "lessen": []})


@open_to_leerling
@role_required(Role.LEERLING)
@require_GET
def leerling(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The learner's only page: their own lessons, where they will confirm their presence (Blik op Werk 2.9.2)."""
    organisatie = request.user.aanbieder if request.user.scope.is_aanbieder else None
    return render(request, "start/leerling.html", {"organisatie": organisatie, "lessen": []})
