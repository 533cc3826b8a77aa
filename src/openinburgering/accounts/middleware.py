"""Two-factor enforcement: staff who logged in without their second factor get no further; the idle
timeout renewed without a session write on every request."""

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
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


# The session's "last renewed" time, in whole seconds since the epoch.
SESSION_RENEWED_KEY = "_renewed"


class SessionIdleMiddleware:
    """The idle timeout (SESSION_COOKIE_AGE after the last request) without writing the session on every
    request: the session is saved, and its expiry moved on, when it was last saved SESSION_RENEW_SECONDS or
    longer ago. A session therefore ends at most SESSION_RENEW_SECONDS *before* the full idle time has
    passed since the last request, never after it. Saving on every request (SESSION_SAVE_EVERY_REQUEST) cost
    an UPDATE and a commit on each page (bench/README.md, issue 11).

    Sits right after SessionMiddleware, whose response phase does the saving.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        session = request.session
        # An anonymous visitor's empty session is not created; a flushed one (logout) stays flushed.
        if session.modified or session.is_empty() or session.session_key is None:
            return response
        now = int(timezone.now().timestamp())
        if now - session.get(SESSION_RENEWED_KEY, 0) >= settings.SESSION_RENEW_SECONDS:
            session[SESSION_RENEWED_KEY] = now
        return response


def session_renewed_at_login(sender: object, request: HttpRequest | None, **kwargs: object) -> None:
    """The login saves the session with a fresh expiry: count that as its first renewal."""
    if request is not None and hasattr(request, "session"):
        request.session[SESSION_RENEWED_KEY] = int(timezone.now().timestamp())
