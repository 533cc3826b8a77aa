from typing import TYPE_CHECKING, Any

from django.contrib import admin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from .labels import DuoOperatie, operatie_label
from .models import DuoBericht, Notificatie, NotificatieConflict, NotificatieWeigering

if TYPE_CHECKING:  # ModelAdmin is generic for type checkers only, not at runtime
    NotificatieModelAdmin = admin.ModelAdmin[Notificatie]
    NotificatieWeigeringModelAdmin = admin.ModelAdmin[NotificatieWeigering]
    NotificatieConflictModelAdmin = admin.ModelAdmin[NotificatieConflict]
    DuoBerichtModelAdmin = admin.ModelAdmin[DuoBericht]
else:
    NotificatieModelAdmin = NotificatieWeigeringModelAdmin = DuoBerichtModelAdmin = admin.ModelAdmin
    NotificatieConflictModelAdmin = admin.ModelAdmin


class ReadOnly:
    """What DUO sent, or what we refused, is a record: nobody adds, changes or deletes it here."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Notificatie)
class NotificatieAdmin(ReadOnly, NotificatieModelAdmin):
    list_display = ("received_at", "gebeurtenis_id", "status", "bsn", "registratie_datum_tijd", "bericht_id")
    list_filter = ("status", "gebeurtenis_id")
    search_fields = ("=bericht_id", "=bsn")
    date_hierarchy = "received_at"


@admin.register(NotificatieConflict)
class NotificatieConflictAdmin(ReadOnly, NotificatieConflictModelAdmin):
    list_display = ("at", "gebeurtenis_id", "doel", "verschillen", "notificatie")
    search_fields = ("=notificatie__bericht_id",)
    date_hierarchy = "at"
    raw_id_fields = ("notificatie",)


@admin.register(NotificatieWeigering)
class NotificatieWeigeringAdmin(ReadOnly, NotificatieWeigeringModelAdmin):
    list_display = ("at", "reden", "status_code", "toelichting", "bericht_id", "bron", "doel")
    list_filter = ("reden", "status_code")
    search_fields = ("=bericht_id",)
    date_hierarchy = "at"


class OperatieFilter(admin.SimpleListFilter):
    """The operation of a message, by its Dutch name."""

    title = _("operatie")
    parameter_name = "operatie"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        return [(str(value), str(label)) for value, label in DuoOperatie.choices]

    def queryset(self, request: HttpRequest, queryset: Any) -> Any:
        return queryset.filter(operatie=self.value()) if self.value() else queryset


@admin.register(DuoBericht)
class DuoBerichtAdmin(ReadOnly, DuoBerichtModelAdmin):
    """The outbox, to look into. Retrying or letting a message lapse belongs on the beheer page (services)."""

    list_display = (
        "created_at",
        "api",
        "operatie_naam",
        "status",
        "pogingen",
        "volgende_poging_op",
        "laatste_status_code",
        "bsn",
        "bericht_id",
    )
    list_filter = ("status", "api", OperatieFilter)
    search_fields = ("=bericht_id", "=bsn")
    date_hierarchy = "created_at"
    raw_id_fields = ("dossier", "gemeente")

    @admin.display(description=_("operatie"), ordering="operatie")
    def operatie_naam(self, bericht: DuoBericht) -> str:
        return operatie_label(bericht.operatie)
