"""Role checks for views. Scope (which gemeenten) is applied by the selectors; roles decide which pages."""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseBase

from openinburgering.accounts.types import AuthenticatedHttpRequest

View = Callable[..., HttpResponseBase]


def role_required(*roles: str) -> Callable[[View], View]:
    def decorator(view: View) -> View:
        @login_required
        @wraps(view)
        def wrapped(request: AuthenticatedHttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            # login_required runs first, so the user here is logged in.
            if not request.user.has_role(*roles):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def second_factor_exempt(user: Any) -> bool:
    """Whether this login needs no authenticator code: only a leerling's account, holding that role alone.

    A leerling sees nothing but their own lessons and presence (LeerlingOnlyMiddleware), so a second factor
    would protect little and keep many learners out; everyone who sees other people's data (staff, the
    aanbieder's coordinator, a docent) logs in with both factors. Lock-out (django-axes) applies to all.
    """
    return bool(getattr(user, "is_leerling_only", False))


def open_to_leerling(view: View) -> View:
    """Mark a view a leerling may open. LeerlingOnlyMiddleware answers 404 on every other view to a leerling,
    so a page added later is closed to learners until someone decides otherwise here."""
    view.open_to_leerling = True  # type: ignore[attr-defined]
    return view
