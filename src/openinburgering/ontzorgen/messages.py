"""The Dutch message for every code of financieel ontzorgen's rules (openinburgering.rules.ontzorgen).

Each message names the field and the rule with its source (Pw 56a and 57, SEPA, the Betaalvereniging);
ontzorgen/tests/test_messages.py checks that every code the rules can return has one.
"""

from collections.abc import Mapping
from datetime import date
from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy as _

from openinburgering.core.exceptions import DomainError
from openinburgering.core.timeline import month_label
from openinburgering.core.violations import ViolationMessages
from openinburgering.rules.base import Violation
from openinburgering.rules.ontzorgen import (
    BETALINGSKENMERK_LENGTES,
    OMSCHRIJVING_MAX,
    ONTZORGEN_DUUR,
    ONTZORGEN_VASTE_LASTEN,
    ONTZORGEN_VERLENGINGSGRONDEN,
)
from openinburgering.rules.sepa import BIC_VERPLICHT_BUITEN_EER, SEPA_LANDEN

from .constants import VasteLastSoortChoices
from .letters import wettekst

if TYPE_CHECKING:
    from django_stubs_ext import StrPromise

WIE = _(
    "Financieel ontzorgen is er alleen voor wie bijstand krijgt, inburgeringsplichtig is en zelf een "
    "verblijfsvergunning asiel voor bepaalde tijd heeft (artikel 56a lid 1 van de Participatiewet)."
)

MESSAGES: dict[str, "StrPromise"] = {
    # --- rules.ontzorgen.ontzorging_violations: the beschikking ---
    "niet_inburgeringsplichtig": _(
        "%(wie)s De inburgeringsplicht van dit dossier is voorbij of het dossier is gesloten."
    ),
    "geen_asielvergunning_doelgroep": _("%(wie)s Een gezinsmigrant of overige migrant heeft geen asielvergunning."),
    "geen_asielvergunning": _(
        "%(wie)s Een gezinslid met een regulier verblijfsrecht valt daar niet onder, ook al hoort het bij de "
        "doelgroep asielstatushouders."
    ),
    "geen_bijstand": _(
        "Vul de ingangsdatum van de bijstand in: de %(maanden)s maanden van %(duur_artikel)s tellen vanaf die dag."
    ),
    "besluitdatum_verplicht": _("Vul de datum van het besluit in."),
    "besluitdatum_toekomst": _("De datum van het besluit ligt in de toekomst."),
    "active_exists": _(
        "Er is al een ontzorging die dan nog loopt (%(start)s tot en met %(einde)s). Verleng of beëindig die; een "
        "dossier heeft één ontzorging tegelijk."
    ),
    # --- rules.ontzorgen.gegevens_violations and rekening_violations: machtiging and account ---
    "machtiging_toekomst": _("De datum van de machtiging ligt in de toekomst."),
    "rekeninghouder_te_lang": _("De naam van de rekeninghouder is te lang: ten hoogste %(max)s tekens."),
    "iban_verplicht": _("Vul het IBAN in."),
    "iban_ongeldig": _("Dit is geen geldig IBAN: controleer landcode, lengte en controlegetal."),
    "iban_buiten_sepa": _(
        "Dit IBAN is van een rekening in %(land)s. Dat land hoort niet bij SEPA, dus een SEPA-betaling kan die "
        "rekening niet bereiken (%(bron_sepa)s)."
    ),
    # --- rules.ontzorgen.vaste_last_violations: a fixed cost ---
    "soort_verplicht": _("Kies een soort vaste last."),
    "niet_56a": _(
        "%(soort)s hoort niet bij de vaste lasten die %(lasten_artikel)s noemt (huur, gas, water, elektriciteit en "
        "zorgverzekering). Die betaalt u alleen na een verlenging of uitbreiding op een grond (%(pw57)s)."
    ),
    "van_maand_verplicht": _("Vul de eerste maand in."),
    "van_maand_voor_ontzorging": _("De eerste maand ligt vóór het begin van de ontzorging (%(maand)s)."),
    "van_maand_na_ontzorging": _("De eerste maand ligt na het einde van de ontzorging (%(maand)s)."),
    "tot_voor_van": _("De laatste maand ligt vóór de eerste maand."),
    "tot_na_ontzorging": _(
        "De laatste maand ligt na het einde van de ontzorging (%(maand)s). Verleng eerst de ontzorging."
    ),
    "crediteur_verplicht": _("Vul de naam van de crediteur in."),
    "crediteur_te_lang": _(
        "De naam van de crediteur is %(n)s tekens; in een SEPA-betaling passen er ten hoogste %(max)s."
    ),
    "bic_ongeldig": _(
        "Dit is geen geldige BIC: een BIC heeft 8 of 11 letters en cijfers, met op plaats 5 en 6 de landcode "
        "(ISO 9362)."
    ),
    "bic_verplicht": _(
        "Voor een rekening in %(land)s, buiten de Europese Economische Ruimte, is de BIC verplicht (%(bron_bic)s)."
    ),
    "kenmerk_soort_verplicht": _("Kies: betalingskenmerk of omschrijving."),
    "betalingskenmerk": _(
        "Dit is geen geldig betalingskenmerk: dat heeft 16 cijfers, waarvan het eerste een controlecijfer is "
        "(%(bron_kenmerk)s). Staat er geen betalingskenmerk op de rekening? Kies dan ‘omschrijving’."
    ),
    "omschrijving_verplicht": _("Vul een omschrijving in, bijvoorbeeld het klant- of contractnummer bij de crediteur."),
    "omschrijving_te_lang": _(
        "De omschrijving is %(n)s tekens; in een SEPA-betaling passen er ten hoogste %(max)s (%(bron_omschrijving)s)."
    ),
    "bedrag_verplicht": _("Vul het bedrag per maand in."),
    "bedrag_niet_positief": _("Het bedrag per maand moet groter zijn dan nul."),
    "bedrag_centen": _("Een bedrag heeft ten hoogste twee cijfers achter de komma."),
    "bedrag_te_groot": _("Het bedrag per maand is te groot."),
}

