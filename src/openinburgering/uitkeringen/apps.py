from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class UitkeringenConfig(AppConfig):
    name = "openinburgering.uitkeringen"
    verbose_name = _("Uitkeringen")
