"""API tokens: made for a system account, stored as a digest, checked on every API request."""

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from rest_framework import authentication, exceptions
from rest_framework.request import Request

from .models import ApiToken, User

KEY_PREFIX = "oi_"
# How long a token's last use may be out of date: no write on every API request.
LAST_USED_RESOLUTION = timedelta(minutes=5)


def token_digest(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


@transaction.atomic
def api_token_create(*, user: User, description: str, actor: User | None) -> tuple[ApiToken, str]:
    """Make a token for a system account. Returns the token and its key; the key is not kept."""
    if not user.is_system:
        raise ValidationError(
            {
                "user": _("Alleen een systeemaccount kan een API-token krijgen; %(user)s is een persoon.")
                % {"user": user}
            }
        )
    if not user.is_active:
        raise ValidationError({"user": _("%(user)s is niet actief.") % {"user": user}})
    key = KEY_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user,
        description=description,
        prefix=key[: len(KEY_PREFIX) + 6],
        digest=token_digest(key),
        created_by=actor,
        expires_at=timezone.now() + timedelta(days=settings.API_TOKEN_DAYS),
    )
    return token, key


def api_token_revoke(*, token: ApiToken, actor: User) -> bool:
    """Revoke a token at once. False if it was revoked already."""
    now = timezone.now()
    return bool(ApiToken.objects.filter(pk=token.pk, revoked_at__isnull=True).update(revoked_at=now, revoked_by=actor))


def api_token_user(key: str) -> tuple[User, ApiToken] | None:
    """The system account a key belongs to, if the token is valid now; None otherwise."""
    now = timezone.now()
    token = (
        ApiToken.objects.select_related("user")
        .filter(digest=token_digest(key), revoked_at__isnull=True, expires_at__gt=now)
        .first()
    )
    if token is None or not token.user.is_active or not token.user.is_system:
        return None
    if token.last_used_at is None or token.last_used_at < now - LAST_USED_RESOLUTION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user, token


class ApiTokenAuthentication(authentication.BaseAuthentication):
    """`Authorization: Token <key>` for system accounts. A token is the system's only factor: a
    system account has no password login and no OIDC, so there is no second factor to skip."""

    keyword = "Token"

    def authenticate(self, request: Request) -> tuple[User, ApiToken] | None:
        parts = authentication.get_authorization_header(request).split()
        if not parts or parts[0].lower() != self.keyword.lower().encode():
            return None
        if len(parts) != 2:
            raise exceptions.AuthenticationFailed(_("Ongeldige Authorization-header: verwacht 'Token <sleutel>'."))
        try:
            key = parts[1].decode()
        except UnicodeError:
            raise exceptions.AuthenticationFailed(_("Ongeldig token.")) from None
        found = api_token_user(key)
        if found is None:
            raise exceptions.AuthenticationFailed(_("Ongeldig, verlopen of ingetrokken token."))
        return found

    def authenticate_header(self, request: Request) -> str:
        return self.keyword
