from django import forms
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.utils.translation import gettext_lazy as _

from openinburgering.core.forms import NLDSFormMixin


class DocentForm(NLDSFormMixin, forms.Form):
    username = forms.CharField(
        label=_("Gebruikersnaam"),
        max_length=150,
        validators=[UnicodeUsernameValidator()],
        help_text=_("Waarmee de docent inlogt, bijvoorbeeld voornaam.achternaam. Letters, cijfers en @ . + - _"),
    )
    first_name = forms.CharField(label=_("Voornaam"), max_length=150)
    last_name = forms.CharField(label=_("Achternaam"), max_length=150)
    email = forms.EmailField(label=_("E-mailadres"), help_text=_("Het werkadres van de docent."))

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self._style()


class LeerlingForm(NLDSFormMixin, forms.Form):
    first_name = forms.CharField(
        label=_("Voornaam"),
        max_length=150,
        help_text=_("De gebruikersnaam wordt hiervan gemaakt, met vier cijfers erachter."),
    )
    last_name = forms.CharField(label=_("Achternaam"), max_length=150)

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self._style()
