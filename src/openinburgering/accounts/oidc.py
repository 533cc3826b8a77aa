"""Optional OpenID Connect login. The identity provider proves who someone is; roles and scope
stay with the functioneel beheerder, so an unknown user is refused rather than created."""

from typing import Any

from django.conf import settings
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from .models import User


class ScopedOIDCBackend(OIDCAuthenticationBackend):  # type: ignore[misc]  # mozilla-django-oidc has no type hints
    def filter_users_by_claims(self, claims: dict[str, Any]) -> Any:
        email = claims.get("email")
        if not email:
            return self.UserModel.objects.none()
        return self.UserModel.objects.filter(email__iexact=email, is_active=True)

    def authenticate(self, request: Any, **kwargs: Any) -> User | None:
        user: User | None = super().authenticate(request, **kwargs)
        if user is not None and request is not None and settings.OIDC_COUNTS_AS_SECOND_FACTOR:
            request.session["oidc_verified"] = True
        return user
