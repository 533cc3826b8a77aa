from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DuoConfig(AppConfig):
    name = "openinburgering.duo"
    verbose_name = _("DUO-koppeling")

    def ready(self) -> None:
        from openinburgering.core import events

        from . import (
            checks,  # noqa: F401  (registers the system checks)
            labels,  # noqa: F401 - registers the DUO codes' Dutch names with the processing log
            tasks,  # noqa: F401 - registers the tasks with outbox.TASKS
        )
        from .keten import SUBSCRIPTIONS

        for fact_type, handler in SUBSCRIPTIONS:  # the chain's facts become outbox rows, in their transaction
            events.subscribe(fact_type, handler)
