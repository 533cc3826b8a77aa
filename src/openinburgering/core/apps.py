from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "openinburgering.core"
    verbose_name = "Kern"
