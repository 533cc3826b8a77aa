"""Choices for the PIP: the rules' enumerations of DUO's codes, with Dutch labels.

Written out (not built from the enums) so that type checkers can follow them;
pip/tests/test_constants.py keeps their values equal to openinburgering.rules.leerroute.
"""

from typing import TYPE_CHECKING

from django.db import models
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from django_stubs_ext import StrPromise


class LeerrouteChoices(models.TextChoices):
    """DUO PIP API `Leerroute` (Wi 7-9)."""

    B1_ROUTE = "B", _("B1-route")
    ONDERWIJSROUTE = "O", _("Onderwijsroute")
    Z_ROUTE = "Z", _("Zelfredzaamheidsroute (Z-route)")


class NiveauChoices(models.TextChoices):
    """DUO PIP API `NiveauPip`: the minimum level of the language exams."""

    A2 = "A2", "A2"
    B1 = "B1", "B1"


class AlfabetiseringChoices(models.TextChoices):
    """DUO `Alfabetiseringsonderwijs`, labelled with DUO's descriptions."""

    ANALFABEET = "A", _("Onderwijs voor analfabeet")
    ANDERS_ALFABEET = "AA", _("Onderwijs voor anders-analfabeet")
    NIET_VAN_TOEPASSING = "NVT", _("Niet van toepassing")


# How a leerroute is named inside a Dutch sentence ("op de onderwijsroute").
ROUTE_IN_SENTENCE: dict[str, "StrPromise"] = {
    LeerrouteChoices.B1_ROUTE: _("B1-route"),
    LeerrouteChoices.ONDERWIJSROUTE: _("onderwijsroute"),
    LeerrouteChoices.Z_ROUTE: _("Z-route"),
}
