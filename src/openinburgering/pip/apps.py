from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PipConfig(AppConfig):
    name = "openinburgering.pip"
    verbose_name = _("PIP")
