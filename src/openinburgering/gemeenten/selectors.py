"""Reads about the region's gemeenten that other apps ask (accounts, the admin of every app)."""

from typing import Protocol

from openinburgering.core.scope import Scope

from .models import Gemeente


class Beheerder(Protocol):
    """What these checks read of a user (accounts.User), without importing the app above this one."""

    @property
    def is_superuser(self) -> bool: ...

    @property
    def scope(self) -> Scope: ...


def beheerder_covers_every_gemeente(beheerder: Beheerder) -> bool:
    """Whether this beheerder answers for the whole region: a superuser, or a scope of every gemeente."""
    if beheerder.is_superuser:
        return True
    scope = beheerder.scope
    if scope.is_aanbieder or not scope.gemeente_ids:
        return False
    return not Gemeente.objects.exclude(pk__in=scope.gemeente_ids).exists()
