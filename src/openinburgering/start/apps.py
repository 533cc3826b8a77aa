from django.apps import AppConfig


class StartConfig(AppConfig):
    name = "openinburgering.start"
    verbose_name = "Startpagina's"
