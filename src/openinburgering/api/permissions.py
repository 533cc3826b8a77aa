from typing import Any

from django.conf import settings
from rest_framework.permissions import BasePermission
from rest_framework.request import Request

from openinburgering.accounts.constants import Role


class IsStaffUser(BasePermission):
    """An authenticated person or system. A person using the session must have passed two-factor."""

    def has_permission(self, request: Request, view: Any) -> bool:
        user = request.user
        if not (user and user.is_authenticated and user.is_active):
            return False
        if request.auth is None and settings.TWO_FACTOR_REQUIRED:  # session, not a token
            return bool(user.is_verified() or request.session.get("oidc_verified"))  # type: ignore[union-attr]
        return True


class HasDossierRole(IsStaffUser):
    roles: tuple[str, ...] = (Role.KLANTREGISSEUR, Role.TEAMLEIDER, Role.FINANCIEEL_MEDEWERKER)

    def has_permission(self, request: Request, view: Any) -> bool:
        return super().has_permission(request, view) and request.user.has_role(*self.roles)  # type: ignore[union-attr]


class CanRegister(HasDossierRole):
    roles = (Role.KLANTREGISSEUR, Role.TEAMLEIDER)
