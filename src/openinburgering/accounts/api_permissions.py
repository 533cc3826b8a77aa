from typing import Any

from django.conf import settings
from rest_framework.permissions import BasePermission
from rest_framework.request import Request

from openinburgering.accounts.constants import DOSSIER_EDIT_ROLES, DOSSIER_ROLES
from openinburgering.accounts.types import authenticated_user


class IsStaffUser(BasePermission):
    """An authenticated person or system. A person using the session must have passed two-factor."""

    def has_permission(self, request: Request, view: Any) -> bool:
        user = request.user
        if not (user and user.is_authenticated and user.is_active):
            return False
        if request.auth is None and getattr(user, "is_system", False):
            return False  # a system account uses its token, never a session
        if request.auth is None and settings.TWO_FACTOR_REQUIRED:  # session, not a token
            # is_verified() is put on the user by django_otp's OTPMiddleware.
            return bool(user.is_verified() or request.session.get("oidc_verified"))  # type: ignore[attr-defined]
        return True


class HasDossierRole(IsStaffUser):
    roles: tuple[str, ...] = DOSSIER_ROLES

    def has_permission(self, request: Request, view: Any) -> bool:
        # super() has checked that the user is logged in.
        return super().has_permission(request, view) and authenticated_user(request).has_role(*self.roles)


class CanRegister(HasDossierRole):
    roles = DOSSIER_EDIT_ROLES
