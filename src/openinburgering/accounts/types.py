"""Request types for code that only runs for a logged-in user.

`HttpRequest.user` is `User | AnonymousUser`. Behind `login_required` / `role_required` (and in
the admin, and in API views behind an authenticated permission) the user is always a `User`;
annotating the request with these classes says so once instead of narrowing at every use
(the approach django-stubs documents). They are annotations only: nothing is checked at runtime.
"""

from typing import TYPE_CHECKING, cast

from django.http import HttpRequest
from django_htmx.middleware import HtmxDetails
from rest_framework.request import Request

if TYPE_CHECKING:
    from openinburgering.accounts.models import User


class AuthenticatedHttpRequest(HttpRequest):
    """A request to a view behind `login_required` or `role_required`.

    `htmx` is set on every request by django-htmx's HtmxMiddleware.
    """

    user: "User"
    htmx: HtmxDetails


class AuthenticatedRequest(Request):
    """A DRF request to a view whose permission classes require an authenticated user."""

    user: "User"


def authenticated_user(request: HttpRequest | Request) -> "User":
    """`request.user` where the signature is fixed by Django or DRF (admin hooks, permission classes)
    but the code only runs once the user is known to be logged in."""
    return cast("User", request.user)
