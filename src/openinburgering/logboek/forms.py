from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from openinburgering.core.forms import DATE_WIDGET, BsnField, NLDSFormMixin


class LogboekSearchForm(NLDSFormMixin, forms.Form):
    bsn = BsnField(label=_("BSN van de inburgeraar"), required=False)
    actor = forms.CharField(label=_("Gebruikersnaam"), required=False, max_length=150)
    since = forms.DateField(label=_("Vanaf"), required=False, widget=DATE_WIDGET)
    until = forms.DateField(label=_("Tot en met"), required=False, widget=DATE_WIDGET)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._style()

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        if self.is_bound and not self.errors and not (data.get("bsn") or data.get("actor")):
            raise forms.ValidationError(_("Zoek op een BSN, een gebruikersnaam of beide."))
        return data
