"""Two-factor enforcement: staff who logged in without their second factor get no further; a start code
replaced by the user's own password before anything else; a leerling kept to the few pages meant for them;
the idle timeout renewed without a session write on every request."""

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from two_factor.utils import default_device

from .constants import Role
from .permissions import second_factor_exempt

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
            and not second_factor_exempt(user)
            and not request.path.startswith(_EXEMPT_PREFIXES)
            and not request.path.startswith("/api/")  # systems use tokens; see api_permissions.py
        ):
            # two_factor's login asks only for the token of the "default" device; a user with only
            # another device would be sent back to a login that never asks for it, forever.
            if default_device(user) is None:
                return redirect(reverse("two_factor:setup"))
            return redirect(f"{reverse('two_factor:login')}?{urlencode({'next': request.get_full_path()})}")
        return self.get_response(request)


# What a user whose password is still a start code may reach: the page to choose their own, and the way out.
_PASSWORD_CHOICE_EXEMPT = ("/static/", "/health")


class PasswordChoiceRequiredMiddleware:
    """A user logged in with a start code the school issued (User.must_change_password) chooses their own
    password first; until then every page leads to that choice. Sits before RequireTwoFactorMiddleware, so
    a new docent chooses a password first and then sets up the authenticator app."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and getattr(user, "must_change_password", False)
            and not request.path.startswith(_PASSWORD_CHOICE_EXEMPT)
            and request.path not in (reverse("accounts:password_choose"), reverse("accounts:logout"))
        ):
            return redirect("accounts:password_choose")
        return self.get_response(request)


# Views a leerling may open that are not ours to mark (the login itself) or need no login (the probe).
_LEERLING_URL_NAMES = frozenset({"two_factor:login", "health"})


class LeerlingOnlyMiddleware:
    """A leerling opens only the views marked `open_to_leerling` (their own lessons, their password, logout):
    every other URL of the product, pages, admin and API alike, answers 404 as if it did not exist. Applies to
    any account holding the leerling role, also if someone gave it another role besides."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view_func: Callable[..., Any], args: Any, kwargs: Any) -> None:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or not user.has_role(Role.LEERLING):
            return None
        match = request.resolver_match
        if getattr(view_func, "open_to_leerling", False) or (match and match.view_name in _LEERLING_URL_NAMES):
            return None
        raise Http404


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
