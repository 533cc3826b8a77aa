from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from .models import Gemeente, Uitvoeringsorganisatie


@admin.register(Uitvoeringsorganisatie)
class UitvoeringsorganisatieAdmin(admin.ModelAdmin):
    list_display = ("naam", "oin", "is_openbaar_lichaam")


@admin.register(Gemeente)
class GemeenteAdmin(admin.ModelAdmin):
    list_display = ("naam", "code", "oin", "iban")
    search_fields = ("naam", "code")

    def get_queryset(self, request: HttpRequest) -> Any:
        return super().get_queryset(request).in_scope(request.user.scope)  # type: ignore[union-attr]
