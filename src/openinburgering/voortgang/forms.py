from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from openinburgering.core.forms import DATE_WIDGET, NLDSFormMixin

from .models import VerwijtbaarChoices

VERWIJTBAAR_CHOICES = [("", _("Niet doorgeven")), *VerwijtbaarChoices.choices]
VERWIJTBAAR_HELP = _("Alleen als de datum na het einde van de inburgeringstermijn ligt.")


class ResultatenForm(NLDSFormMixin, forms.Form):
    """The whole resource at once: an empty date withdraws it at DUO."""

    use_required_attribute = False

    versie = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    map_datum = forms.DateField(label=_("Datum eindgesprek MAP"), required=False, widget=DATE_WIDGET)
    map_verwijtbaar = forms.ChoiceField(
        label=_("MAP: verwijtbaar"), choices=VERWIJTBAAR_CHOICES, required=False, help_text=VERWIJTBAAR_HELP
    )
    pvt_datum = forms.DateField(label=_("Datum ondertekening PVT"), required=False, widget=DATE_WIDGET)
    pvt_verwijtbaar = forms.ChoiceField(
        label=_("PVT: verwijtbaar"), choices=VERWIJTBAAR_CHOICES, required=False, help_text=VERWIJTBAAR_HELP
    )
    zroute_datum = forms.DateField(
        label=_("Datum afronding Z-route"),
        required=False,
        widget=DATE_WIDGET,
        help_text=_("Alleen bij de Z-route."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._style()
