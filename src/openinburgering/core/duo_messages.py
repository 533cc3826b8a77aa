"""The Dutch message for every code of openinburgering.rules.duo_acceptatie.

Each message names the field and the rule ("DUO-acceptatieregel" and where it comes from), so a
klantregisseur knows what to correct. core/tests/test_duo_messages.py checks every code has one.
"""

from collections.abc import Mapping
from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy as _

from openinburgering.core.violations import ViolationMessages
from openinburgering.rules.base import Violation

if TYPE_CHECKING:
    from django_stubs_ext import StrPromise

DUO_MAP = _("DUO-acceptatieregel MAP")
DUO_PVT = _("DUO-acceptatieregel PVT")

# What each field is called in a sentence.
FIELD_NAMES: dict[str, "StrPromise"] = {
    "map_datum": _("De datum eindgesprek MAP"),
    "map_verwijtbaar": _("‘Verwijtbaar’ bij de MAP"),
    "pvt_datum": _("De datum ondertekening PVT"),
    "pvt_verwijtbaar": _("‘Verwijtbaar’ bij de PVT"),
    "zroute_datum": _("De datum afronding Z-route"),
    "uren_taalles_knm": _("Het aantal uren taalles en KNM in de brede intake"),
    "uren_participatieactiviteiten": _("Het aantal uren participatieactiviteiten"),
    "uren_participatie_als_taalles": _("Het aantal uren participatie als taalles"),
    "naam": _("De naam van de contactpersoon"),
    "email": _("Het e-mailadres van de contactpersoon"),
    "telefoonnummer": _("Het telefoonnummer van de contactpersoon"),
    "pip": _("De PIP"),
}

MESSAGES: dict[str, "StrPromise"] = {
    # --- resultaat_violations (MAP and PVT) ---
    "wijziging_niet_eerder_geleverd": _(
        "%(veld)s kan niet worden gewijzigd: DUO heeft een datum van een andere gemeente. Een wijziging kan "
        "alleen als uw gemeente de datum eerder heeft doorgegeven (%(regel)s)."
    ),
    "geen_actuele_pip": _(
        "%(veld)s kan pas worden doorgegeven als uw gemeente een vastgestelde PIP voor deze inburgeraar heeft "
        "(%(regel)s)."
    ),
    "voldaan_via_zroute": _(
        "%(veld)s kan niet meer worden doorgegeven: de inburgeringsplicht is voldaan via de Z-route (%(regel)s)."
    ),
    "voor_termijn": _("%(veld)s mag niet vóór het begin van de inburgeringstermijn liggen (%(datum)s) (%(regel)s)."),
    "na_zroute": _("%(veld)s mag niet na de datum afronding Z-route liggen (%(datum)s) (%(regel)s)."),
    "in_toekomst": _("%(veld)s mag niet in de toekomst liggen (%(regel)s)."),
    "intrekken_na_zroute": _(
        "%(veld)s kan niet worden ingetrokken zolang er een datum afronding Z-route is (%(datum)s). Trek eerst die "
        "datum in (%(regel)s)."
    ),
    "verwijtbaar_zonder_datum": _("%(veld)s kan alleen samen met een datum worden doorgegeven (%(regel)s)."),
    "verwijtbaar_verplicht": _(
        "%(veld)s is verplicht: de datum ligt na het einde van de inburgeringstermijn (%(datum)s) (%(regel)s)."
    ),
    "verwijtbaar_binnen_termijn": _(
        "%(veld)s mag niet worden ingevuld: de datum ligt binnen de inburgeringstermijn (die loopt tot en met "
        "%(datum)s) (%(regel)s)."
    ),
    "verwijtbaar_ja_zonder_overschrijding": _(
        "%(veld)s mag alleen ‘Ja’ zijn als de inburgeringstermijn is overschreden; die loopt tot en met %(datum)s "
        "(%(regel)s)."
    ),
    "verwijtbaar_nee_na_marge": _(
        "%(veld)s mag alleen ‘Nee’ zijn als het einde van de inburgeringstermijn binnen twee maanden valt; de "
        "datum ligt na %(datum)s (%(regel)s)."
    ),
    # --- zroute_violations (our own checks; DUO's README has none for the Z-route) ---
    "zroute_geen_zroute": _("%(veld)s kan alleen worden ingevuld als de geldende PIP de Z-route heeft."),
    "zroute_voor_map": _(
        "%(veld)s mag niet vóór de datum eindgesprek MAP liggen (%(datum)s): DUO accepteert geen MAP-datum na de "
        "afronding van de Z-route (%(regel_map)s)."
    ),
    "zroute_voor_pvt": _(
        "%(veld)s mag niet vóór de datum ondertekening PVT liggen (%(datum)s): DUO accepteert geen PVT-datum na de "
        "afronding van de Z-route (%(regel_pvt)s)."
    ),
    # --- pip_intrekken_violations ---
    "intrekken_termijn_vastgesteld": _(
        "De PIP kan niet meer worden ingetrokken: DUO heeft de inburgeringstermijn al vastgesteld (begonnen op "
        "%(termijn_start)s). DUO verwijdert een PIP alleen zolang de inburgeringstermijn nog niet is vastgesteld "
        "(DUO-acceptatieregel ‘Het verwijderen van een PIP’). Stel in plaats daarvan een nieuwe versie vast."
    ),
    "intrekken_cursusuren": _(
        "De PIP kan niet meer worden ingetrokken: er zijn al cursusuren bij het inburgeringsaanbod geregistreerd "
        "(DUO-acceptatieregel ‘Het verwijderen van een PIP’)."
    ),
    # --- uren_violations and contactpersoon_violations ---
    "uren_bereik": _("%(veld)s ligt tussen %(min)s en %(max)s (DUO Gevolgde Uren API)."),
    "contactpersoon_verplicht": _("%(veld)s ontbreekt; DUO vraagt naam, e-mailadres en telefoonnummer."),
    "contactpersoon_ongeldig": _("%(veld)s voldoet niet aan het formaat van DUO (Contactpersoon API)."),
}


def _shared(violation: Violation, params: Mapping[str, object]) -> dict[str, str]:
    """The field in a sentence and the DUO rule it falls under (PVT or MAP)."""
    regel = DUO_PVT if violation.field.startswith("pvt") else DUO_MAP
    return {
        "veld": str(FIELD_NAMES.get(violation.field, violation.field)),
        "regel": str(regel),
        "regel_map": str(DUO_MAP),
        "regel_pvt": str(DUO_PVT),
    }


CATALOGUE = ViolationMessages(MESSAGES, shared=_shared, defaults={"datum": "", "termijn_start": ""})


def violation_message(violation: Violation, *, extra: Mapping[str, object] | None = None) -> str:
    """The Dutch message for `violation`: the field it is about, the rule and its parameters."""
    return CATALOGUE.message(violation, extra=extra)
