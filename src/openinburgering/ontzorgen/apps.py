from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OntzorgenConfig(AppConfig):
    name = "openinburgering.ontzorgen"
    verbose_name = _("Financieel ontzorgen")
