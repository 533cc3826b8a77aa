from django.apps import AppConfig


class InkoopConfig(AppConfig):
    name = "openinburgering.inkoop"
    verbose_name = "Inkoop"
