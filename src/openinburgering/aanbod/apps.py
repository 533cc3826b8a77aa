from django.apps import AppConfig


class AanbodConfig(AppConfig):
    name = "openinburgering.aanbod"
    verbose_name = "Aanbod"
