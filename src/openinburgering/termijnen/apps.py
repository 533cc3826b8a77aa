from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TermijnenConfig(AppConfig):
    name = "openinburgering.termijnen"
    verbose_name = _("Termijnen")
