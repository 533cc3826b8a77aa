from django.apps import AppConfig


class DossiersConfig(AppConfig):
    name = "openinburgering.dossiers"
    verbose_name = "Dossiers"

    def ready(self) -> None:
        from openinburgering.termijnen.providers import dossier_register

        from .deadlines import dossier_next_deadline_store, dossier_termijn_facts, open_dossiers

        dossier_register(
            facts=dossier_termijn_facts, store_next_deadline=dossier_next_deadline_store, open_dossiers=open_dossiers
        )
