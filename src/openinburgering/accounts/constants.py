from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    """The roles of DESIGN.md. A user may hold several; each is a Django group of the same name."""

    KLANTREGISSEUR = "klantregisseur", _("Klantregisseur")
    TEAMLEIDER = "teamleider", _("Teamleider")
    FINANCIEEL_MEDEWERKER = "financieel_medewerker", _("Financieel medewerker")
    CONTRACTMANAGER = "contractmanager", _("Contractmanager")
    BELEIDSMEDEWERKER = "beleidsmedewerker", _("Beleidsmedewerker")
    FUNCTIONEEL_BEHEERDER = "functioneel_beheerder", _("Functioneel beheerder")
    AANBIEDER = "aanbieder", _("Aanbieder")  # the school's coordinator in the aanbiedersportaal
    DOCENT = "docent", _("Docent")
    LEERLING = "leerling", _("Leerling")


# Who works with dossiers (pages and API alike): who reads them, and who changes and registers them.
DOSSIER_ROLES: tuple[Role, ...] = (Role.KLANTREGISSEUR, Role.TEAMLEIDER, Role.FINANCIEEL_MEDEWERKER)
DOSSIER_EDIT_ROLES: tuple[Role, ...] = (Role.KLANTREGISSEUR, Role.TEAMLEIDER)

# The roles scoped to one aanbieder (User.aanbieder): the school's coordinator, its teachers and its learners.
AANBIEDER_ROLES: tuple[Role, ...] = (Role.AANBIEDER, Role.DOCENT, Role.LEERLING)
# The accounts a coordinator issues and manages in the aanbiedersportaal (portaal app).
PORTAAL_ACCOUNT_ROLES: tuple[Role, ...] = (Role.DOCENT, Role.LEERLING)
