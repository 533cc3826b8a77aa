from datetime import date
from typing import Any

from django import forms
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from openinburgering.core.forms import DATE_WIDGET, NLDSFormMixin
from openinburgering.gemeenten.models import Gemeente
from openinburgering.rules.kalender import month_add, month_of, month_parse

from .services.betaalrun import MAANDEN_VOORUIT

MAX_BESTAND = 50 * 1024 * 1024  # a camt.053 of a month for a large gemeente stays well under this


def maand_choices(today: date) -> list[tuple[str, str]]:
    """This month, the months ahead a run may be made for, and the two before (to pay late)."""
    current = month_of(today)
    months = [month_add(current, n) for n in range(MAANDEN_VOORUIT, -3, -1)]
    return [(f"{m:%Y-%m}", str(date_format(m, "F Y"))) for m in months]


class BetaalrunStartForm(NLDSFormMixin, forms.Form):
    maand = forms.ChoiceField(label=_("Maand"), help_text=_("De maand waarvoor de vaste lasten worden betaald."))
    gemeenten = forms.ModelMultipleChoiceField(
        label=_("Gemeenten"),
        queryset=Gemeente.objects.none(),
        widget=forms.CheckboxSelectMultiple(attrs={"class": "utrecht-checkbox utrecht-checkbox--html-input"}),
    )
    uitvoerdatum = forms.DateField(
        label=_("Uitvoerdatum"),
        widget=DATE_WIDGET,
        required=False,
        help_text=_("De dag waarop de bank betaalt. Leeg: de eerstvolgende werkdag."),
    )

    def __init__(self, *args: Any, gemeenten: Any, today: date, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["maand"].choices = maand_choices(today)  # type: ignore[attr-defined]
        self.fields["gemeenten"].queryset = gemeenten  # type: ignore[attr-defined]
        self._style()

    def clean_maand(self) -> date:
        return month_parse(self.cleaned_data["maand"])  # one of maand_choices: "jjjj-mm"


class AfkeurForm(NLDSFormMixin, forms.Form):
    reden = forms.CharField(label=_("Waarom stuurt u de betaalrun terug?"), widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._style()


class BankafschriftForm(NLDSFormMixin, forms.Form):
    bestand = forms.FileField(
        label=_("Bankafschrift (camt.053 of camt.054)"),
        help_text=_("Het XML-bestand dat u bij de bank downloadt."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._style()

    def clean_bestand(self) -> Any:
        bestand = self.cleaned_data["bestand"]
        if bestand.size > MAX_BESTAND:
            raise forms.ValidationError(_("Het bestand is groter dan 50 MB."))
        return bestand
