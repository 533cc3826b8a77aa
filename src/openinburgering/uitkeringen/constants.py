"""Choices of the net benefits. Who may record them is ontzorgen's role set (ONTZORGEN_EDIT_ROLES)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class UitkeringBron(models.TextChoices):
    HANDMATIG = "handmatig", _("Handmatig ingevoerd")
    IMPORT = "import", _("Import")
    API = "api", _("API")


class Resultaat(models.TextChoices):
    """What storing one row did (a file's line, an API item)."""

    NIEUW = "nieuw", _("Nieuw")
    GEWIJZIGD = "gewijzigd", _("Gewijzigd")
    ONGEWIJZIGD = "ongewijzigd", _("Ongewijzigd")
