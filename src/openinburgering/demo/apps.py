from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "openinburgering.demo"
    verbose_name = "Demo"
