from django.contrib import admin

from .models import Aanbieder


@admin.register(Aanbieder)
class AanbiederAdmin(admin.ModelAdmin):
    list_display = ("naam", "instellingsnummer")
    search_fields = ("naam", "instellingsnummer")
