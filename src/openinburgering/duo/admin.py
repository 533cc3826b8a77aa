from typing import TYPE_CHECKING, Any

from django.contrib import admin
from django.http import HttpRequest

from .models import Notificatie, NotificatieWeigering

if TYPE_CHECKING:  # ModelAdmin is generic for type checkers only, not at runtime
    NotificatieModelAdmin = admin.ModelAdmin[Notificatie]
    NotificatieWeigeringModelAdmin = admin.ModelAdmin[NotificatieWeigering]
else:
    NotificatieModelAdmin = NotificatieWeigeringModelAdmin = admin.ModelAdmin


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


@admin.register(NotificatieWeigering)
class NotificatieWeigeringAdmin(ReadOnly, NotificatieWeigeringModelAdmin):
    list_display = ("at", "reden", "status_code", "toelichting", "bericht_id", "bron", "doel")
    list_filter = ("reden", "status_code")
    search_fields = ("=bericht_id",)
    date_hierarchy = "at"
