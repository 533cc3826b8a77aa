from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IntakeConfig(AppConfig):
    name = "openinburgering.intake"
    verbose_name = _("Brede intake")

    def ready(self) -> None:
        from openinburgering.termijnen.providers import facts_register

        from .selectors import oproep_facts_for

        # The summonses run the deadlines of the brede intake (termijnen/providers.py).
        facts_register(name="intake", provider=lambda dossier: {"oproepen": oproep_facts_for(dossier=dossier)})
