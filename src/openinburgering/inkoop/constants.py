"""Choices for contracts: the rules' enumeration of components with Dutch labels, and the contract's own terms.

ComponentChoices is written out (not built from the enum) so that type checkers can follow it;
inkoop/tests/test_models.py keeps its values equal to openinburgering.rules.inkoop.Component.
"""

from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _

from openinburgering.accounts.constants import Role


class ComponentChoices(models.TextChoices):
    B1_ROUTE = "b1_route", _("B1-route")
    Z_ROUTE = "z_route", _("Z-route")
    ONDERWIJSROUTE = "onderwijsroute", _("Onderwijsroute (taalschakeltraject)")
    ALFABETISERING = "alfabetisering", _("Alfabetisering")
    KNM = "knm", _("KNM (kennis van de Nederlandse maatschappij)")
    MAP = "map", _("MAP (module arbeidsmarkt en participatie)")
    PVT = "pvt", _("PVT (participatieverklaringstraject)")
    MAATSCHAPPELIJKE_BEGELEIDING = "maatschappelijke_begeleiding", _("Maatschappelijke begeleiding")
    TOLKDIENSTEN = "tolkdiensten", _("Tolkdiensten")


class Prijsmodel(models.TextChoices):
    PER_TRAJECT = "per_traject", _("Prijs per traject")
    PER_UUR = "per_uur", _("Prijs per uur")
    TRAJECT_MET_RESULTAATBONUS = "traject_bonus", _("Prijs per traject met resultaatbonus")


class ContractStatus(models.TextChoices):
    """What is stored; whether a contract has started or run out follows from its dates (Contract.fase)."""

    ACTIEF = "actief", _("Actief")
    BEEINDIGD = "beeindigd", _("Beëindigd")


class ContractFase(models.TextChoices):
    """A contract as the list shows and filters it, on a given day."""

    TOEKOMSTIG = "toekomstig", _("Nog niet begonnen")
    LOPEND = "lopend", _("Lopend")
    AFGELOPEN = "afgelopen", _("Afgelopen")
    BEEINDIGD = "beeindigd", _("Beëindigd")


class EindeReden(models.TextChoices):
    OPGEZEGD = "opgezegd", _("Opgezegd")
    ONTBONDEN = "ontbonden", _("Ontbonden (tekortkoming van de aanbieder)")
    IN_OVERLEG = "in_overleg", _("In onderling overleg beëindigd")
    AANBIEDER_GESTOPT = "aanbieder_gestopt", _("Aanbieder is gestopt")
    OVERIG = "overig", _("Anders")


# Who works with contracts. As for every page, the role decides (accounts.permissions.role_required) and the scope
# which contracts (selectors.py: a contract is seen when a perceel serves a gemeente in scope). No Django permission
# is granted to the role's group: in this product a group's permissions are admin rights, held only by the
# functioneel beheerder (accounts/tests/test_roles.py), and contracts are not in the admin.
CONTRACT_ROLES: tuple[Role, ...] = (Role.CONTRACTMANAGER,)

# The contract manager's signals (product choices of issue 13, not legal terms; the keurmerk's window is a rule
# in rules/inkoop.py): contracts ending within this many days, percelen whose committed budget reached this share.
CONTRACT_EINDIGT_BINNEN_DAGEN = 90
BUDGET_SIGNAAL_AANDEEL = Decimal("0.80")

# How many percelen one version can hold on the form: one per component at most.
PERCELEN_MAX = len(ComponentChoices.choices)
