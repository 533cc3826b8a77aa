from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from openinburgering.accounts.constants import Role
from openinburgering.accounts.permissions import role_required
from openinburgering.accounts.types import AuthenticatedHttpRequest
from openinburgering.core.paging import page_for_request

from .selectors import aanbieders_for_user

# Who reads the aanbieder register: those who place inburgeraars, and those who keep the register.
AANBIEDER_REGISTER_ROLES: tuple[Role, ...] = (
    Role.KLANTREGISSEUR,
    Role.TEAMLEIDER,
    Role.CONTRACTMANAGER,
    Role.FUNCTIONEEL_BEHEERDER,
)


@role_required(*AANBIEDER_REGISTER_ROLES)
@require_GET
def aanbieders(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The aanbieder register, read-only; the functioneel beheerder maintains it in the admin."""
    page = page_for_request(request, aanbieders_for_user(user=request.user), per_page=50)
    # Each aanbieder's own page (with its contracts) is for the gemeente's staff, not an aanbieder's employee.
    link_details = not request.user.scope.is_aanbieder
    return render(request, "aanbod/aanbieders.html", {"page": page, "link_details": link_details})
