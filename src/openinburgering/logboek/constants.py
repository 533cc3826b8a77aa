"""Purposes (doelbinding) and legal grounds recorded with every processing of a person's data.

Modelled on Logius' Logboek Dataverwerkingen: each record names the processing activity,
its purpose and its legal ground (AVG art. 5(1)(b), 6, 30).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Purpose(models.TextChoices):
    REGIE = "regie", _("Uitvoering Wet inburgering 2021: regie op het inburgeringstraject")
    REGISTRATIE = "registratie", _("Aanmelding van een inburgeringsplichtige")
    TOEZICHT = "toezicht", _("Toezicht op verwerkingen en AVG-inzage")
    KOPPELING = "koppeling", _("Gegevensuitwisseling met systemen (API)")
    ONTZORGEN = "ontzorgen", _("Financieel ontzorgen: vaste lasten betalen uit de bijstand")


LEGAL_GROUND: dict[str, str] = {
    Purpose.REGIE: "Wi 2021 art. 14–17 en 36; AVG art. 6(1)(e)",
    Purpose.REGISTRATIE: "Wi 2021 art. 14 en 36; AVG art. 6(1)(e)",
    Purpose.TOEZICHT: "AVG art. 5(2), 15 en 30; BIO 8.15",
    Purpose.KOPPELING: "Wi 2021 art. 35 en 36; AVG art. 6(1)(e)",
    Purpose.ONTZORGEN: "Pw art. 56a en 57; AVG art. 6(1)(e)",
}


class Action(models.TextChoices):
    VIEW = "view", _("Ingezien")
    LIST = "list", _("In lijst getoond")
    SEARCH = "search", _("Gezocht")
    CREATE = "create", _("Aangemaakt")
    UPDATE = "update", _("Gewijzigd")
    EXPORT = "export", _("Geëxporteerd")
    # Special-category data (health; AVG art. 9, Wi 17(1), Bi 9.11): every read and write is logged as such.
    VIEW_SPECIAL = "view_bijzonder", _("Bijzondere persoonsgegevens ingezien")
    UPDATE_SPECIAL = "update_bijzonder", _("Bijzondere persoonsgegevens gewijzigd")
