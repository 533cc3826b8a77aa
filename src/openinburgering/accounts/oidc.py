"""Optional OpenID Connect login. The identity provider proves who someone is; roles and scope
stay with the functioneel beheerder, so an unknown user is refused rather than created.

A user is matched on the e-mail claim only when the identity provider says it verified that address
(`email_verified`, OpenID Connect Core 1.0 §5.1): an address someone merely typed in at the provider
proves nothing, and matching on it would hand them the account of whoever holds that address here.
"""

from typing import Any

from django.conf import settings
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from .models import User


def email_is_verified(claims: dict[str, Any]) -> bool:
    """Whether the claims carry an e-mail address the provider verified. Some providers send the
    boolean as the string "true"; anything else (absent, false, "false", 1) is not verified."""
    verified = claims.get("email_verified")
    if isinstance(verified, str):
        verified = verified.strip().lower() == "true"
    return bool(claims.get("email")) and verified is True


class ScopedOIDCBackend(OIDCAuthenticationBackend):  # type: ignore[misc]  # mozilla-django-oidc has no type hints
    def verify_claims(self, claims: dict[str, Any]) -> bool:
        # False makes mozilla-django-oidc refuse the login before any user is looked up or created.
        return email_is_verified(claims)

    def filter_users_by_claims(self, claims: dict[str, Any]) -> Any:
        if not email_is_verified(claims):
            return self.UserModel.objects.none()
        # A system account (API token) never logs in as a person.
        return self.UserModel.objects.filter(email__iexact=claims["email"], is_active=True, is_system=False)

    def authenticate(self, request: Any, **kwargs: Any) -> User | None:
        user: User | None = super().authenticate(request, **kwargs)
        if user is not None and request is not None and settings.OIDC_COUNTS_AS_SECOND_FACTOR:
            request.session["oidc_verified"] = True
        return user
