from typing import TYPE_CHECKING, Any, cast

from django.contrib import admin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from openinburgering.accounts.constants import Role
from openinburgering.accounts.labels import OTHER_ROLE_LABELS, role_label
from openinburgering.accounts.types import authenticated_user

from .labels import subject_label
from .models import Verwerking, VerwerkingQuerySet

if TYPE_CHECKING:  # ModelAdmin is generic for type checkers only, not at runtime
    VerwerkingModelAdmin = admin.ModelAdmin[Verwerking]
else:
    VerwerkingModelAdmin = admin.ModelAdmin


class RolFilter(admin.SimpleListFilter):
    """The recorded role, by its Dutch name."""

    title = _("rol")
    parameter_name = "role"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        return [(code, role_label(code)) for code in [*Role.values, *OTHER_ROLE_LABELS]]

    def queryset(self, request: HttpRequest, queryset: Any) -> Any:
        return queryset.filter(role=self.value()) if self.value() else queryset


@admin.register(Verwerking)
class VerwerkingAdmin(VerwerkingModelAdmin):
    """Read-only: nobody adds, changes or deletes a processing record."""

    list_display = (
        "at",
        "actor_label",
        "rol",
        "action",
        "onderwerp",
        "inburgeraar_id",
        "dossier_id",
        "purpose",
        "trace_id",
    )
    list_filter = ("action", "purpose", RolFilter)
    search_fields = ("actor_label", "trace_id")

    @admin.display(description=_("rol"), ordering="role")
    def rol(self, verwerking: Verwerking) -> str:
        return role_label(verwerking.role)

    @admin.display(description=_("onderwerp"))
    def onderwerp(self, verwerking: Verwerking) -> str:
        return subject_label(verwerking.subject)

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
