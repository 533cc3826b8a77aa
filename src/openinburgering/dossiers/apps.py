from django.apps import AppConfig


class DossiersConfig(AppConfig):
    name = "openinburgering.dossiers"
    verbose_name = "Dossiers"
