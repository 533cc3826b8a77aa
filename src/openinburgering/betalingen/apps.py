from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BetalingenConfig(AppConfig):
    name = "openinburgering.betalingen"
    verbose_name = _("Betalingen")
