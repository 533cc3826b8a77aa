from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "openinburgering.accounts"
    verbose_name = "Gebruikers"

    def ready(self) -> None:
        from django.contrib.auth.models import Group

        from .labels import group_label

        # Each group is a role named by its code; everywhere a group is shown (the admin's role picker,
        # filters, the group list) it shows the role's Dutch name (issue 11, part 5.5).
        Group.__str__ = group_label  # type: ignore[method-assign]
