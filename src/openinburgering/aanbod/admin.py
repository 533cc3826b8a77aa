from typing import TYPE_CHECKING

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from openinburgering.gemeenten.admin_mixins import RegionWideAdminMixin

from .models import Aanbieder

if TYPE_CHECKING:  # ModelAdmin is generic for type checkers only, not at runtime
    AanbiederModelAdmin = admin.ModelAdmin[Aanbieder]
else:
    AanbiederModelAdmin = admin.ModelAdmin


@admin.register(Aanbieder)
class AanbiederAdmin(RegionWideAdminMixin, AanbiederModelAdmin):
    """The aanbieders register serves every gemeente: changed by a beheerder of the whole region."""

    list_display = (
        "naam",
        "instellingsnummer",
        "plaatsnaam",
        "heeft_bow_keurmerk",
        "bow_keurmerk_geldig_tot",
        "is_taalschakelinstelling",
        "actief",
    )
    list_filter = ("actief", "heeft_bow_keurmerk", "is_taalschakelinstelling", "plaatsnaam")
    search_fields = ("naam", "instellingsnummer", "plaatsnaam", "bow_registratienummer", "brin")
    fieldsets = (
        (None, {"fields": ("naam", "instellingsnummer", "actief")}),
        (_("Adres (zoals DUO het kent)"), {"fields": ("postcode", "huisnummer", "huisnummertoevoeging", "plaatsnaam")}),
        (
            _("Keurmerk en erkenning"),
            {
                "fields": (
                    "heeft_bow_keurmerk",
                    "bow_keurmerk_geldig_tot",
                    "bow_registratienummer",
                    "is_taalschakelinstelling",
                    "brin",
                )
            },
        ),
    )
