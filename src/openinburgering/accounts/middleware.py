"""Two-factor enforcement: staff who logged in without their second factor get no further."""

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from two_factor.utils import default_device

# Paths a half-logged-in user may still reach: the login wizard, 2FA set-up, logout, static.
_EXEMPT_PREFIXES = ("/account/", "/static/", "/oidc/", "/health")


class RequireTwoFactorMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if (
            settings.TWO_FACTOR_REQUIRED
            and user is not None
            and user.is_authenticated
            and not user.is_verified()
            and not request.session.get("oidc_verified")
            and not request.path.startswith(_EXEMPT_PREFIXES)
            and not request.path.startswith("/api/")  # systems use tokens; see api_permissions.py
        ):
            # two_factor's login asks only for the token of the "default" device; a user with only
            # another device would be sent back to a login that never asks for it, forever.
            if default_device(user) is None:
                return redirect(reverse("two_factor:setup"))
            return redirect(f"{reverse('two_factor:login')}?{urlencode({'next': request.get_full_path()})}")
        return self.get_response(request)
