from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "openinburgering.accounts"
    verbose_name = "Gebruikers"

    def ready(self) -> None:
        from django.contrib.auth.models import Group
        from django.contrib.auth.signals import user_logged_in

        from .labels import group_label
        from .middleware import session_renewed_at_login

        # Each group is a role named by its code; everywhere a group is shown (the admin's role picker,
        # filters, the group list) it shows the role's Dutch name (issue 11, part 5.5).
        Group.__str__ = group_label  # type: ignore[method-assign]
        user_logged_in.connect(session_renewed_at_login, dispatch_uid="accounts.session_renewed_at_login")
