"""Purposes (doelbinding) and legal grounds recorded with every processing of a person's data.

Modelled on Logius' Logboek Dataverwerkingen: each record names the processing activity,
its purpose and its legal ground (AVG art. 5(1)(b), 6, 30).
"""

from datetime import date

from django.db import models
from django.utils.translation import gettext_lazy as _

from openinburgering.rules.base import Rule


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


SPECIAL_ACTIONS = frozenset({Action.VIEW_SPECIAL, Action.UPDATE_SPECIAL})

# Health data is a special category: art. 6 alone does not make processing it lawful; art. 9(1) forbids it
# unless an exception of art. 9(2) applies. Wi 17(1) is the national law that permits the college to process
# health data as far as needed for the brede intake, the PIP and support (domain brief §8); a Member State law
# for a substantial public interest is the exception of AVG art. 9(2)(g). Bi 9.11 sets the safeguards (only
# staff who need it). That Wi 17(1) rests on 9(2)(g) (and not, say, UAVG art. 30) is our reading, not checked
# against the memorie van toelichting: hence verified=False.
SPECIAL_CATEGORY_GROUND = Rule(
    value="AVG art. 9(2)(g) jo. Wi 2021 art. 17(1); Bi 9.11",
    source=(
        "AVG art. 9(2)(g), Wi 2021 art. 17(1), Bi 9.11: health data may be processed by the college as far as "
        "needed for the brede intake, the PIP and support, by staff who need it for their task"
    ),
    source_url="https://wetten.overheid.nl/BWBR0044770/2025-10-21#Artikel17",
    valid_from=date(2022, 1, 1),
    verified=False,
)


def legal_ground_for(purpose: str, action: str) -> str:
    """The legal ground recorded with a processing: the purpose's ground, plus the art. 9 exception when the
    processing touches special-category (health) data."""
    ground = LEGAL_GROUND[purpose]
    if action in SPECIAL_ACTIONS:
        return f"{ground}; {SPECIAL_CATEGORY_GROUND.value}"
    return ground
