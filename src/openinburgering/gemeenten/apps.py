from django.apps import AppConfig


class GemeentenConfig(AppConfig):
    name = "openinburgering.gemeenten"
    verbose_name = "Gemeenten"
