"""The Dutch message for every rule violation a PIP or an inburgeringsaanbod can have.

openinburgering.rules.leerroute returns `Violation`s (a code, a field, parameters) and stays free
of Django; this module's catalogue (core.violations) says in plain Dutch which rule was broken and
where it comes from. The services add a few checks of their own (a complete PIP, dates); their
codes are here too.
pip/tests/test_messages.py checks that every code the rules can return has a message.
"""

from collections.abc import Mapping
from datetime import date
from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy as _

from openinburgering.core.violations import ViolationMessages, param_text
from openinburgering.rules.base import Violation
from openinburgering.rules.leerroute import AFSCHALEN_MIN_HOURS, MAP_ROUTES, PVT_MIN_HOURS, Leerroute

from .constants import ROUTE_IN_SENTENCE

if TYPE_CHECKING:
    from django_stubs_ext import StrPromise

DUO = _("DUO-acceptatieregel")

MESSAGES: dict[str, "StrPromise"] = {
    # --- openinburgering.rules.leerroute.pip_violations ---
    "niveau_route": _("Niveau %(niveau)s is niet toegestaan op de %(route)s (%(duo)s; %(bron)s)."),
    "niveau_eerste_pip": _(
        "Niveau %(niveau)s op de B1-route kan niet in de eerste PIP. Afschalen naar A2 kan pas later, na ten minste "
        "%(afschalen_uren)s uur Nederlandse les en voldoende inzet (%(duo)s; Wet inburgering art. 17 lid 3; "
        "Besluit inburgering art. 5.5)."
    ),
    "afschalen_uren": _(
        "Afschalen naar niveau A2 kan pas na ten minste %(afschalen_uren)s uur Nederlandse les bij een "
        "keurmerkinstelling of taalschakelinstelling. Vul de gevolgde uren in (Wet inburgering art. 17 lid 3; "
        "Besluit inburgering art. 5.5)."
    ),
    "afschalen_inspanning": _(
        "Afschalen naar niveau A2 kan alleen als de inburgeraar tijdens de lessen voldoende inspanning heeft "
        "geleverd. Geef aan dat dit zo is (Besluit inburgering art. 5.5)."
    ),
    "intensiteit_alleen_b1_asiel": _(
        "Een geschatte intensiteit vult u alleen in bij de B1-route van een asielstatushouder "
        "(%(duo)s; Wet inburgering art. 15 lid 2)."
    ),
    "intensiteit_bereik": _("De geschatte intensiteit ligt tussen %(min)s en %(max)s uur (%(duo)s)."),
    "map_niet_op_onderwijsroute": _(
        "De MAP hoort niet bij de onderwijsroute: wie de onderwijsroute volgt, hoeft de MAP niet te doen "
        "(Wet inburgering art. 8 lid 3)."
    ),
    "map_verplicht": _("De MAP is verplicht op de %(map_routes)s (Wet inburgering art. 6 en 8 lid 3)."),
    "participatie_alleen_z": _("Participatie-uren horen alleen bij de Z-route (Besluit inburgering art. 3.14)."),
    "dagtekening_voor_plicht": _(
        "De dagtekening mag niet vóór het begin van de inburgeringsplicht liggen (%(datum)s) (%(duo)s)."
    ),
    "dagtekening_voor_vestiging": _(
        "De dagtekening mag niet vóór de inschrijving in de gemeente liggen (%(datum)s) (%(duo)s)."
    ),
    "dagtekening_voor_eerste_pip": _(
        "De dagtekening mag niet vóór de dagtekening van de eerste PIP liggen (%(datum)s) (%(duo)s)."
    ),
    "dagtekening_voor_vorige_pip": _(
        "De dagtekening mag niet vóór de dagtekening van de huidige PIP liggen (%(datum)s) (%(duo)s)."
    ),
    # --- openinburgering.rules.leerroute.aanbod_violations ---
    "aanbod_alleen_asiel": _(
        "Een inburgeringsaanbod van de gemeente is er alleen voor asielstatushouders "
        "(%(duo)s; Wet inburgering art. 16)."
    ),
    "aanbod_zonder_pip": _("Een inburgeringsaanbod kan alleen bij een PIP (%(duo)s)."),
    "instelling_keurmerk": _(
        "Deze instelling heeft geen keurmerk van Blik op Werk. DUO accepteert alleen een instelling met dat keurmerk "
        "(%(duo)s; Wet inburgering art. 16 lid 3)."
    ),
    "instelling_keurmerk_of_tst": _(
        "Deze instelling heeft geen keurmerk van Blik op Werk en is geen erkende taalschakelinstelling. DUO accepteert "
        "op de onderwijsroute alleen zo'n instelling (%(duo)s; Wet inburgering art. 8 lid 2 en 16 lid 3)."
    ),
    "aanbod_voor_pip": _("Deze datum mag niet vóór de dagtekening van de PIP liggen (%(datum)s) (%(duo)s)."),
    "start_voor_aanbod": _(
        "De startdatum van de opleiding mag niet vóór de datum van het inburgeringsaanbod liggen (%(duo)s)."
    ),
    "einde_voor_start": _("De einddatum van de opleiding moet na de startdatum liggen."),
    "buiten_termijn": _("Deze datum moet binnen de inburgeringstermijn liggen%(termijn)s (%(duo)s)."),
    # --- pip.services: a PIP that can be sent for sign-off ---
    "leerroute_verplicht": _("Kies een leerroute (Wet inburgering art. 15 lid 1)."),
    "pvt_verplicht": _("Vul de intensiteit van het participatieverklaringstraject in (Wet inburgering art. 15 lid 1)."),
    "pvt_minimum": _(
        "Het participatieverklaringstraject duurt ten minste %(pvt_min)s uur (Besluit inburgering art. 3.1)."
    ),
    "map_intensiteit_verplicht": _(
        "Beschrijf de invulling en intensiteit van de MAP (Wet inburgering art. 15 lid 1 onder c)."
    ),
    "voortgangsgesprekken_verplicht": _(
        "Vul in hoeveel voortgangsgesprekken er komen: ten minste één (Besluit inburgering art. 5.3 lid 4)."
    ),
    "begeleiding_verplicht": _(
        "Beschrijf de begeleiding en ondersteuning bij de inburgering (Wet inburgering art. 15 lid 1 onder b)."
    ),
    "maatschappelijke_begeleiding_verplicht": _(
        "Beschrijf de maatschappelijke begeleiding: een asielstatushouder heeft daar recht op "
        "(Wet inburgering art. 13)."
    ),
    "motivering_verplicht": _("Motiveer het besluit (Algemene wet bestuursrecht art. 3:46)."),
    "overweging_verplicht": _(
        "Leg uit waarom de %(route)s wel of niet past: een besluit over de leerroute moet elke route afwegen "
        "(ECLI:NL:RVS:2024:5413)."
    ),
    "wijzigingsreden_verplicht": _("Vul de reden van de wijziging in."),
    "dagtekening_toekomst": _("De dagtekening mag niet in de toekomst liggen."),
    "bekendmaking_voor_dagtekening": _("De datum van bekendmaking mag niet vóór de dagtekening liggen."),
}

