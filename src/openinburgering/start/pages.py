"""Which page each role starts on after logging in, in the order that picks one for a user with several roles.

The roles that work with dossiers every day come first (their start page is the werkvoorraad), then those
who keep the product running, then those who read it. A user with several roles lands on the first of
theirs; the menu shows the others.
"""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from openinburgering.accounts.constants import AANBIEDER_ROLES, Role
from openinburgering.accounts.models import User


@dataclass(frozen=True)
class StartPage:
    url_name: str
    label: Promise


START_PAGES: tuple[tuple[Role, StartPage], ...] = (
    (Role.KLANTREGISSEUR, StartPage("dossiers:werkvoorraad", _("Werkvoorraad"))),
    (Role.TEAMLEIDER, StartPage("dossiers:werkvoorraad", _("Werkvoorraad"))),
    (Role.FINANCIEEL_MEDEWERKER, StartPage("dossiers:werkvoorraad", _("Werkvoorraad"))),
    (Role.FUNCTIONEEL_BEHEERDER, StartPage("start:beheer", _("Beheeroverzicht"))),
    (Role.CONTRACTMANAGER, StartPage("start:contractmanager", _("Contractmanagement"))),
    (Role.BELEIDSMEDEWERKER, StartPage("start:beleid", _("Cijfers"))),
    (Role.AANBIEDER, StartPage("start:aanbieder", _("Mijn organisatie"))),
    (Role.DOCENT, StartPage("start:docent", _("Mijn lessen vandaag"))),
    (Role.LEERLING, StartPage("start:leerling", _("Mijn lessen"))),
)


def start_pages_for(user: User) -> list[StartPage]:
    """The start pages of the user's roles, first the one they land on; each page once."""
    pages: list[StartPage] = []
    for role, page in START_PAGES:
        if user.has_role(Role.LEERLING) and role != Role.LEERLING:
            continue  # a leerling's account opens nothing but their own lessons (LeerlingOnlyMiddleware)
        if user.has_role(role) and page not in pages:
            if role not in AANBIEDER_ROLES and user.scope.is_aanbieder:
                continue  # an aanbieder's employee never gets a gemeente's pages, whatever roles they hold
            pages.append(page)
    return pages
