"""Choices and role sets of financieel ontzorgen. The legal values themselves live in rules/ontzorgen.py."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from openinburgering.accounts.constants import Role
from openinburgering.rules.ontzorgen import VasteLastSoort, VerlengingsGrond

# Who records ontzorgen, fixed costs and benefits, and who may read them (the klantregisseur sees
# that a person is ontzorgd, and what is paid, because it is part of the PIP: Wi 15(3)).
ONTZORGEN_EDIT_ROLES: tuple[Role, ...] = (Role.FINANCIEEL_MEDEWERKER,)
ONTZORGEN_VIEW_ROLES: tuple[Role, ...] = (Role.FINANCIEEL_MEDEWERKER, Role.KLANTREGISSEUR, Role.TEAMLEIDER)


# The confirmation that a fixed cost with the same IBAN, kenmerk and amount as another is a different bill.
ANDERE_REKENING_LABEL = _("Dit is een andere rekening")


class VasteLastSoortChoices(models.TextChoices):
    HUUR = VasteLastSoort.HUUR, _("Huur")
    GAS = VasteLastSoort.GAS, _("Gas")
    ELEKTRICITEIT = VasteLastSoort.ELEKTRICITEIT, _("Elektriciteit")
    WATER = VasteLastSoort.WATER, _("Water")
    ZORGVERZEKERING = VasteLastSoort.ZORGVERZEKERING, _("Zorgverzekering")
    INBOEDELVERZEKERING = VasteLastSoort.INBOEDELVERZEKERING, _("Inboedelverzekering")
    AANSPRAKELIJKHEIDSVERZEKERING = VasteLastSoort.AANSPRAKELIJKHEIDSVERZEKERING, _("Aansprakelijkheidsverzekering")
    TELECOM = VasteLastSoort.TELECOM, _("Telefoon en internet")
    GEMEENTELIJKE_BELASTINGEN = VasteLastSoort.GEMEENTELIJKE_BELASTINGEN, _("Gemeentelijke belastingen")
    OVERIG = VasteLastSoort.OVERIG, _("Overig")


class VerlengingsGrondChoices(models.TextChoices):
    PW57_BESLUIT = VerlengingsGrond.PW57_BESLUIT, _("Besluit op grond van artikel 57 Participatiewet")
    TOESTEMMING = VerlengingsGrond.TOESTEMMING, _("Toestemming van de inburgeraar")


class OntzorgingStatus(models.TextChoices):
    ACTIEF = "actief", _("Actief")
    BEEINDIGD = "beeindigd", _("Beëindigd")


class WijzigingSoort(models.TextChoices):
    VERLENGING = "verlenging", _("Verlenging")
    VERBREDING = "verbreding", _("Verbreding (andere vaste lasten)")
    BEEINDIGING = "beeindiging", _("Beëindiging")


class KenmerkSoort(models.TextChoices):
    GESTRUCTUREERD = "gestructureerd", _("Betalingskenmerk")
    VRIJ = "vrij", _("Omschrijving")
