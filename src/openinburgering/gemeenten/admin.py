from typing import TYPE_CHECKING, cast

from django.contrib import admin
from django.http import HttpRequest

from openinburgering.core.types import authenticated_user

from .models import Gemeente, GemeenteQuerySet, Uitvoeringsorganisatie

if TYPE_CHECKING:  # ModelAdmin is generic for type checkers only, not at runtime
    UitvoeringsorganisatieModelAdmin = admin.ModelAdmin[Uitvoeringsorganisatie]
    GemeenteModelAdmin = admin.ModelAdmin[Gemeente]
else:
    UitvoeringsorganisatieModelAdmin = GemeenteModelAdmin = admin.ModelAdmin


@admin.register(Uitvoeringsorganisatie)
class UitvoeringsorganisatieAdmin(UitvoeringsorganisatieModelAdmin):
    list_display = ("naam", "oin", "is_openbaar_lichaam")


@admin.register(Gemeente)
class GemeenteAdmin(GemeenteModelAdmin):
    list_display = ("naam", "code", "oin", "iban", "pain_versie", "leefgeld_in_betaalrun")
    search_fields = ("naam", "code")

    def get_queryset(self, request: HttpRequest) -> GemeenteQuerySet:
        # The default manager is GemeenteQuerySet.as_manager(), so the admin's queryset is one.
        queryset = cast(GemeenteQuerySet, super().get_queryset(request))
        return queryset.in_scope(authenticated_user(request).scope)