# The code a DomainError carries where it is not the violation's own ("invalid" otherwise).
DOMAIN_CODES = {
    "niet_inburgeringsplichtig": "niet_inburgeringsplichtig",
    "geen_asielvergunning_doelgroep": "geen_asielvergunning",
    "geen_asielvergunning": "geen_asielvergunning",
    "geen_bijstand": "geen_bijstand",
    "active_exists": "active_exists",
    "niet_56a": "niet_56a",
    "betalingskenmerk": "betalingskenmerk",
    "omschrijving_te_lang": "omschrijving_te_lang",
}


def _shared(violation: Violation, params: Mapping[str, object]) -> dict[str, str]:
    """The rules' citations, a kind of fixed cost by its name, a month as "maart 2026"."""
    values = {
        "wie": str(WIE),
        "duur_artikel": wettekst(ONTZORGEN_DUUR),
        "lasten_artikel": wettekst(ONTZORGEN_VASTE_LASTEN),
        "pw57": ONTZORGEN_VERLENGINGSGRONDEN.citation,
        "bron_sepa": SEPA_LANDEN.citation,
        "bron_bic": BIC_VERPLICHT_BUITEN_EER.citation,
        "bron_kenmerk": BETALINGSKENMERK_LENGTES.citation,
        "bron_omschrijving": OMSCHRIJVING_MAX.citation,
    }
    soort = params.get("soort")
    if isinstance(soort, str) and soort in VasteLastSoortChoices.values:
        values["soort"] = str(VasteLastSoortChoices(soort).label)
    maand = params.get("maand")
    if isinstance(maand, date):
        values["maand"] = month_label(maand)
    return values


CATALOGUE = ViolationMessages(MESSAGES, shared=_shared)


def violation_errors(violations: list[Violation]) -> list[DomainError]:
    """The violations as the services' DomainErrors: the message, the field, the code."""
    return [
        DomainError(CATALOGUE.message(v), field=v.field or None, code=DOMAIN_CODES.get(v.code, "invalid"))
        for v in violations
    ]
