"""Forms of the brede intake page: each section saves on its own. The rules come from the services."""

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any, cast

from django import forms
from django.forms import modelform_factory
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from openinburgering.core.exceptions import DomainError
from openinburgering.core.forms import DATE_WIDGET, NLDSFormMixin
from openinburgering.dossiers.models import Dossier
from openinburgering.rules.intake import GEZONDHEID_AANDACHTSPUNTEN, LBT_EXAMENNUMMER_MAX, IntakeOnderdeel

from . import services
from .constants import (
    ONDERDEEL_LABELS,
    AandachtspuntChoices,
    LbtResultaatChoices,
    LbtVrijstellingsgrondChoices,
    OproepUitkomstChoices,
)
from .models import BredeIntake, IntakeGezondheid, Oproep

if TYPE_CHECKING:  # ModelForm is generic for type checkers only, not at runtime
    from django_stubs_ext import StrPromise

    BredeIntakeModelForm = forms.ModelForm[BredeIntake]
    IntakeGezondheidModelForm = forms.ModelForm[IntakeGezondheid]
else:
    BredeIntakeModelForm = IntakeGezondheidModelForm = forms.ModelForm

DATETIME_WIDGET = forms.DateTimeInput(
    attrs={"type": "datetime-local", "class": "utrecht-textbox utrecht-textbox--html-input"}, format="%Y-%m-%dT%H:%M"
)
CHECKBOXES = forms.CheckboxSelectMultiple(attrs={"class": "utrecht-checkbox utrecht-checkbox--html-input"})


def _textarea() -> forms.Textarea:
    return forms.Textarea(attrs={"rows": 3})


class DomainErrorsMixin(NLDSFormMixin):
    """Shows the services' rule errors on the field they name (or above the form), all at once."""

    if TYPE_CHECKING:  # provided by the form class it is mixed into

        def add_error(self, field: str | None, error: Any) -> None: ...

        @property
        def errors(self) -> Any: ...

    def add_domain_errors(self, errors: list[DomainError]) -> None:
        for error in errors:
            self.add_domain_error(error.field, error.message)
        self._style()


# --- the sections ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Section:
    """One small form on the intake page; `onderdeel` links it to a statutory section (Bi 5.2(1))."""

    key: str
    title: "StrPromise"
    fields: tuple[str, ...]
    onderdeel: IntakeOnderdeel | None = None


SECTIONS: tuple[Section, ...] = (
    Section("gesprek", _("Het gesprek"), ("alleen_gesprek_gemeld", "tolk_taal")),
    Section(
        IntakeOnderdeel.OPLEIDING_WERK.value,
        ONDERDEEL_LABELS[IntakeOnderdeel.OPLEIDING_WERK],
        ("hoogste_opleiding", "jaren_onderwijs", "diplomas", "werkervaring", "beroep_herkomstland"),
        IntakeOnderdeel.OPLEIDING_WERK,
    ),
    Section(
        IntakeOnderdeel.TAALNIVEAU.value,
        ONDERDEEL_LABELS[IntakeOnderdeel.TAALNIVEAU],
        ("talen", "geletterdheid", "taalniveau_nl", "taal_toelichting"),
        IntakeOnderdeel.TAALNIVEAU,
    ),
    Section(
        IntakeOnderdeel.ARBEIDSPARTICIPATIE.value,
        ONDERDEEL_LABELS[IntakeOnderdeel.ARBEIDSPARTICIPATIE],
        ("arbeid_wensen", "arbeid_mogelijkheden", "beschikbaar_uren_per_week", "arbeid_toelichting"),
        IntakeOnderdeel.ARBEIDSPARTICIPATIE,
    ),
    Section(
        IntakeOnderdeel.ZELFREDZAAMHEID.value,
        ONDERDEEL_LABELS[IntakeOnderdeel.ZELFREDZAAMHEID],
        ("zelfredzaamheid", "zelfredzaamheid_toelichting"),
        IntakeOnderdeel.ZELFREDZAAMHEID,
    ),
    Section(
        IntakeOnderdeel.VVE.value,
        ONDERDEEL_LABELS[IntakeOnderdeel.VVE],
        ("vve_van_toepassing", "vve_toelichting"),
        IntakeOnderdeel.VVE,
    ),
    Section(
        IntakeOnderdeel.PERSOONLIJKE_OMSTANDIGHEDEN.value,
        ONDERDEEL_LABELS[IntakeOnderdeel.PERSOONLIJKE_OMSTANDIGHEDEN],
        ("gezinssituatie", "omstandigheden_toelichting"),
        IntakeOnderdeel.PERSOONLIJKE_OMSTANDIGHEDEN,
    ),
    Section("uren", _("Uren tijdens de intake"), ("uren_taal_knm_intake", "uren_participatie_intake")),
    Section("aanvullend", _("Aanvullende onderdelen"), ("financiele_situatie", "sociaal_netwerk", "motivatie")),
)
SECTIONS_BY_KEY = {section.key: section for section in SECTIONS}


