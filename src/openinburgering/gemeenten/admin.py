from typing import TYPE_CHECKING, cast

from django.contrib import admin
from django.core.exceptions import ObjectDoesNotExist
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

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
    list_display = ("naam", "code", "oin", "iban", "pain_versie", "leefgeld_in_betaalrun", "briefgegevens")
    search_fields = ("naam", "code")

    @admin.display(description=_("briefgegevens (briefsjabloon)"))
    def briefgegevens(self, gemeente: Gemeente) -> str:
        """Whether letters can be sent: the letter template's address, phone, e-mail and bezwaar address."""
        try:
            letter_template = gemeente.letter_template  # the reverse one-to-one of letters.LetterTemplate
        except ObjectDoesNotExist:
            return str(_("Geen briefsjabloon: er kunnen geen brieven worden gemaakt"))
        missing: list[str] = letter_template.missing_for_letters()
        if missing:
            return str(_("Ontbreekt: %(wat)s") % {"wat": ", ".join(missing)})
        return str(_("Compleet"))

    def get_queryset(self, request: HttpRequest) -> GemeenteQuerySet:
        # The default manager is GemeenteQuerySet.as_manager(), so the admin's queryset is one.
        queryset = cast(GemeenteQuerySet, super().get_queryset(request).select_related("letter_template"))
        return queryset.in_scope(authenticated_user(request).scope)
