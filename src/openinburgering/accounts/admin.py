from typing import TYPE_CHECKING

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.db.models import Q, QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from openinburgering.core.types import authenticated_user

from .models import Team, User

if TYPE_CHECKING:  # the admin classes are generic for type checkers only, not at runtime
    UserModelAdmin = BaseUserAdmin[User]
    TeamModelAdmin = admin.ModelAdmin[Team]
else:
    UserModelAdmin = BaseUserAdmin
    TeamModelAdmin = admin.ModelAdmin


@admin.register(User)
class UserAdmin(UserModelAdmin):
    """Users, their roles (groups) and scope. A beheerder sees the users of their own gemeenten."""

    list_display = ("username", "first_name", "last_name", "email", "is_active", "team")
    list_filter = ("is_active", "groups", "gemeenten", "team")
    filter_horizontal = ("groups", "gemeenten")
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        (_("Persoon"), {"fields": ("first_name", "last_name", "email")}),
        (_("Rollen en scope"), {"fields": ("groups", "gemeenten", "aanbieder", "team")}),
        (_("Status"), {"fields": ("is_active", "is_staff", "last_login", "date_joined")}),
    )
    readonly_fields = ("last_login", "date_joined")

    def get_queryset(self, request: HttpRequest) -> QuerySet[User]:
        scope = authenticated_user(request).scope
        return (
            super()
            .get_queryset(request)
            .filter(Q(gemeenten__in=scope.gemeente_ids) | Q(gemeenten__isnull=True))
            .distinct()
        )


@admin.register(Team)
class TeamAdmin(TeamModelAdmin):
    list_display = ("naam",)
