"""Forms validate shape and name the field; the services apply the rules of the law and DUO's."""

from typing import TYPE_CHECKING, Any, cast

from django import forms
from django.db.models import QuerySet
from django.forms.boundfield import BoundField
from django.forms.models import model_to_dict
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from openinburgering.aanbod.models import Aanbieder
from openinburgering.core.forms import DATE_WIDGET, NLDSFormMixin
from openinburgering.dossiers.models import Dossier
from openinburgering.rules.enums import Doelgroep
from openinburgering.rules.leerroute import MAP_ROUTES, Leerroute

from .checks import ROUTE_OVERWEGING_FIELDS
from .constants import LeerrouteChoices, NiveauChoices
from .models import Pip, PipAanbod
from .services import CONTENT_FIELDS

if TYPE_CHECKING:  # ModelForm is generic for type checkers only, not at runtime
    from django_stubs_ext import StrPromise

    PipModelForm = forms.ModelForm[Pip]
    PipAanbodModelForm = forms.ModelForm[PipAanbod]
    AanbiederChoiceField = forms.ModelChoiceField[Aanbieder]
else:
    PipModelForm = PipAanbodModelForm = forms.ModelForm
    AanbiederChoiceField = forms.ModelChoiceField

TEXTAREA = forms.Textarea(attrs={"rows": 3, "class": "utrecht-textarea utrecht-textarea--html-textarea"})

# A short explanation beside each leerroute (the letter explains them at length: pip/_route_uitleg.html).
ROUTE_HELP: dict[str, "StrPromise"] = {
    LeerrouteChoices.B1_ROUTE: _("Taal op niveau B1 en KNM, met examens. De gewone route."),
    LeerrouteChoices.ONDERWIJSROUTE: _("Taalschakeltraject naar een opleiding in mbo, hbo of wo. Geen MAP."),
    LeerrouteChoices.Z_ROUTE: _("Taal en KNM zonder examen, met participatie, voor wie B1 niet haalbaar is."),
}

# What a PIP needs before it can be offered for sign-off (pip.checks names the rule of each), when shown.
SUBMISSION_FIELDS = (
    "leerroute",
    "pvt_intensiteit_uren",
    "map_intensiteit",
    "aantal_voortgangsgesprekken",
    "begeleiding_ondersteuning",
    "maatschappelijke_begeleiding",
    "motivering",
)

# The fields of the form, grouped as the page shows them.
FIELDSETS: list[tuple["StrPromise", tuple[str, ...]]] = [
    (_("Reden van de wijziging"), ("wijzigingsreden",)),
    (
        _("Leerroute"),
        (
            "leerroute",
            "niveau",
            "alfabetisering",
            "geschatte_intensiteit",
            "z_participatie_uren",
            "afschalen_uren",
            "afschalen_inspanning",
            "mag_opleiding_afmaken",
        ),
    ),
    (
        _("Onderdelen"),
        ("knm_opgenomen", "pvt_intensiteit_uren", "pvt_invulling", "map_intensiteit"),
    ),
    (
        _("Begeleiding en afspraken"),
        (
            "maatschappelijke_begeleiding",
            "begeleiding_ondersteuning",
            "aantal_voortgangsgesprekken",
            "vve_afspraken",
            "ontzorgen",
            "doelen",
        ),
    ),
    (
        _("Motivering"),
        ("motivering", "overweging_b1_route", "overweging_onderwijsroute", "overweging_z_route"),
    ),
]


def fields_not_applicable(*, leerroute: str, doelgroep: str, versie: int) -> set[str]:
    """The fields that do not belong to this route and doelgroep. The form does not show them, so they
    are saved empty: a value for another route never stays behind unseen."""
    hidden: set[str] = set()
    if versie == 1:
        hidden |= {"wijzigingsreden", "afschalen_uren", "afschalen_inspanning"}  # never on a first PIP
    if not leerroute:
        hidden |= {"niveau", "geschatte_intensiteit", "z_participatie_uren", "map_intensiteit"}
    if leerroute == Leerroute.ONDERWIJSROUTE:
        hidden.add("niveau")  # B1 only (DUO): the default
    if leerroute and leerroute not in MAP_ROUTES.value:
        hidden.add("map_intensiteit")
    if leerroute != Leerroute.B1_ROUTE or doelgroep != Doelgroep.ASIELSTATUSHOUDER:
        hidden.add("geschatte_intensiteit")
    if leerroute != Leerroute.B1_ROUTE:
        hidden |= {"afschalen_uren", "afschalen_inspanning"}
    if leerroute != Leerroute.Z_ROUTE or doelgroep != Doelgroep.ASIELSTATUSHOUDER:
        hidden.add("z_participatie_uren")
    if doelgroep != Doelgroep.ASIELSTATUSHOUDER:
        hidden.add("maatschappelijke_begeleiding")
    return hidden


