"""The Dutch message for every code of the brede intake's rules (openinburgering.rules.intake).

Each message names the field and the rule with its source; intake/tests/test_messages.py checks that
every code the rules can return has one.
"""

from collections.abc import Mapping
from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy as _

from openinburgering.core.exceptions import DomainError
from openinburgering.core.violations import ViolationMessages
from openinburgering.rules.base import Violation
from openinburgering.rules.intake import IntakeOnderdeel

from .constants import ONDERDEEL_LABELS

if TYPE_CHECKING:
    from django_stubs_ext import StrPromise

MESSAGES: dict[str, "StrPromise"] = {
    # --- rules.intake.brede_intake_complete_violations ---
    "afgerond": _("De brede intake is al afgerond."),
    "afronding_toekomst": _("De datum van afronding ligt in de toekomst."),
    "afronding_voor_plicht": _("De datum van afronding ligt vóór de begindatum van de inburgeringsplicht (%(datum)s)."),
    "afronding_voor_start": _("De datum van afronding ligt vóór de start van de brede intake (%(datum)s)."),
    "not_after_oproepen": _(
        "Zonder medewerking afronden kan pas na %(max)s oproepen waarop de inburgeraar niet "
        "verscheen of onvoldoende meewerkte (Wi 14 lid 2)."
    ),
    "afronding_voor_uitkomst": _("De datum van afronding ligt vóór de uitkomst van oproep %(n)s (%(datum)s)."),
    "uitkomst_ontbreekt": _("Leg eerst de uitkomst van oproep %(n)s vast."),
    "alleen_gesprek_niet_gemeld": _(
        "Leg vast dat de inburgeraar is verteld dat de gesprekken alleen gevoerd kunnen worden (Bi 5.2 lid 2)."
    ),
    "onderdeel_ontbreekt": _("Het onderdeel ‘%(onderdeel)s’ is nog niet ingevuld (Wi 14 lid 3; Bi 5.2 lid 1)."),
    "gezondheid_ontbreekt": _(
        "Leg de gezondheid vast als deel van de persoonlijke omstandigheden (Bi 5.2 lid 1 onder c); "
        "zijn er geen bijzonderheden, schrijf dat dan op."
    ),
    "lbt_ontbreekt": _(
        "Leg het resultaat van de leerbaarheidstoets of een vrijstelling vast (Wi 14 lid 3 onder a en lid 6)."
    ),
}

# The code a DomainError carries where it is not the violation's own ("invalid" otherwise).
DOMAIN_CODES = {
    "afgerond": "afgerond",
    "not_after_oproepen": "not_after_oproepen",
    "onderdeel_ontbreekt": "onderdeel_missing",
    "gezondheid_ontbreekt": "onderdeel_missing",
    "lbt_ontbreekt": "onderdeel_missing",
}


def _shared(violation: Violation, params: Mapping[str, object]) -> dict[str, str]:
    onderdeel = params.get("onderdeel")
    return {"onderdeel": str(ONDERDEEL_LABELS[onderdeel])} if isinstance(onderdeel, IntakeOnderdeel) else {}


CATALOGUE = ViolationMessages(MESSAGES, shared=_shared)


def violation_errors(violations: list[Violation]) -> list[DomainError]:
    """The violations as the services' DomainErrors: the message, the field, the code."""
    return [
        DomainError(CATALOGUE.message(v), field=v.field or None, code=DOMAIN_CODES.get(v.code, "invalid"))
        for v in violations
    ]
