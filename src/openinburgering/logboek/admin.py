from typing import TYPE_CHECKING, Any, cast

from django.contrib import admin
from django.http import HttpRequest

from openinburgering.core.types import authenticated_user

from .models import Verwerking, VerwerkingQuerySet

if TYPE_CHECKING:  # ModelAdmin is generic for type checkers only, not at runtime
    VerwerkingModelAdmin = admin.ModelAdmin[Verwerking]
else:
    VerwerkingModelAdmin = admin.ModelAdmin


@admin.register(Verwerking)
class VerwerkingAdmin(VerwerkingModelAdmin):
    """Read-only: nobody adds, changes or deletes a processing record."""

    list_display = (
        "at",
        "actor_label",
        "role",
        "action",
        "subject",
        "inburgeraar_id",
        "dossier_id",
        "purpose",
        "trace_id",
    )
    list_filter = ("action", "purpose", "role")
    search_fields = ("actor_label", "trace_id")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def get_queryset(self, request: HttpRequest) -> VerwerkingQuerySet:
        # The default manager is built from VerwerkingQuerySet, so the admin's queryset is one.
        queryset = cast(VerwerkingQuerySet, super().get_queryset(request))
        return queryset.in_scope(authenticated_user(request).scope)
