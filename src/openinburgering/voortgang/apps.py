from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VoortgangConfig(AppConfig):
    name = "openinburgering.voortgang"
    verbose_name = _("Voortgang")
