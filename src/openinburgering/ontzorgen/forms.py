"""Forms validate shape and name the field; the services apply the rules (Pw 56a and 57, SEPA, the
betalingskenmerk). Field names equal the services' arguments, so a service's error lands on its field."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from openinburgering.core.bedragen import BedragFormField
from openinburgering.core.forms import DATE_WIDGET, MonthField, NLDSFormMixin

from .constants import (
    ANDERE_REKENING_LABEL,
    KenmerkSoort,
    VasteLastSoortChoices,
    VerlengingsGrondChoices,
    WijzigingSoort,
)
from .selectors import AFLOOP_MAX_DAGEN, OverzichtStatus

TEXTAREA = forms.Textarea(attrs={"rows": 3, "class": "utrecht-textarea utrecht-textarea--html-textarea"})
RADIO = forms.RadioSelect(attrs={"class": "utrecht-radio-button utrecht-radio-button--html-input"})


class OntzorgenForm(NLDSFormMixin, forms.Form):
    # No HTML `required`: an empty required field would show as invalid before anything was sent.
    use_required_attribute = False

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._style()


class OntzorgingForm(OntzorgenForm):
    """A new ontzorgingsbeschikking (Pw 56a)."""

    startdatum = forms.DateField(
        label=_("Ingangsdatum bijstand"),
        widget=DATE_WIDGET,
        help_text=_("De dag waarop het recht op bijstand ingaat. Het ontzorgen duurt zes maanden vanaf die dag."),
    )
    asielvergunning_bepaalde_tijd = forms.BooleanField(
        label=_("Heeft zelf een verblijfsvergunning asiel voor bepaalde tijd"),
        required=False,
        help_text=_(
            "Alleen dan geldt artikel 56a van de Participatiewet. Een gezinslid met een regulier verblijfsrecht "
            "valt er niet onder."
        ),
    )
    besluitdatum = forms.DateField(label=_("Datum besluit"), widget=DATE_WIDGET)
    machtiging_op = forms.DateField(
        label=_("Machtiging getekend op"), widget=DATE_WIDGET, required=False, help_text=_("Leeg: nog niet getekend.")
    )
    rekeninghouder = forms.CharField(
        label=_("Naam rekeninghouder"),
        max_length=70,
        required=False,
        help_text=_("Leeg: de naam van de inburgeraar."),
    )
    iban = forms.CharField(
        label=_("IBAN van de inburgeraar"),
        max_length=42,
        required=False,
        help_text=_("Hierop komt het leefgeld."),
    )


class GegevensForm(OntzorgenForm):
    """The signed machtiging and the person's own account, recorded later."""

    machtiging_op = forms.DateField(
        label=_("Machtiging getekend op"), widget=DATE_WIDGET, required=False, help_text=_("Leeg: nog niet getekend.")
    )
    rekeninghouder = forms.CharField(
        label=_("Naam rekeninghouder"), max_length=70, required=False, help_text=_("Leeg: de naam van de inburgeraar.")
    )
    iban = forms.CharField(
        label=_("IBAN van de inburgeraar"), max_length=42, required=False, help_text=_("Hierop komt het leefgeld.")
    )


class WijzigingForm(OntzorgenForm):
    """Extend, widen or end the ontzorging."""

    soort = forms.ChoiceField(label=_("Wat verandert er?"), choices=WijzigingSoort.choices, widget=RADIO)
    grond = forms.ChoiceField(
        label=_("Grond"),
        choices=[("", _("— kies bij verlengen of uitbreiden —")), *VerlengingsGrondChoices.choices],
        required=False,
        help_text=_("Verlengen of uitbreiden kan alleen op een besluit op grond van artikel 57, of met toestemming."),
    )
    reden = forms.CharField(
        label=_("Reden"), widget=TEXTAREA, max_length=2000, help_text=_("Deze tekst komt in de brief.")
    )
    besluitdatum = forms.DateField(label=_("Datum besluit"), widget=DATE_WIDGET)
    nieuwe_einddatum = forms.DateField(
        label=_("Nieuwe einddatum"),
        widget=DATE_WIDGET,
        required=False,
        help_text=_("Verlengen: de nieuwe laatste dag. Beëindigen: de laatste dag. Uitbreiden: leeg laten of later."),
    )


class VasteLastTermsForm(OntzorgenForm):
    """The terms of a version of a fixed cost."""

    van_maand = MonthField(label=_("Vanaf maand"))
    tot_en_met_maand = MonthField(
        label=_("Tot en met maand"), required=False, help_text=_("Leeg: zolang de ontzorging loopt.")
    )
    crediteur = forms.CharField(label=_("Naam crediteur"), max_length=200)
    iban = forms.CharField(label=_("IBAN crediteur"), max_length=42)
    bic = forms.CharField(
        label=_("BIC"),
        max_length=20,
        required=False,
        help_text=_(
            "Alleen nodig voor een rekening buiten de Europese Economische Ruimte, bijvoorbeeld in Zwitserland."
        ),
    )
    kenmerk_soort = forms.ChoiceField(
        label=_("Soort kenmerk"), choices=KenmerkSoort.choices, widget=RADIO, initial=KenmerkSoort.GESTRUCTUREERD
    )
    kenmerk = forms.CharField(
        label=_("Betalingskenmerk of omschrijving"),
        max_length=300,
        help_text=_(
            "Een betalingskenmerk (16 cijfers) staat op de rekening of acceptgiro. Anders een omschrijving, "
            "zoals het klantnummer."
        ),
    )
    bedrag = BedragFormField(
        label=_("Bedrag per maand (€)"),
        veld=_("het bedrag per maand"),
        help_text=_("Bijvoorbeeld 650,00 of 1.234,56."),
    )
    # Shown only when asked (_fields.html): the terms equal another fixed cost's, and the user confirms.
    andere_rekening = forms.BooleanField(
        label=ANDERE_REKENING_LABEL,
        required=False,
        help_text=_(
            "Een andere vaste last betaalt dezelfde crediteur met hetzelfde kenmerk en bedrag. Vink dit alleen aan "
            "als het echt om een andere rekening gaat; uw bevestiging wordt vastgelegd."
        ),
    )


class VasteLastForm(VasteLastTermsForm):
    """A new fixed cost: its kind and its first terms."""

    soort = forms.ChoiceField(label=_("Soort vaste last"), choices=VasteLastSoortChoices.choices)
    field_order = ["soort"]


class StopForm(OntzorgenForm):
    laatste_maand = MonthField(label=_("Laatste maand die wij betalen"))


class OverzichtFilterForm(forms.Form):
    """The overview's filters; a bad value falls back to the default (no error page for a URL)."""

    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[
            (OverzichtStatus.ACTIEF, _("Lopend")),
            (OverzichtStatus.BEEINDIGD, _("Beëindigd of afgelopen")),
            (OverzichtStatus.ALLE, _("Alle")),
        ],
    )
    binnen_dagen = forms.IntegerField(
        label=_("Loopt af binnen (dagen)"), required=False, min_value=0, max_value=AFLOOP_MAX_DAGEN
    )
