from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BetalingenConfig(AppConfig):
    name = "openinburgering.betalingen"
    verbose_name = _("Betalingen")

    def ready(self) -> None:
        from openinburgering.ontzorgen.betaalstand import betaalstand_register

        from . import tasks  # noqa: F401 - registers the tasks with services.TASKS
        from .betaalstand import Betaalstand

        betaalstand_register(Betaalstand())  # ontzorgen asks what was paid; it never imports this app
