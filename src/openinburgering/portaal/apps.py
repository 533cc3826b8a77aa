from django.apps import AppConfig


class PortaalConfig(AppConfig):
    name = "openinburgering.portaal"
    verbose_name = "Aanbiedersportaal"
