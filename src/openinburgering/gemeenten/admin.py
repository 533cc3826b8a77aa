from typing import TYPE_CHECKING, Any, cast

from django.contrib import admin
from django.core.exceptions import ObjectDoesNotExist
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from .admin_mixins import RegionWideAdminMixin, covers_region
from .models import Gemeente, GemeenteQuerySet, Uitvoeringsorganisatie
from .selectors import Beheerder

if TYPE_CHECKING:  # ModelAdmin is generic for type checkers only, not at runtime
    UitvoeringsorganisatieModelAdmin = admin.ModelAdmin[Uitvoeringsorganisatie]
    GemeenteModelAdmin = admin.ModelAdmin[Gemeente]
else:
    UitvoeringsorganisatieModelAdmin = GemeenteModelAdmin = admin.ModelAdmin


@admin.register(Uitvoeringsorganisatie)
class UitvoeringsorganisatieAdmin(RegionWideAdminMixin, UitvoeringsorganisatieModelAdmin):
    """Seen by the beheerders of its gemeenten; changed by a beheerder of the whole region."""

    list_display = ("naam", "oin", "is_openbaar_lichaam")

    def get_queryset(self, request: HttpRequest) -> QuerySet[Uitvoeringsorganisatie]:
        scope = cast(Beheerder, request.user).scope  # the admin runs for a logged-in accounts.User
        queryset = super().get_queryset(request)
        if covers_region(request):
            return queryset
        return queryset.filter(gemeenten__in=scope.gemeente_ids).distinct()


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
        beheerder = cast(Beheerder, request.user)  # the admin runs for a logged-in accounts.User
        if beheerder.is_superuser:
            return queryset
        return queryset.in_scope(beheerder.scope)

    def has_add_permission(self, request: HttpRequest) -> bool:
        # A new gemeente joins the region: a decision of a beheerder of the whole region.
        return super().has_add_permission(request) and covers_region(request)

    def get_readonly_fields(self, request: HttpRequest, obj: Gemeente | None = None) -> Any:
        readonly = tuple(super().get_readonly_fields(request, obj))
        return readonly if covers_region(request) else (*readonly, "uitvoeringsorganisatie")
