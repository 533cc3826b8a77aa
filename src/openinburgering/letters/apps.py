from django.apps import AppConfig


class LettersConfig(AppConfig):
    name = "openinburgering.letters"
    verbose_name = "Brieven"

    def ready(self) -> None:
        from openinburgering.logboek.labels import register_code_labels

        from .models import Document

        # The processing log names a stored letter by its kind ("document pip_beschikking").
        register_code_labels({kind.value: kind.label for kind in Document.Kind})