# Where the level a route allows comes from.
ROUTE_LEVEL_SOURCE: dict[str, "StrPromise"] = {
    Leerroute.B1_ROUTE: _("Wet inburgering art. 7 en 17 lid 3"),
    Leerroute.ONDERWIJSROUTE: _("Wet inburgering art. 8"),
    Leerroute.Z_ROUTE: _("Besluit inburgering art. 3.14 lid 7"),
}


def _map_routes() -> str:
    names = [str(ROUTE_IN_SENTENCE[route]) for route in Leerroute if route in MAP_ROUTES.value]
    return str(_(" en de ")).join(names)


def _shared(violation: Violation, params: Mapping[str, object]) -> dict[str, str]:
    """The route in a sentence and its source, the hours of the rules, the inburgeringstermijn if given."""
    route = str(params.get("leerroute", ""))
    values = {
        "duo": str(DUO),
        "route": str(ROUTE_IN_SENTENCE.get(route, route)),
        "bron": str(ROUTE_LEVEL_SOURCE.get(route, "")),
        "map_routes": _map_routes(),
        "afschalen_uren": str(AFSCHALEN_MIN_HOURS.value),
        "pvt_min": str(PVT_MIN_HOURS.value),
        "termijn": "",
    }
    start, last_day = params.get("termijn_start"), params.get("termijn_last_day")
    if isinstance(start, date) and isinstance(last_day, date):
        values["termijn"] = str(_(" (%(start)s tot en met %(einde)s)")) % {
            "start": param_text(start),
            "einde": param_text(last_day),
        }
    return values


CATALOGUE = ViolationMessages(MESSAGES, shared=_shared)


def violation_message(violation: Violation, *, extra: Mapping[str, object] | None = None) -> str:
    """The Dutch message for `violation`, its parameters formatted (dates as "1 maart 2024").

    `extra` adds parameters the rule does not return, such as the inburgeringstermijn for
    `buiten_termijn` (keys "termijn_start" and "termijn_last_day").
    """
    return CATALOGUE.message(violation, extra=extra)


def check_message(code: str) -> str:
    """The message of a check without parameters (the PIP's own checks, such as "wijzigingsreden_verplicht")."""
    return violation_message(Violation(code, ""))
