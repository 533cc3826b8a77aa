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


# Roles that work on individual dossiers and so see a person's data in the werkvoorraad.
CASELOAD_ROLES = frozenset({Role.KLANTREGISSEUR, Role.TEAMLEIDER})
# Roles that may register a new inburgeraar.
REGISTER_ROLES = frozenset({Role.KLANTREGISSEUR, Role.TEAMLEIDER})
