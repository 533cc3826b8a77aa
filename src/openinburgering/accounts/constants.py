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
    AANBIEDER = "aanbieder", _("Aanbieder")


# Who works with dossiers (pages and API alike): who reads them, and who changes and registers them.
DOSSIER_ROLES: tuple[Role, ...] = (Role.KLANTREGISSEUR, Role.TEAMLEIDER, Role.FINANCIEEL_MEDEWERKER)
DOSSIER_EDIT_ROLES: tuple[Role, ...] = (Role.KLANTREGISSEUR, Role.TEAMLEIDER)
