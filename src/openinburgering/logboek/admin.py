from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from .models import Verwerking


@admin.register(Verwerking)
class VerwerkingAdmin(admin.ModelAdmin):
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

    def get_queryset(self, request: HttpRequest) -> Any:
        return super().get_queryset(request).in_scope(request.user.scope)  # type: ignore[union-attr]
