from typing import TYPE_CHECKING

from django.contrib import admin

from openinburgering.gemeenten.admin_mixins import RegionWideAdminMixin

from .models import GelijkgesteldeDag

if TYPE_CHECKING:  # ModelAdmin is generic for type checkers only, not at runtime
    GelijkgesteldeDagModelAdmin = admin.ModelAdmin[GelijkgesteldeDag]
else:
    GelijkgesteldeDagModelAdmin = admin.ModelAdmin


@admin.register(GelijkgesteldeDag)
class GelijkgesteldeDagAdmin(RegionWideAdminMixin, GelijkgesteldeDagModelAdmin):
    """The functioneel beheerder adds the days of a new decree; then run `termijnen_herberekenen`.
    They move every gemeente's deadlines, so only a beheerder of the whole region changes them."""

    list_display = ["datum", "besluit"]
    search_fields = ["besluit"]
    date_hierarchy = "datum"
