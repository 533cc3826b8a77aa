"""The letters of financieel ontzorgen, as PDF (templates/ontzorgen/*.html on letters/base_letter.html).

- the ontzorgingsbeschikking (Pw 56a): what is paid from the bijstand, to whom, from when to when;
- the decision on a change (extension or widening on a Pw 57 ground, or an earlier end).

The monthly overview of one settlement is the payments' letter: betalingen/maandoverzicht.py.
"""

import re
from typing import Any

from django.utils.translation import gettext as _

from openinburgering.dossiers.documents import aanhef_for, letter_context_for
from openinburgering.letters.bezwaar import bezwaar_context
from openinburgering.letters.rendering import render_pdf
from openinburgering.rules.base import Rule
from openinburgering.rules.ontzorgen import ONTZORGEN_DUUR, ONTZORGEN_VASTE_LASTEN, VasteLastSoort

from .constants import VasteLastSoortChoices, VerlengingsGrondChoices, WijzigingSoort
from .models import Ontzorging, OntzorgingWijziging, VasteLast

BESCHIKKING_TEMPLATE = "ontzorgen/beschikking.html"
WIJZIGING_TEMPLATE = "ontzorgen/wijziging.html"

_PW_CITATION = re.compile(r"^Pw (?P<artikel>\d+[a-z]?)\((?P<lid>\d+)\)$")


def wettekst(rule: Rule[Any]) -> str:
    """A rule's citation as a letter writes it: "Pw 56a(2)" → "artikel 56a lid 2 van de Participatiewet"."""
    match = _PW_CITATION.match(rule.citation)
    if match is None:
        return rule.citation
    return _("artikel %(artikel)s lid %(lid)s van de Participatiewet") % match.groupdict()


def ontzorging_kenmerk(ontzorging: Ontzorging) -> str:
    return f"{ontzorging.dossier.kenmerk}-OZ{ontzorging.pk}"


def opsomming(items: list[str], *, laatste: str) -> str:
    """A Dutch enumeration: "huur, gas en water" (laatste="en") or "… of …"."""
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {laatste} {items[-1]}"


def _soort_labels(soorten: frozenset[VasteLastSoort]) -> list[str]:
    """The labels of these kinds in lower case, in the order of the choices (huur, gas, elektriciteit, …)."""
    return [str(label).lower() for value, label in VasteLastSoortChoices.choices if value in soorten]


def _vaste_lasten_rows(ontzorging: Ontzorging) -> list[dict[str, object]]:
    """The fixed costs as recorded now, each with its latest terms (for the letters that list them)."""
    rows = []
    for vaste_last in VasteLast.objects.filter(ontzorging=ontzorging).prefetch_related("versies").order_by("pk"):
        versies = sorted(vaste_last.versies.all(), key=lambda v: v.van_maand)
        if not versies:
            continue
        latest = versies[-1]
        rows.append(
            {
                "soort": vaste_last.get_soort_display(),
                "crediteur": latest.crediteur,
                "bedrag": latest.bedrag,
                "van_maand": versies[0].van_maand,
                "tot_en_met_maand": latest.tot_en_met_maand,
            }
        )
    return rows


# --- the beschikking -----------------------------------------------------------------------------


def beschikking_context(ontzorging: Ontzorging) -> dict[str, object]:
    dossier = ontzorging.dossier
    onderwerp = _("Besluit financieel ontzorgen")
    return {
        **letter_context_for(
            dossier=dossier, onderwerp=onderwerp, kenmerk=ontzorging_kenmerk(ontzorging), datum=ontzorging.besluitdatum
        ),
        **bezwaar_context(ontzorging.besluitdatum),
        "aanhef": aanhef_for(dossier.inburgeraar),
        "dossier": dossier,
        "ontzorging": ontzorging,
        "duur_maanden": ONTZORGEN_DUUR.value.amount,
        "duur_wettekst": wettekst(ONTZORGEN_DUUR),
        "soorten": opsomming(_soort_labels(ONTZORGEN_VASTE_LASTEN.value), laatste=_("en")),
        "vaste_lasten": _vaste_lasten_rows(ontzorging),
    }


def beschikking_render(ontzorging: Ontzorging) -> bytes:
    return render_pdf(template_name=BESCHIKKING_TEMPLATE, context=beschikking_context(ontzorging))


def beschikking_filename(ontzorging: Ontzorging) -> str:
    return f"Beschikking ontzorgen {ontzorging_kenmerk(ontzorging)}.pdf"


# --- a change --------------------------------------------------------------------------------------


def wijziging_kenmerk(wijziging: OntzorgingWijziging) -> str:
    return f"{ontzorging_kenmerk(wijziging.ontzorging)}-W{wijziging.pk}"


def wijziging_onderwerp(soort: str) -> str:
    """The subject of a change's letter, also the stored document's title."""
    return {
        WijzigingSoort.VERLENGING: _("Besluit verlenging financieel ontzorgen"),
        WijzigingSoort.VERBREDING: _("Besluit uitbreiding financieel ontzorgen"),
        WijzigingSoort.BEEINDIGING: _("Besluit beëindiging financieel ontzorgen"),
    }[WijzigingSoort(soort)]


def wijziging_context(wijziging: OntzorgingWijziging) -> dict[str, object]:
    ontzorging = wijziging.ontzorging
    dossier = ontzorging.dossier
    onderwerp = wijziging_onderwerp(wijziging.soort)
    extra = frozenset(VasteLastSoort) - ONTZORGEN_VASTE_LASTEN.value - {VasteLastSoort.OVERIG}
    return {
        **letter_context_for(
            dossier=dossier, onderwerp=onderwerp, kenmerk=wijziging_kenmerk(wijziging), datum=wijziging.besluitdatum
        ),
        **bezwaar_context(wijziging.besluitdatum),
        "aanhef": aanhef_for(dossier.inburgeraar),
        "dossier": dossier,
        "ontzorging": ontzorging,
        "wijziging": wijziging,
        "grond_label": VerlengingsGrondChoices(wijziging.grond).label if wijziging.grond else "",
        "eerste_beschikking": ontzorging.besluitdatum,
        "extra_soorten": opsomming(_soort_labels(extra), laatste=_("of")),
        "vaste_lasten": _vaste_lasten_rows(ontzorging),
    }


def wijziging_render(wijziging: OntzorgingWijziging) -> bytes:
    return render_pdf(template_name=WIJZIGING_TEMPLATE, context=wijziging_context(wijziging))


def wijziging_filename(wijziging: OntzorgingWijziging) -> str:
    return f"Besluit {wijziging.soort} ontzorgen {wijziging_kenmerk(wijziging)}.pdf"
