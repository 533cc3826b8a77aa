"""Forms validate shape and name the field; the services apply the rules of the law."""

import uuid
from typing import TYPE_CHECKING, Any, cast

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from openinburgering.accounts.models import User
from openinburgering.core.forms import DATE_WIDGET, BsnField, NLDSFormMixin, form_error_list
from openinburgering.core.validators import validate_vnummer
from openinburgering.gemeenten.models import Gemeente
from openinburgering.rules.personen import vnummer_normalise

from .constants import CLOSING_REASONS, TRANSITIONS, Relatie, Status
from .models import Dossier, Inburgeraar
from .services import PERSON_FIELDS, PLICHT_FIELDS, person_rule_errors, plicht_rule_errors

if TYPE_CHECKING:  # ModelForm is generic for type checkers only, not at runtime
    InburgeraarModelForm = forms.ModelForm[Inburgeraar]
    DossierModelForm = forms.ModelForm[Dossier]
else:
    InburgeraarModelForm = DossierModelForm = forms.ModelForm


class PersonForm(NLDSFormMixin, InburgeraarModelForm):
    class Meta:
        model = Inburgeraar
        fields = list(PERSON_FIELDS)
        widgets = {"geboortedatum": DATE_WIDGET}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._style()

    def clean_vnummer(self) -> str:
        value = self.cleaned_data.get("vnummer", "")
        if not value:
            return ""
        validate_vnummer(value)  # refuse, rather than silently drop, what is not a V-nummer
        return vnummer_normalise(value) or ""

    def clean_postcode(self) -> str:
        return (self.cleaned_data.get("postcode") or "").upper()


class PlichtForm(NLDSFormMixin, DossierModelForm):
    class Meta:
        model = Dossier
        fields = list(PLICHT_FIELDS)
        widgets = {name: DATE_WIDGET for name in PLICHT_FIELDS if "datum" in name}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._style()


class RegistrationForm(NLDSFormMixin, forms.Form):
    """Registration of a new inburgeraar: person, plicht and gemeente in one form."""

    aanmelding_token = forms.UUIDField(widget=forms.HiddenInput)
    gemeente = forms.ModelChoiceField(
        label=_("Gemeente"), queryset=Gemeente.objects.none(), empty_label=_("Kies een gemeente")
    )
    bsn = BsnField(label=_("BSN"), help_text=_("Negen cijfers; wordt gecontroleerd met de elfproef."))
    klantregisseur = forms.ModelChoiceField(
        label=_("Klantregisseur"), queryset=User.objects.none(), required=False, empty_label=_("Nog niet toewijzen")
    )

    def __init__(
        self, *args: Any, gemeenten: QuerySet[Gemeente], klantregisseurs: QuerySet[User], **kwargs: Any
    ) -> None:
        # A fresh token on every render, also when the view passes other initial values.
        kwargs["initial"] = {"aanmelding_token": uuid.uuid4(), **(kwargs.get("initial") or {})}
        super().__init__(*args, **kwargs)
        cast("forms.ModelChoiceField[Gemeente]", self.fields["gemeente"]).queryset = gemeenten
        cast("forms.ModelChoiceField[User]", self.fields["klantregisseur"]).queryset = klantregisseurs
        self.person = PersonForm(*args, **{k: v for k, v in kwargs.items() if k != "initial"})
        self.plicht = PlichtForm(*args, **{k: v for k, v in kwargs.items() if k != "initial"})
        self._style()

    def is_valid(self) -> bool:
        own = super().is_valid()
        person = self.person.is_valid()
        plicht = self.plicht.is_valid()
        # The rules of the law on what did validate, so every problem is shown at once.
        data = {**self.person.cleaned_data, **self.plicht.cleaned_data}
        problems = person_rule_errors(
            geboortedatum=data.get("geboortedatum"),
            plicht_begindatum=data.get("plicht_begindatum"),
            today=timezone.localdate(),
        ) + plicht_rule_errors(data)
        for problem in problems:
            self.add_domain_error(problem.field, problem.message)
        return own and person and plicht and not problems

    @property
    def all_errors(self) -> list[tuple[str, str, str]]:
        return form_error_list(self, self.person, self.plicht)

    def add_domain_error(self, field: str | None, message: str) -> None:
        for form in (self, self.person, self.plicht):
            if field and field in form.fields:
                if field in form.errors:
                    return  # the field's own validation already explains what is wrong
                form.add_error(field, message)
                form._style()
                return
        self.add_error(None, message)


class TransitionForm(NLDSFormMixin, forms.Form):
    to = forms.ChoiceField(label=_("Nieuwe status"), choices=())
    reden = forms.ChoiceField(label=_("Reden einde inburgeringsplicht"), required=False, choices=())
    einddatum = forms.DateField(label=_("Einddatum inburgeringsplicht"), required=False, widget=DATE_WIDGET)
    overgedragen_aan = forms.CharField(label=_("Overgedragen aan gemeente"), required=False, max_length=200)
    toelichting = forms.CharField(label=_("Toelichting"), required=False, max_length=200)

    def __init__(self, *args: Any, dossier: Dossier, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        allowed = TRANSITIONS[Status(dossier.status)]
        cast(forms.ChoiceField, self.fields["to"]).choices = [("", _("Kies een nieuwe status"))] + [
            (s.value, s.label) for s in Status if s in allowed
        ]
        reasons = sorted({r for group in CLOSING_REASONS.values() for r in group})
        cast(forms.ChoiceField, self.fields["reden"]).choices = [("", "—")] + [(r.value, r.value) for r in reasons]
        self._style()


class AssignForm(NLDSFormMixin, forms.Form):
    klantregisseur = forms.ModelChoiceField(
        label=_("Klantregisseur"), queryset=User.objects.none(), required=False, empty_label=_("Niemand")
    )

    def __init__(self, *args: Any, klantregisseurs: QuerySet[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast("forms.ModelChoiceField[User]", self.fields["klantregisseur"]).queryset = klantregisseurs
        self._style()


class GezinslidForm(NLDSFormMixin, forms.Form):
    relatie = forms.ChoiceField(label=_("Relatie"), choices=Relatie.choices)
    voornamen = forms.CharField(label=_("Voornamen"), max_length=200)
    geslachtsnaam = forms.CharField(label=_("Geslachtsnaam"), max_length=200)
    geboortedatum = forms.DateField(label=_("Geboortedatum"), required=False, widget=DATE_WIDGET)
    bsn = BsnField(label=_("BSN"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._style()
