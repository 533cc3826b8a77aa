"""The Dutch message for every code of the keurmerk rule (openinburgering.rules.inkoop).

Each names the field and the rule with its source; inkoop/tests/test_rules_keurmerk.py checks that every code
the rule can return has one.
"""

from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy as _

from openinburgering.core.exceptions import DomainError
from openinburgering.core.violations import ViolationMessages
from openinburgering.rules.base import Violation

if TYPE_CHECKING:
    from django_stubs_ext import StrPromise

MESSAGES: dict[str, "StrPromise"] = {
    "keurmerk_verlopen": _(
        "Aanbieder: het keurmerk van Blik op Werk gold tot en met %(geldig_tot)s en is verlopen. Een nieuwe "
        "plaatsing op de B1-route of de Z-route van een asielstatushouder vraagt een geldig keurmerk (%(regel)s)."
    ),
    "keurmerk_ontbreekt": _(
        "Aanbieder: heeft geen keurmerk van Blik op Werk. Een plaatsing op de B1-route of de Z-route van een "
        "asielstatushouder vraagt een geldig keurmerk (%(regel)s)."
    ),
}

CATALOGUE = ViolationMessages(MESSAGES)


def refusals(violations: list[Violation]) -> list[DomainError]:
    """The violations as errors a form or the API shows, each at its field with its Dutch message."""
    return [DomainError(CATALOGUE.message(v), field=v.field, code=v.code) for v in violations]
