"""Forms for contracts: shape and notation here (amounts by core.bedragen), the rules in services.py."""

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.forms import formset_factory
from django.utils.translation import gettext_lazy as _

from openinburgering.aanbod.models import Aanbieder
from openinburgering.core.bedragen import BedragFormField
from openinburgering.core.forms import DATE_WIDGET, NLDSFormMixin, form_error_list
from openinburgering.gemeenten.models import Gemeente

from .constants import PERCELEN_MAX, ComponentChoices, EindeReden, Prijsmodel
from .models import Perceel
from .services import PerceelInput

TERMIJN_MAX = 365  # days or working days a contract can sensibly set; a typo of 3650 is refused


class ContractForm(NLDSFormMixin, forms.Form):
    aanbieder = forms.ModelChoiceField(
        label=_("Aanbieder"), queryset=Aanbieder.objects.none(), empty_label=_("Kies een aanbieder")
    )
    kenmerk = forms.CharField(
        label=_("Contractnummer"), max_length=50, help_text=_("Het nummer van de inkoopafdeling, bijv. INK-2026-014.")
    )
    omschrijving = forms.CharField(label=_("Omschrijving"), max_length=200, required=False)
    startdatum = forms.DateField(label=_("Startdatum"), widget=DATE_WIDGET)
    einddatum = forms.DateField(
        label=_("Einddatum"), widget=DATE_WIDGET, help_text=_("De laatste dag van het contract.")
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["aanbieder"].queryset = Aanbieder.objects.filter(actief=True).order_by("naam")  # type: ignore[attr-defined]
        self._style()


class VersieForm(NLDSFormMixin, forms.Form):
    ingangsdatum = forms.DateField(
        label=_("Ingangsdatum"), widget=DATE_WIDGET, help_text=_("Vanaf deze dag gelden de nieuwe percelen.")
    )
    wijzigingsreden = forms.CharField(
        label=_("Reden van de wijziging"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._style()


class BeeindigenForm(NLDSFormMixin, forms.Form):
    beeindigd_per = forms.DateField(
        label=_("Beëindigd per"), widget=DATE_WIDGET, help_text=_("De laatste dag waarop het contract nog geldt.")
    )
    einde_reden = forms.ChoiceField(label=_("Reden van beëindiging"), choices=[("", "—"), *EindeReden.choices])
    einde_toelichting = forms.CharField(
        label=_("Toelichting"), widget=forms.Textarea(attrs={"rows": 3}), required=False, max_length=2000
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._style()


class PerceelForm(NLDSFormMixin, forms.Form):
    component = forms.ChoiceField(label=_("Component"), choices=[("", "—"), *ComponentChoices.choices])
    prijsmodel = forms.ChoiceField(label=_("Prijsmodel"), choices=[("", "—"), *Prijsmodel.choices])
    tarief = BedragFormField(
        veld=_("het tarief"), label=_("Tarief (euro)"), help_text=_("Per traject of per uur, bijv. 9.850,00.")
    )
    resultaatbonus = BedragFormField(
        veld=_("de resultaatbonus"),
        label=_("Resultaatbonus (euro)"),
        required=False,
        help_text=_("Alleen bij een trajectprijs met resultaatbonus."),
    )
    bonusvoorwaarde = forms.CharField(label=_("Voorwaarde voor de bonus"), max_length=200, required=False)
    volume = forms.IntegerField(
        label=_("Volume"), min_value=1, max_value=10_000_000, help_text=_("Trajecten, of uren bij een prijs per uur.")
    )
    budgetplafond = BedragFormField(veld=_("het budgetplafond"), label=_("Budgetplafond (euro)"))
    gemeenten = forms.ModelMultipleChoiceField(
        label=_("Gemeenten die dit perceel mogen gebruiken"),
        queryset=Gemeente.objects.none(),
        widget=forms.CheckboxSelectMultiple(attrs={"class": "utrecht-checkbox utrecht-checkbox--html-input"}),
        required=False,  # the service names a perceel without gemeenten (and one outside the scope)
    )
    starttermijn_dagen = forms.IntegerField(
        label=_("Starttermijn (dagen)"),
        min_value=1,
        max_value=TERMIJN_MAX,
        help_text=_("Binnen zoveel dagen na de plaatsing begint het traject."),
    )
    acceptatietermijn_werkdagen = forms.IntegerField(
        label=_("Acceptatietermijn (werkdagen)"),
        min_value=1,
        max_value=TERMIJN_MAX,
        help_text=_("Binnen zoveel werkdagen accepteert of weigert de aanbieder een plaatsing."),
    )

    def __init__(self, *args: Any, gemeenten: QuerySet[Gemeente] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if gemeenten is not None:
            self.fields["gemeenten"].queryset = gemeenten  # type: ignore[attr-defined]
        self._style()

    def as_input(self) -> PerceelInput:
        data = self.cleaned_data
        return PerceelInput(
            component=data["component"],
            prijsmodel=data["prijsmodel"],
            tarief=data["tarief"],
            resultaatbonus=data.get("resultaatbonus"),
            bonusvoorwaarde=data.get("bonusvoorwaarde", ""),
            volume=data["volume"],
            budgetplafond=data["budgetplafond"],
            gemeente_ids=frozenset(g.pk for g in data["gemeenten"]),
            starttermijn_dagen=data["starttermijn_dagen"],
            acceptatietermijn_werkdagen=data["acceptatietermijn_werkdagen"],
        )


class _BasePercelenFormSet(forms.BaseFormSet):  # type: ignore[type-arg]
    def __init__(self, *args: Any, gemeenten: QuerySet[Gemeente], **kwargs: Any) -> None:
        self.gemeenten = gemeenten
        super().__init__(*args, **kwargs)

    def add_fields(self, form: forms.Form, index: int | None) -> None:
        super().add_fields(form, index)
        if "DELETE" in form.fields:
            form.fields["DELETE"].label = _("Dit perceel vervalt in de nieuwe versie")

    def get_form_kwargs(self, index: int | None) -> dict[str, Any]:
        return {**super().get_form_kwargs(index), "gemeenten": self.gemeenten}

    @property
    def empty_form(self) -> Any:
        return self.form(
            auto_id=self.auto_id, prefix=self.add_prefix("__prefix__"), empty_permitted=True, gemeenten=self.gemeenten
        )

    def filled(self) -> list[PerceelForm]:
        """The forms with a perceel, in order: a row marked "vervalt" and an untouched empty row are left out."""
        return [
            form
            for index, form in enumerate(self.forms)
            if form.cleaned_data
            and not form.cleaned_data.get("DELETE")
            and (index < self.initial_form_count() or form.has_changed())
        ]

    def inputs(self) -> list[PerceelInput]:
        return [form.as_input() for form in self.filled()]

    def add_domain_error(self, field: str | None, message: str) -> bool:
        """Put a service's error (`percelen-<i>-<name>`) at the perceel's field; False when it is not a perceel's."""
        if not field or not field.startswith("percelen-"):
            return False
        _prefix, raw_index, name = field.split("-", 2)
        filled = self.filled()
        index = int(raw_index)
        if index >= len(filled):
            return False
        filled[index].add_domain_error(name, message)
        return True


PERCELEN_PREFIX = "percelen"


def percelen_formset(
    data: Any | None, *, gemeenten: QuerySet[Gemeente], initial: list[dict[str, Any]] | None = None, extra: int = 0
) -> Any:
    formset_class: Any = formset_factory(
        PerceelForm,
        formset=_BasePercelenFormSet,
        extra=extra,
        max_num=PERCELEN_MAX,
        validate_max=True,
        can_delete=bool(initial),  # a new version may drop a perceel of the last one
    )
    return formset_class(data, prefix=PERCELEN_PREFIX, initial=initial, gemeenten=gemeenten)


def perceel_initial(perceel: Perceel) -> dict[str, Any]:
    """A stored perceel as the initial values of a new version's row."""
    return {
        "component": perceel.component,
        "prijsmodel": perceel.prijsmodel,
        "tarief": perceel.tarief,
        "resultaatbonus": perceel.resultaatbonus,
        "bonusvoorwaarde": perceel.bonusvoorwaarde,
        "volume": perceel.volume,
        "budgetplafond": perceel.budgetplafond,
        "gemeenten": [g.pk for g in perceel.gemeenten.all()],
        "starttermijn_dagen": perceel.starttermijn_dagen,
        "acceptatietermijn_werkdagen": perceel.acceptatietermijn_werkdagen,
    }


def all_errors(form: forms.BaseForm, formset: Any | None = None) -> list[tuple[str, str, str]]:
    errors = form_error_list(form)
    if formset is not None:
        errors += [("", "", str(e)) for e in formset.non_form_errors()]
        for f in formset.forms:
            errors += form_error_list(f)
    return errors
