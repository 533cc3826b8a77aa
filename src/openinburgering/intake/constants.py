"""Choices and role sets of the brede intake. The legal values themselves live in rules/intake.py."""

from typing import TYPE_CHECKING

from django.db import models
from django.utils.translation import gettext_lazy as _

from openinburgering.accounts.constants import Role
from openinburgering.rules.intake import IntakeOnderdeel

if TYPE_CHECKING:
    from django_stubs_ext import StrPromise

# Who may see and change health information (special category: AVG art. 9, Wi 17(1), Bi 9.11):
# the klantregisseur who writes the PIP and the teamleider; never finance, providers or volunteers.
GEZONDHEID_ROLES: tuple[Role, ...] = (Role.KLANTREGISSEUR, Role.TEAMLEIDER)


ONDERDEEL_LABELS: dict[IntakeOnderdeel, "StrPromise"] = {
    IntakeOnderdeel.OPLEIDING_WERK: _("Opleiding en werkervaring"),
    IntakeOnderdeel.PERSOONLIJKE_OMSTANDIGHEDEN: _("Persoonlijke omstandigheden"),
    IntakeOnderdeel.VVE: _("Voor- en vroegschoolse educatie (VVE)"),
    IntakeOnderdeel.TAALNIVEAU: _("Taalniveau"),
    IntakeOnderdeel.ARBEIDSPARTICIPATIE: _("Arbeidsparticipatie"),
    IntakeOnderdeel.ZELFREDZAAMHEID: _("Zelfredzaamheid"),
}


class IntakeStatus(models.TextChoices):
    GEPLAND = "gepland", _("Gepland")
    IN_UITVOERING = "in_uitvoering", _("In uitvoering")
    AFGEROND = "afgerond", _("Afgerond")
    # Wi 14(2): after three summonses without appearance or cooperation, without the person.
    AFGEROND_ZONDER_MEDEWERKING = "afgerond_zonder_medewerking", _("Afgerond zonder medewerking")


OPEN_INTAKE_STATUSES = frozenset({IntakeStatus.GEPLAND, IntakeStatus.IN_UITVOERING})


class Opleidingsniveau(models.TextChoices):
    GEEN = "geen", _("Geen onderwijs gevolgd")
    BASIS = "basis", _("Basisonderwijs")
    VOORTGEZET = "voortgezet", _("Voortgezet onderwijs")
    BEROEPS = "beroeps", _("Middelbaar beroepsonderwijs")
    HOGER_BEROEPS = "hoger_beroeps", _("Hoger beroepsonderwijs (bachelor)")
    UNIVERSITAIR = "universitair", _("Universitair onderwijs (master of hoger)")
    ONBEKEND = "onbekend", _("Onbekend")


class Geletterdheid(models.TextChoices):
    GEALFABETISEERD = "gealfabetiseerd", _("Gealfabetiseerd in het Latijnse schrift")
    ANDERS_GEALFABETISEERD = "anders_gealfabetiseerd", _("Anders gealfabetiseerd (ander schrift)")
    ANALFABEET = "analfabeet", _("Niet gealfabetiseerd")


class TaalniveauNl(models.TextChoices):
    GEEN = "geen", _("Geen Nederlands")
    A0 = "A0", "A0"
    A1 = "A1", "A1"
    A2 = "A2", "A2"
    B1 = "B1", "B1"
    B2_PLUS = "B2+", _("B2 of hoger")


class Zelfredzaamheid(models.TextChoices):
    LAAG = "laag", _("Laag")
    GEMIDDELD = "gemiddeld", _("Gemiddeld")
    HOOG = "hoog", _("Hoog")


class OvertredingSoort(models.TextChoices):
    """Wi 22(1): the two ways of not complying with a summons for the brede intake."""

    NIET_VERSCHENEN = "niet_verschenen", _("Niet verschenen")
    ONVOLDOENDE_MEEGEWERKT = "onvoldoende_meegewerkt", _("Onvoldoende meegewerkt")


# The choices below are the rules.intake StrEnums as model choices (same names and values) with
# Dutch labels. Written out so that type checkers can follow them; tests/test_constants.py keeps
# them equal to the enums.


class OproepUitkomstChoices(models.TextChoices):
    VERSCHENEN = "verschenen", _("Verschenen")
    NIET_VERSCHENEN = "niet_verschenen", _("Niet verschenen")
    ONVOLDOENDE_MEEGEWERKT = "onvoldoende_meegewerkt", _("Onvoldoende meegewerkt")
    AFGEMELD_MET_REDEN = "afgemeld_met_reden", _("Afgemeld met geldige reden")


class AandachtspuntChoices(models.TextChoices):
    LICHAMELIJKE_GEZONDHEID = "lichamelijke_gezondheid", _("Lichamelijke gezondheid")
    PSYCHISCHE_GEZONDHEID = "psychische_gezondheid", _("Psychische gezondheid")
    TRAUMA = "trauma", _("Trauma")
    ZORG_VOOR_KINDEREN = "zorg_voor_kinderen", _("Zorg voor kinderen")
    MANTELZORG = "mantelzorg", _("Mantelzorg")
    FINANCIEN_SCHULDEN = "financien_schulden", _("Financiën en schulden")
    HUISVESTING = "huisvesting", _("Huisvesting")
    DIGITALE_VAARDIGHEDEN = "digitale_vaardigheden", _("Digitale vaardigheden")
    LAAGGELETTERDHEID = "laaggeletterdheid", _("Laaggeletterdheid")
    GEZINSHERENIGING = "gezinshereniging", _("Gezinshereniging")
    HUISELIJK_GEWELD = "huiselijk_geweld", _("Huiselijk geweld")
    VERSLAVING = "verslaving", _("Verslaving")
    OVERIG = "overig", _("Overig")


class LbtResultaatChoices(models.TextChoices):
    B1_HAALBAAR = "B1-route haalbaar", "B1-route haalbaar"
    B1_NIET_HAALBAAR = "B1-route niet haalbaar", "B1-route niet haalbaar"
    ONBEKEND = "Onbekend", "Onbekend"


class LbtVrijstellingsgrondChoices(models.TextChoices):
    VISUEEL = "visueel", _("Visuele beperking")
    AUDITIEF = "auditief", _("Auditieve beperking, waardoor de toets niet kan worden afgenomen")
