from django.apps import AppConfig


class LogboekConfig(AppConfig):
    name = "openinburgering.logboek"
    verbose_name = "Logboek"
