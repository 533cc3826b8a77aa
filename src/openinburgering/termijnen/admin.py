from typing import TYPE_CHECKING

from django.contrib import admin

from .models import GelijkgesteldeDag

if TYPE_CHECKING:  # ModelAdmin is generic for type checkers only, not at runtime
    GelijkgesteldeDagModelAdmin = admin.ModelAdmin[GelijkgesteldeDag]
else:
    GelijkgesteldeDagModelAdmin = admin.ModelAdmin


@admin.register(GelijkgesteldeDag)
class GelijkgesteldeDagAdmin(GelijkgesteldeDagModelAdmin):
    """The functioneel beheerder adds the days of a new decree; then run `termijnen_herberekenen`."""

    list_display = ["datum", "besluit"]
    search_fields = ["besluit"]
    date_hierarchy = "datum"
