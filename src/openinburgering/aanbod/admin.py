from typing import TYPE_CHECKING

from django.contrib import admin

from .models import Aanbieder

if TYPE_CHECKING:  # ModelAdmin is generic for type checkers only, not at runtime
    AanbiederModelAdmin = admin.ModelAdmin[Aanbieder]
else:
    AanbiederModelAdmin = admin.ModelAdmin


@admin.register(Aanbieder)
class AanbiederAdmin(AanbiederModelAdmin):
    list_display = ("naam", "instellingsnummer")
    search_fields = ("naam", "instellingsnummer")