class VveWidget(forms.NullBooleanSelect):
    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs)
        self.choices = [
            ("unknown", _("Nog niet besproken")),
            ("true", _("Ja, er zijn kinderen voor wie VVE relevant is")),
            ("false", _("Nee, niet van toepassing")),
        ]


class IntakeSectionForm(DomainErrorsMixin, BredeIntakeModelForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field.widget, forms.Textarea):
                field.widget.attrs["rows"] = 3
        self._style()


def section_form(section: Section, *args: Any, **kwargs: Any) -> IntakeSectionForm:
    """The form of one section, bound to the intake (and to POST data when given)."""
    form_class = modelform_factory(
        BredeIntake,
        form=IntakeSectionForm,
        fields=list(section.fields),
        widgets={"vve_van_toepassing": VveWidget()},
    )
    kwargs.setdefault("prefix", section.key)
    return cast(IntakeSectionForm, form_class(*args, **kwargs))


def _punt_choices(*, gezondheid: bool) -> list[tuple[str, str]]:
    return [
        (value, str(label))
        for value, label in AandachtspuntChoices.choices
        if (value in GEZONDHEID_AANDACHTSPUNTEN) == gezondheid
    ]


class AandachtspuntenForm(DomainErrorsMixin, forms.Form):
    """The aandachtspunten that are not about health (those are in the health section)."""

    aandachtspunten = forms.MultipleChoiceField(
        label=_("Kies wat van toepassing is"), required=False, choices=(), widget=CHECKBOXES
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", "aandachtspunten")
        super().__init__(*args, **kwargs)
        cast(forms.MultipleChoiceField, self.fields["aandachtspunten"]).choices = _punt_choices(gezondheid=False)
        self._style()


class GezondheidForm(DomainErrorsMixin, IntakeGezondheidModelForm):
    """Special category data: only for GEZONDHEID_ROLES (the view refuses anyone else)."""

    aandachtspunten = forms.MultipleChoiceField(
        label=_("Aandachtspunten over gezondheid"), required=False, choices=(), widget=CHECKBOXES
    )

    class Meta:
        model = IntakeGezondheid
        fields = list(IntakeGezondheid.TEXT_FIELDS)
        widgets = {name: _textarea() for name in IntakeGezondheid.TEXT_FIELDS}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", "gezondheid")
        super().__init__(*args, **kwargs)
        cast(forms.MultipleChoiceField, self.fields["aandachtspunten"]).choices = _punt_choices(gezondheid=True)
        self._style()


# --- summonses -------------------------------------------------------------------------------


class OproepForm(DomainErrorsMixin, forms.Form):
    verzonden_op = forms.DateField(label=_("Verzonden op"), widget=DATE_WIDGET)
    afspraak_op = forms.DateTimeField(
        label=_("Afspraak op"),
        required=False,
        widget=DATETIME_WIDGET,
        help_text=_("Zonder afspraak geldt de termijn die de gemeente stelt."),
    )
    locatie = forms.CharField(label=_("Locatie"), required=False, max_length=200)
    tolk_taal = forms.CharField(label=_("Tolk (taal)"), required=False, max_length=100)

    def __init__(self, *args: Any, dossier: Dossier, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"verzonden_op": timezone.localdate()})
        kwargs.setdefault("prefix", "oproep")
        super().__init__(*args, **kwargs)
        self.dossier = dossier
        self._style()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if "verzonden_op" in data:
            self.add_domain_errors(
                services.oproep_rule_errors(
                    dossier=self.dossier, verzonden_op=data["verzonden_op"], afspraak_op=data.get("afspraak_op")
                )
            )
        return data


class UitkomstForm(DomainErrorsMixin, forms.Form):
    uitkomst = forms.ChoiceField(label=_("Uitkomst"), choices=())
    uitkomst_op = forms.DateField(label=_("Vastgesteld op"), widget=DATE_WIDGET)
    uitkomst_toelichting = forms.CharField(label=_("Toelichting"), required=False, widget=_textarea())

    def __init__(self, *args: Any, oproep: Oproep, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"uitkomst_op": timezone.localdate()})
        kwargs.setdefault("prefix", "uitkomst")
        super().__init__(*args, **kwargs)
        self.oproep = oproep
        cast(forms.ChoiceField, self.fields["uitkomst"]).choices = [
            ("", _("Kies een uitkomst")),
            *OproepUitkomstChoices.choices,
        ]
        self._style()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        self.add_domain_errors(
            services.oproep_uitkomst_errors(
                oproep=self.oproep,
                uitkomst=data.get("uitkomst"),
                uitkomst_op=data.get("uitkomst_op"),
                toelichting=data.get("uitkomst_toelichting", ""),
            )
        )
        return data