class PipForm(NLDSFormMixin):
    # No HTML `required`: an empty required field would show as invalid before anything was sent.
    # Which fields are optional still shows ("(niet verplicht)", components/field.html).
    use_required_attribute = False


class PipDraftForm(PipForm, PipModelForm):
    """The concept of a PIP version. Which fields show depends on the leerroute chosen (htmx re-renders)."""

    class Meta:
        model = Pip
        fields = [*CONTENT_FIELDS, "wijzigingsreden"]
        widgets = {
            "leerroute": forms.RadioSelect(attrs={"class": "utrecht-radio-button utrecht-radio-button--html-input"}),
            **dict.fromkeys(
                (
                    "wijzigingsreden",
                    "map_intensiteit",
                    "pvt_invulling",
                    "maatschappelijke_begeleiding",
                    "begeleiding_ondersteuning",
                    "vve_afspraken",
                    "doelen",
                    "motivering",
                    "overweging_b1_route",
                    "overweging_onderwijsroute",
                    "overweging_z_route",
                ),
                TEXTAREA,
            ),
        }

    def __init__(self, *args: Any, dossier: Dossier, leerroute: str | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._chosen_route = leerroute
        leerroute_field = cast(forms.ChoiceField, self.fields["leerroute"])
        leerroute_field.choices = list(LeerrouteChoices.choices)
        leerroute_field.required = False  # a concept may be incomplete; pip_submit names what is missing
        niveau = cast(forms.ChoiceField, self.fields["niveau"])
        niveau.choices = [("", _("Standaard (B1 bij B1-route en onderwijsroute)")), *NiveauChoices.choices]
        self.fields["wijzigingsreden"].required = self.instance.versie > 1
        self.hidden = fields_not_applicable(
            leerroute=self._leerroute(), doelgroep=dossier.doelgroep, versie=self.instance.versie
        )
        if not self.is_bound:
            self._mark_needed_for_submission()
        self._style()

    def _mark_needed_for_submission(self) -> None:
        """Show which fields the beschikking needs (pip.checks), without the "(niet verplicht)" hint.

        A concept may be saved incomplete, so these fields are validated as optional; they are marked
        required only for display: before binding, or after the fields were cleaned (end of clean()).
        """
        route = self._leerroute()
        needed = set(SUBMISSION_FIELDS)
        needed |= {field for other, field in ROUTE_OVERWEGING_FIELDS.items() if route and other != route}
        for name in needed - self.hidden:
            self.fields[name].required = True

    @classmethod
    def rerender(cls, data: QueryDict, *, instance: Pip, dossier: Dossier) -> "PipDraftForm":
        """The form as the user is filling it in, for the htmx re-render after a change of leerroute:
        unbound (so no errors yet), showing the values typed so far and the fields of the new route."""
        form = cls(instance=instance, dossier=dossier, leerroute=data.get("leerroute", ""))
        for name, field in form.fields.items():
            if isinstance(field, forms.BooleanField):
                form.initial[name] = name in data
            elif name in data:
                form.initial[name] = data.get(name)
        return form

    @classmethod
    def bound_to(cls, instance: Pip, *, dossier: Dossier) -> "PipDraftForm":
        """The form bound to the concept as stored, validated, so that errors can be added to its fields."""
        data: dict[str, Any] = {}
        for name, value in model_to_dict(instance, fields=cls._meta.fields).items():
            if value is True:
                data[name] = "on"
            elif value not in (None, False):
                data[name] = value
        form = cls(data, instance=instance, dossier=dossier)
        form.is_valid()
        return form

    def _leerroute(self) -> str:
        if self._chosen_route is not None:
            value = self._chosen_route
        elif self.is_bound:
            value = self.data.get(self.add_prefix("leerroute"), "")
        else:
            return self.instance.leerroute
        return value if value in LeerrouteChoices.values else ""

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        # Not shown is not applicable: saved empty (unchecked boxes are already False).
        for name in self.hidden:
            field = self.fields[name]
            cleaned[name] = False if isinstance(field, forms.BooleanField) else field.to_python("")
        # The MAP belongs to the route (Wi 6, 8(3)): part of the B1-route and the Z-route, never of the onderwijsroute.
        cleaned["map_opgenomen"] = self._leerroute() in MAP_ROUTES.value
        self._mark_needed_for_submission()
        return cleaned

    def fieldsets(self) -> list[tuple["StrPromise", list[BoundField]]]:
        groups = []
        for legend, names in FIELDSETS:
            bound = [self[name] for name in names if name not in self.hidden]
            if bound:
                groups.append((legend, bound))
        return groups

    def route_help(self) -> list[tuple[str, "StrPromise", "StrPromise"]]:
        return [(value, label, ROUTE_HELP[value]) for value, label in LeerrouteChoices.choices]


class NewVersionForm(PipForm, forms.Form):
    wijzigingsreden = forms.CharField(
        label=_("Reden van de wijziging"),
        widget=TEXTAREA,
        max_length=2000,
        help_text=_("Bijvoorbeeld: afschalen naar niveau A2, of een andere leerroute."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._style()


class InstellingField(AanbiederChoiceField):
    """An instelling with what DUO looks at: the Blik op Werk keurmerk, or recognition as taalschakelinstelling."""

    def label_from_instance(self, obj: Aanbieder) -> str:
        marks = []
        if obj.heeft_bow_keurmerk:
            marks.append(str(_("keurmerk Blik op Werk")))
        if obj.is_taalschakelinstelling:
            marks.append(str(_("taalschakelinstelling")))
        return f"{obj.naam} ({', '.join(marks) or _('geen keurmerk')})"


class AanbodForm(PipForm, PipAanbodModelForm):
    instelling = InstellingField(
        label=_("Instelling"), queryset=Aanbieder.objects.none(), empty_label=_("Kies een instelling")
    )

    class Meta:
        model = PipAanbod
        fields = [
            "instelling",
            "datum_inburgeringsaanbod",
            "verwachte_startdatum_opleiding",
            "verwachte_einddatum_opleiding",
            "indicator_alfabetisering",
        ]
        widgets = {
            "datum_inburgeringsaanbod": DATE_WIDGET,
            "verwachte_startdatum_opleiding": DATE_WIDGET,
            "verwachte_einddatum_opleiding": DATE_WIDGET,
        }

    def __init__(self, *args: Any, instellingen: QuerySet[Aanbieder], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(InstellingField, self.fields["instelling"]).queryset = instellingen
        self._style()

    def validate_unique(self) -> None:
        """One aanbod per instelling is handled by the service (it replaces the earlier one)."""


class ReturnForm(PipForm, forms.Form):
    reden = forms.CharField(label=_("Waarom stuurt u de PIP terug?"), widget=TEXTAREA, max_length=2000)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._style()


class WithdrawForm(PipForm, forms.Form):
    reden = forms.CharField(label=_("Waarom trekt u de PIP in?"), widget=TEXTAREA, max_length=2000)
    bevestigd = forms.BooleanField(
        label=_("Ik begrijp dat de PIP wordt ingetrokken en dat DUO wordt gevraagd de PIP te verwijderen."),
        required=True,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._style()


class ApproveForm(PipForm, forms.Form):
    dagtekening = forms.DateField(
        label=_("Dagtekening"),
        required=False,
        widget=DATE_WIDGET,
        help_text=_("Leeg: vandaag. Niet in de toekomst."),
    )
    bekendmaking = forms.DateField(
        label=_("Datum verzending"),
        required=False,
        widget=DATE_WIDGET,
        help_text=_("De dag dat de brief wordt verstuurd; de bezwaartermijn begint de dag erna. Leeg: de dagtekening."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._style()


class InformatieverzoekForm(PipForm, forms.Form):
    omschrijving = forms.CharField(label=_("Welke informatie"), max_length=300)
    derde = forms.CharField(label=_("Bij wie"), max_length=200, help_text=_("Bijvoorbeeld de huisarts of het COA."))
    aangevraagd_op = forms.DateField(label=_("Aangevraagd op"), widget=DATE_WIDGET)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._style()


class OntvangenForm(PipForm, forms.Form):
    ontvangen_op = forms.DateField(label=_("Ontvangen op"), widget=DATE_WIDGET)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._style()
