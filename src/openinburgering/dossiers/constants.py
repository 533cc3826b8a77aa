from django.db import models
from django.utils.translation import gettext_lazy as _

from openinburgering.rules.enums import Doelgroep, GedetailleerdeDoelgroep, RedenGeenInburgeringsplicht


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
    Status.AANGEMELD: frozenset({Status.BREDE_INTAKE, Status.BEEINDIGD, Status.OVERGEDRAGEN}),
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
NEXT_ACTION: dict[Status, str] = {
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


DoelgroepChoices = models.TextChoices(  # type: ignore[misc]
    "DoelgroepChoices", [(d.name, (d.value, d.value)) for d in Doelgroep]
)
GedetailleerdeDoelgroepChoices = models.TextChoices(  # type: ignore[misc]
    "GedetailleerdeDoelgroepChoices", [(d.name, (d.value, d.value)) for d in GedetailleerdeDoelgroep]
)
RedenEindeChoices = models.TextChoices(  # type: ignore[misc]
    "RedenEindeChoices", [(d.name, (d.value, d.value)) for d in RedenGeenInburgeringsplicht]
)