class VerzettenForm(DomainErrorsMixin, forms.Form):
    afspraak_op = forms.DateTimeField(label=_("Nieuwe afspraak"), widget=DATETIME_WIDGET)
    locatie = forms.CharField(label=_("Locatie"), required=False, max_length=200)
    toelichting = forms.CharField(label=_("Reden"), required=False, max_length=200)

    def __init__(self, *args: Any, oproep: Oproep, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"locatie": oproep.locatie})
        kwargs.setdefault("prefix", "verzetten")
        super().__init__(*args, **kwargs)
        self.oproep = oproep
        self._style()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if "afspraak_op" in data:
            self.add_domain_errors(
                services.oproep_reschedule_errors(oproep=self.oproep, afspraak_op=data["afspraak_op"])
            )
        return data


# --- completing ------------------------------------------------------------------------------


class AfrondenForm(DomainErrorsMixin, forms.Form):
    completed_at = forms.DateField(label=_("Afgerond op"), required=False, widget=DATE_WIDGET)
    zonder_medewerking = forms.BooleanField(label=_("Zonder medewerking"), required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, intake: BredeIntake, **kwargs: Any) -> None:
        kwargs["initial"] = {"completed_at": timezone.localdate(), **(kwargs.get("initial") or {})}
        super().__init__(*args, **kwargs)
        self.intake = intake
        self._style()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        data["completed_at"] = data.get("completed_at") or timezone.localdate()
        if "completed_at" not in self.errors:
            self.add_domain_errors(
                services.brede_intake_complete_errors(
                    intake=self.intake,
                    completed_at=data["completed_at"],
                    zonder_medewerking=bool(data.get("zonder_medewerking")),
                )
            )
        return data


# --- leerbaarheidstoets ----------------------------------------------------------------------


class LbtAanvraagForm(DomainErrorsMixin, forms.Form):
    examennummer = forms.CharField(label=_("Examennummer (DUO)"), max_length=LBT_EXAMENNUMMER_MAX.value, strip=True)
    aangevraagd_op = forms.DateField(label=_("Aangevraagd op"), widget=DATE_WIDGET)

    def __init__(self, *args: Any, dossier: Dossier, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"aangevraagd_op": timezone.localdate()})
        kwargs.setdefault("prefix", "lbt_aanvraag")
        super().__init__(*args, **kwargs)
        self.dossier = dossier
        self._style()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if "examennummer" in data and "aangevraagd_op" in data:
            self.add_domain_errors(
                services.lbt_request_errors(
                    dossier=self.dossier, examennummer=data["examennummer"], aangevraagd_op=data["aangevraagd_op"]
                )
            )
        return data


class LbtResultaatForm(DomainErrorsMixin, forms.Form):
    examennummer = forms.CharField(label=_("Examennummer (DUO)"), max_length=LBT_EXAMENNUMMER_MAX.value, required=False)
    afgenomen_op = forms.DateField(label=_("Afgenomen op"), widget=DATE_WIDGET)
    resultaat = forms.ChoiceField(label=_("Resultaat"), choices=())
    behaalde_score = forms.CharField(label=_("Behaalde score"), required=False, max_length=6, help_text="123,45")
    benodigde_score = forms.CharField(label=_("Benodigde score"), required=False, max_length=6, help_text="123,45")

    def __init__(self, *args: Any, dossier: Dossier, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", "lbt_resultaat")
        super().__init__(*args, **kwargs)
        self.dossier = dossier
        cast(forms.ChoiceField, self.fields["resultaat"]).choices = [
            ("", _("Kies het resultaat")),
            *LbtResultaatChoices.choices,
        ]
        self._style()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        self.add_domain_errors(
            services.lbt_result_errors(
                dossier=self.dossier,
                resultaat=data.get("resultaat"),
                afgenomen_op=data.get("afgenomen_op"),
                examennummer=data.get("examennummer", ""),
                behaalde_score=data.get("behaalde_score", ""),
                benodigde_score=data.get("benodigde_score", ""),
            )
        )
        return data


class LbtVrijstellingForm(DomainErrorsMixin, forms.Form):
    vrijstellingsgrond = forms.ChoiceField(label=_("Grond (Wi 14 lid 6)"), choices=())
    vrijstelling_toelichting = forms.CharField(label=_("Toelichting"), widget=_textarea())
    vrijgesteld_op = forms.DateField(label=_("Besloten op"), widget=DATE_WIDGET)

    def __init__(self, *args: Any, dossier: Dossier, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"vrijgesteld_op": timezone.localdate()})
        kwargs.setdefault("prefix", "lbt_vrijstelling")
        super().__init__(*args, **kwargs)
        self.dossier = dossier
        cast(forms.ChoiceField, self.fields["vrijstellingsgrond"]).choices = [
            ("", _("Kies een grond")),
            *LbtVrijstellingsgrondChoices.choices,
        ]
        self._style()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        vrijgesteld_op: date = data.get("vrijgesteld_op") or timezone.localdate()
        self.add_domain_errors(
            services.lbt_exempt_errors(
                dossier=self.dossier,
                vrijstellingsgrond=data.get("vrijstellingsgrond"),
                toelichting=data.get("vrijstelling_toelichting", ""),
                vrijgesteld_op=vrijgesteld_op,
            )
        )
        return data
