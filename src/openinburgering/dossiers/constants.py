from typing import TYPE_CHECKING

from django.db import models
from django.utils.translation import gettext_lazy as _

from openinburgering.rules.enums import RedenGeenInburgeringsplicht

if TYPE_CHECKING:
    from django_stubs_ext import StrPromise


class Status(models.TextChoices):
    """The stages of a dossier (DESIGN.md, the chain)."""

    AANGEMELD = "aangemeld", _("Aangemeld")
    BREDE_INTAKE = "brede_intake", _("Brede intake")
    PIP = "pip", _("PIP")
    UITVOERING = "uitvoering", _("Uitvoering")
    AFGEROND = "afgerond", _("Afgerond")
    BEEINDIGD = "beeindigd", _("Beëindigd")
    OVERGEDRAGEN = "overgedragen", _("Overgedragen")


OPEN_STATUSES = frozenset({Status.AANGEMELD, Status.BREDE_INTAKE, Status.PIP, Status.UITVOERING})
CLOSED_STATUSES = frozenset({Status.AFGEROND, Status.BEEINDIGD, Status.OVERGEDRAGEN})

# The only moves a dossier can make. Closing moves need a reason (see CLOSING_REASONS).
TRANSITIONS: dict[Status, frozenset[Status]] = {
    # Afgerond straight from aangemeld: DUO may grant a full vrijstelling or ontheffing (or see a diploma)
    # before the brede intake has started (SS106-SS108).
    Status.AANGEMELD: frozenset({Status.BREDE_INTAKE, Status.AFGEROND, Status.BEEINDIGD, Status.OVERGEDRAGEN}),
    Status.BREDE_INTAKE: frozenset({Status.PIP, Status.AFGEROND, Status.BEEINDIGD, Status.OVERGEDRAGEN}),
    Status.PIP: frozenset(
        {Status.UITVOERING, Status.BREDE_INTAKE, Status.AFGEROND, Status.BEEINDIGD, Status.OVERGEDRAGEN}
    ),
    Status.UITVOERING: frozenset({Status.AFGEROND, Status.BEEINDIGD, Status.OVERGEDRAGEN}),
    Status.AFGEROND: frozenset(),
    Status.BEEINDIGD: frozenset(),
    Status.OVERGEDRAGEN: frozenset(),
}

# DUO's RedenGeenInburgeringsplicht, split by how the dossier ends: the duty is met (or
# lifted by DUO's decision) → afgerond; the duty ends for another reason → beëindigd.
CLOSING_REASONS: dict[Status, frozenset[RedenGeenInburgeringsplicht]] = {
    Status.AFGEROND: frozenset(
        {
            RedenGeenInburgeringsplicht.INBURGERINGSPLICHT_VOLDAAN,
            RedenGeenInburgeringsplicht.VOLLEDIGE_VRIJSTELLING,
            RedenGeenInburgeringsplicht.VOLLEDIGE_ONTHEFFING,
        }
    ),
    Status.BEEINDIGD: frozenset(
        {
            RedenGeenInburgeringsplicht.VERBLIJFSDOEL_GEWIJZIGD,
            RedenGeenInburgeringsplicht.VERTREK_UIT_NEDERLAND,
            RedenGeenInburgeringsplicht.OVERLIJDEN,
            RedenGeenInburgeringsplicht.OVERIG,
        }
    ),
}

# What a klantregisseur does next in each stage. The deadline engine (brede intake / PIP
# issue) adds the legal date to each of these.
NEXT_ACTION: dict[str, "StrPromise"] = {
    Status.AANGEMELD: _("Brede intake plannen"),
    Status.BREDE_INTAKE: _("Brede intake afronden"),
    Status.PIP: _("PIP vaststellen"),
    Status.UITVOERING: _("Voortgang volgen"),
}


class Geslacht(models.TextChoices):
    """BRP's aanduiding geslacht."""

    MAN = "M", _("Man")
    VROUW = "V", _("Vrouw")
    ONBEKEND = "O", _("Onbekend")


class Relatie(models.TextChoices):
    PARTNER = "partner", _("Partner")
    KIND = "kind", _("Kind")


# The choices below are the rules.enums StrEnums as model choices: same names, DUO's exact string
# as value and label. Written out (not built with TextChoices("Name", [...])) so that type
# checkers can follow them; dossiers/tests/test_constants.py keeps them equal to the enums.


class DoelgroepChoices(models.TextChoices):
    ASIELSTATUSHOUDER = "Asielstatushouder", "Asielstatushouder"
    GEZINSMIGRANT_EN_OVERIGE_MIGRANT = "Gezinsmigrant en overige migrant", "Gezinsmigrant en overige migrant"


class GedetailleerdeDoelgroepChoices(models.TextChoices):
    ASIELSTATUSHOUDER = "Asielstatushouder", "Asielstatushouder"
    GEESTELIJK_BEDIENAAR = "Geestelijk bedienaar", "Geestelijk bedienaar"
    GEZINSHERENIGER = "Gezinshereniger", "Gezinshereniger"
    GEZINSHERENIGER_MET_ASIELSTATUSHOUDER = (
        "Gezinshereniger met Asielstatushouder",
        "Gezinshereniger met Asielstatushouder",
    )
    GEZINSVORMER = "Gezinsvormer", "Gezinsvormer"
    GEZINSVORMER_MET_ASIELSTATUSHOUDER = "Gezinsvormer met Asielstatushouder", "Gezinsvormer met Asielstatushouder"
    OVERIG = "Overig", "Overig"


class RedenEindeChoices(models.TextChoices):
    VOLLEDIGE_ONTHEFFING = "Volledige ontheffing", "Volledige ontheffing"
    VOLLEDIGE_VRIJSTELLING = "Volledige vrijstelling", "Volledige vrijstelling"
    INBURGERINGSPLICHT_VOLDAAN = "Inburgeringsplicht voldaan", "Inburgeringsplicht voldaan"
    VERBLIJFSDOEL_GEWIJZIGD = "Verblijfsdoel gewijzigd", "Verblijfsdoel gewijzigd"
    VERTREK_UIT_NEDERLAND = "Vertrek uit Nederland langer dan een jaar", "Vertrek uit Nederland langer dan een jaar"
    OVERLIJDEN = "Overlijden", "Overlijden"
    OVERIG = "Overig", "Overig"
    TIJDELIJKE_VRIJSTELLING = "Tijdelijke vrijstelling", "Tijdelijke vrijstelling"
