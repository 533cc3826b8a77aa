from typing import TYPE_CHECKING, Any

from django.contrib import admin, messages
from django.db.models import ForeignKey, QuerySet
from django.forms import ModelChoiceField
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext_lazy as _

from openinburgering.accounts.types import authenticated_user
from openinburgering.gemeenten.models import Gemeente

from .models import LetterTemplate, LetterTemplateIncomplete

if TYPE_CHECKING:  # ModelAdmin is generic for type checkers only, not at runtime
    LetterTemplateModelAdmin = admin.ModelAdmin[LetterTemplate]
else:
    LetterTemplateModelAdmin = admin.ModelAdmin

SAMPLE_TEMPLATE = "letters/voorbeeldbrief.html"


def sample_letter_context(letter_template: LetterTemplate) -> dict[str, object]:
    """A letter to an invented person, to see how the template looks."""
    return {
        "letter_template": letter_template,
        "addressee_name": "A. Voorbeeld",
        "addressee_lines": ["Voorstraat 1", "3311 AA  DORDRECHT"],
        "datum": timezone.localdate(),
        "kenmerk": "D-0000000",
        "onderwerp": _("Voorbeeldbrief"),
    }


@admin.register(LetterTemplate)
class LetterTemplateAdmin(LetterTemplateModelAdmin):
    list_display = ("gemeente", "afzender_naam", "ontbreekt", "ondertekenaar_naam", "updated_at")
    search_fields = ("gemeente__naam", "afzender_naam")
    readonly_fields = ("updated_at",)
    actions = ["preview"]
    fieldsets = (
        (None, {"fields": ("gemeente",)}),
        (_("Afzender"), {"fields": ("afzender_naam", "afzender_adres", "telefoon", "website", "email")}),
        (_("Ondertekening en bezwaar"), {"fields": ("ondertekenaar_naam", "ondertekenaar_functie", "bezwaar_adres")}),
        (_("Opmaak"), {"fields": ("kleur", "logo_svg", "extra_slottekst", "updated_at")}),
    )

    @admin.display(description=_("ontbreekt voor brieven"))
    def ontbreekt(self, letter_template: LetterTemplate) -> str:
        """What a letter needs and this template lacks (a template stored before these were required)."""
        return ", ".join(letter_template.missing_for_letters()) or "—"

    def get_queryset(self, request: HttpRequest) -> QuerySet[LetterTemplate]:
        scope = authenticated_user(request).scope
        return super().get_queryset(request).select_related("gemeente").filter(gemeente_id__in=scope.gemeente_ids)

    def formfield_for_foreignkey(
        self, db_field: ForeignKey[Any, Any], request: HttpRequest, **kwargs: Any
    ) -> "ModelChoiceField[Any] | None":
        if db_field.name == "gemeente":
            kwargs["queryset"] = Gemeente.objects.in_scope(authenticated_user(request).scope)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    @admin.action(description=_("Voorbeeldbrief tonen (PDF)"))
    def preview(self, request: HttpRequest, queryset: QuerySet[LetterTemplate]) -> HttpResponse:
        letter_template = queryset.first()
        if letter_template is None:  # pragma: no cover - the admin runs an action only with a selection
            return HttpResponse(status=204)
        from .rendering import render_pdf  # WeasyPrint loads only when a letter is rendered

        try:
            pdf = render_pdf(template_name=SAMPLE_TEMPLATE, context=sample_letter_context(letter_template))
        except LetterTemplateIncomplete as error:
            self.message_user(request, error.message, level=messages.ERROR)
            return HttpResponseRedirect(request.get_full_path())
        response = HttpResponse(pdf, content_type="application/pdf")
        filename = f"voorbeeldbrief-{letter_template.gemeente.code}.pdf"
        response["Content-Disposition"] = content_disposition_header(as_attachment=False, filename=filename) or ""
        return response
