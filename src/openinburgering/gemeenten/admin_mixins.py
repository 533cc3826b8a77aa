"""Admin behaviour shared by the apps: data that belongs to the whole region (not to one gemeente)
is seen by every beheerder with the view right, but added, changed or deleted only by a beheerder
whose scope covers every gemeente (selectors.py): a beheerder of one gemeente does not decide for
the others."""

from typing import Any, cast

from django.http import HttpRequest

from .selectors import Beheerder, beheerder_covers_every_gemeente


def covers_region(request: HttpRequest) -> bool:
    # The admin only runs for a logged-in member of staff (accounts.User).
    return beheerder_covers_every_gemeente(cast(Beheerder, request.user))


class RegionWideAdminMixin:
    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        return super().has_add_permission(request, *args) and covers_region(request)  # type: ignore[misc]

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return super().has_change_permission(request, obj) and covers_region(request)  # type: ignore[misc]

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return super().has_delete_permission(request, obj) and covers_region(request)  # type: ignore[misc]
