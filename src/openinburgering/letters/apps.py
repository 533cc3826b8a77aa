from django.apps import AppConfig


class LettersConfig(AppConfig):
    name = "openinburgering.letters"
    verbose_name = "Brieven"
