from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DuoConfig(AppConfig):
    name = "openinburgering.duo"
    verbose_name = _("DUO-koppeling")
