from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TakenConfig(AppConfig):
    name = "openinburgering.taken"
    verbose_name = _("Taken")
