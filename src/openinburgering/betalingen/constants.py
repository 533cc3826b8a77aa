"""States and choices of the betaalrun and its lines."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from openinburgering.accounts.constants import Role
from openinburgering.rules.sepa import PainVersie

BETAALRUN_ROLES: tuple[Role, ...] = (Role.FINANCIEEL_MEDEWERKER,)


class PainVersieChoices(models.TextChoices):
    V03 = PainVersie.V03.value, PainVersie.V03.value
    V09 = PainVersie.V09.value, PainVersie.V09.value


class RunStatus(models.TextChoices):
    AANMAKEN = "aanmaken", _("Wordt aangemaakt")
    CONCEPT = "concept", _("Concept")
    TER_ACCORDERING = "ter_accordering", _("Ter accordering")
    GOEDGEKEURD = "goedgekeurd", _("Goedgekeurd")
    GEEXPORTEERD = "geexporteerd", _("Geëxporteerd")
    VERWERKT = "verwerkt", _("Verwerkt")
    GEANNULEERD = "geannuleerd", _("Geannuleerd")


# Runs whose lines count as paid or about to be paid: they block a second payment.
LIVE_RUN_STATUSES = (
    RunStatus.AANMAKEN,
    RunStatus.CONCEPT,
    RunStatus.TER_ACCORDERING,
    RunStatus.GOEDGEKEURD,
    RunStatus.GEEXPORTEERD,
    RunStatus.VERWERKT,
)


class AfrekeningStatus(models.TextChoices):
    OPGENOMEN = "opgenomen", _("Opgenomen")
    UITGESLOTEN = "uitgesloten", _("Uitgesloten")


class Uitsluitingsreden(models.TextChoices):
    GEEN_UITKERING = "geen_uitkering", _("Geen uitkering bekend voor deze maand")
    LASTEN_HOGER = "lasten_hoger", _("De vaste lasten zijn hoger dan de uitkering")
    GEEN_REKENING = "geen_rekening", _("Geen rekeningnummer voor het leefgeld")


class RegelSoort(models.TextChoices):
    VASTE_LAST = "vaste_last", _("Vaste last")
    LEEFGELD = "leefgeld", _("Leefgeld")


class RegelStatus(models.TextChoices):
    OPEN = "open", _("Nog niet verwerkt")
    BETAALD = "betaald", _("Betaald")
    GEWEIGERD = "geweigerd", _("Geweigerd")
