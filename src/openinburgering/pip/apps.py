import dataclasses

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PipConfig(AppConfig):
    name = "openinburgering.pip"
    verbose_name = _("PIP")

    def ready(self) -> None:
        from openinburgering.termijnen.providers import facts_register

        from .selectors import pip_termijn_facts

        # The PIP's dates run the PIP, bezwaar and inburgeringstermijn deadlines (termijnen/providers.py);
        # PipTermijnFacts' fields are named as rules.dossiertermijnen.DossierFacts names them.
        facts_register(name="pip", provider=lambda dossier: dataclasses.asdict(pip_termijn_facts(dossier=dossier)))
