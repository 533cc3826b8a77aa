"""manage.py demo_logins: the demo's usernames, who they are, what they may see, and the password."""

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand

from openinburgering.accounts.models import User
from openinburgering.demo.generator import DEMO_PASSWORD, USERS
from openinburgering.gemeenten.models import Gemeente

# The demo settings derive it from DEMO_ADDR (conf/demo.py); elsewhere the default of runserver.
DEFAULT_URL = "http://127.0.0.1:8000"


class Command(BaseCommand):
    help = "Toont de inloggegevens van de demogebruikers."

    def handle(self, *args: Any, **options: Any) -> None:
        usernames = [spec.username for spec in USERS]
        users = {
            user.username: user
            for user in User.objects.filter(username__in=usernames, is_active=True)
            .select_related("aanbieder", "team")
            .prefetch_related("groups", "gemeenten")
        }
        if not users:
            self.stdout.write("Er zijn nog geen demogebruikers. Laad eerst de demo: manage.py demo_region")
            return
        all_gemeenten = Gemeente.objects.count()
        rows = [("Gebruikersnaam", "Naam", "Rol", "Ziet")]
        for username in usernames:
            if username not in users:
                continue
            user = users[username]
            rows.append((username, str(user), ", ".join(user.role_labels), _scope(user, all_gemeenten)))
        widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
        lines = ["  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip() for row in rows]
        lines.insert(1, "  ".join("-" * width for width in widths))

        self.stdout.write("")
        self.stdout.write(self.style.MIGRATE_HEADING("Demo-inloggegevens"))
        self.stdout.write("\n".join(lines))
        self.stdout.write("")
        self.stdout.write(f"Wachtwoord (voor iedereen): {DEMO_PASSWORD}")
        if settings.TWO_FACTOR_REQUIRED:
            self.stdout.write(
                self.style.WARNING(
                    "Let op: tweestapsverificatie staat AAN. Start de demo met "
                    "DJANGO_SETTINGS_MODULE=openinburgering.conf.demo om zonder authenticator-app in te loggen."
                )
            )
        else:
            self.stdout.write("Tweestapsverificatie staat uit in de demo: alleen gebruikersnaam en wachtwoord.")
        demo_url = getattr(settings, "DEMO_URL", DEFAULT_URL)
        self.stdout.write(f"Open {demo_url} in de browser.")
        for username in usernames:
            if username in users and users[username].is_staff:
                self.stdout.write(f"{username} kan ook het beheer gebruiken: {demo_url}/admin/")
        self.stdout.write("")


def _scope(user: User, all_gemeenten: int) -> str:
    if user.aanbieder is not None:
        return f"aanbieder {user.aanbieder}"
    names = sorted(gemeente.naam for gemeente in user.gemeenten.all())
    if not names:
        return "niets"
    if len(names) == all_gemeenten > 1:
        return f"alle {len(names)} gemeenten"
    return ", ".join(names)
