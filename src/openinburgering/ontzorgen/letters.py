"""The letters of financieel ontzorgen, as PDF (templates/ontzorgen/*.html on letters/base_letter.html).

- the ontzorgingsbeschikking (Pw 56a): what is paid from the bijstand, to whom, from when to when;
- the decision on a change (extension or widening on a Pw 57 ground, or an earlier end);
- the monthly overview of one settlement (betalingen.Afrekening): the benefit, each payment and the
  leefgeld that is left. It informs; it is not a decision, so it has no bezwaar clause.
"""

import re
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from openinburgering.betalingen.constants import AfrekeningStatus, RegelSoort
from openinburgering.betalingen.models import Afrekening, Betaalregel
from openinburgering.core.timeline import month_label
from openinburgering.letters.bezwaar import bezwaar_context
from openinburgering.letters.rendering import render_pdf
from openinburgering.letters.selectors import aanhef_for, letter_context_for
from openinburgering.rules.base import Rule
from openinburgering.rules.ontzorgen import ONTZORGEN_DUUR, ONTZORGEN_VASTE_LASTEN, VasteLastSoort

from .constants import KenmerkSoort, VasteLastSoortChoices, VerlengingsGrondChoices, WijzigingSoort
from .models import Ontzorging, OntzorgingWijziging, VasteLast

BESCHIKKING_TEMPLATE = "ontzorgen/beschikking.html"
WIJZIGING_TEMPLATE = "ontzorgen/wijziging.html"
MAANDOVERZICHT_TEMPLATE = "ontzorgen/maandoverzicht.html"

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


# --- the monthly overview (issue 4, part 5) ------------------------------------------------------


def maandoverzicht_kenmerk(afrekening: Afrekening) -> str:
    return f"{ontzorging_kenmerk(afrekening.ontzorging)}-{afrekening.maand:%Y%m}"


def maandoverzicht_context(afrekening: Afrekening) -> dict[str, object]:
    if afrekening.status != AfrekeningStatus.OPGENOMEN:
        raise ValueError("Only a settlement that was included in the run has a monthly overview")
    ontzorging = afrekening.ontzorging
    dossier = afrekening.dossier
    regels = list(
        Betaalregel.objects.filter(afrekening=afrekening)
        .select_related("vaste_last")
        .order_by("soort", "vaste_last_id", "maand", "pk")
    )

    def waarvoor(regel: Betaalregel) -> str:
        soort = regel.vaste_last.get_soort_display() if regel.vaste_last else str(RegelSoort(regel.soort).label)
        if regel.herbetaling_van_id is not None:
            return _("%(soort)s (%(maand)s, opnieuw betaald)") % {"soort": soort, "maand": month_label(regel.maand)}
        if regel.maand != afrekening.maand:
            return _("%(soort)s (nabetaling over %(maand)s)") % {"soort": soort, "maand": month_label(regel.maand)}
        return soort

    def row(regel: Betaalregel) -> dict[str, Any]:
        return {
            "crediteur": regel.crediteur,
            "waarvoor": waarvoor(regel),
            "kenmerk": regel.kenmerk,
            "kenmerk_is_betalingskenmerk": regel.kenmerk_soort == KenmerkSoort.GESTRUCTUREERD,
            "bedrag": regel.bedrag,
            "nabetaling": regel.herbetaling_van_id is None and regel.maand != afrekening.maand,
        }

    # What was withheld from this month's benefit: its fixed costs and those of earlier months paid now
    # (nabetalingen). A rejected payment paid again is listed apart: it was withheld in its own month.
    betalingen = [
        row(regel) for regel in regels if regel.soort == RegelSoort.VASTE_LAST and regel.herbetaling_van_id is None
    ]
    herbetalingen = [row(regel) for regel in regels if regel.herbetaling_van_id is not None]
    leefgeld_regel = next(
        (regel for regel in regels if regel.soort == RegelSoort.LEEFGELD and regel.herbetaling_van_id is None), None
    )
    maand = month_label(afrekening.maand)
    return {
        **letter_context_for(
            dossier=dossier,
            onderwerp=_("Uw bijstand en vaste lasten in %(maand)s") % {"maand": maand},
            kenmerk=maandoverzicht_kenmerk(afrekening),
        ),
        "aanhef": aanhef_for(dossier.inburgeraar),
        "dossier": dossier,
        "ontzorging": ontzorging,
        "afrekening": afrekening,
        "maand": maand,
        "uitvoerdatum": afrekening.betaalrun.uitvoerdatum,
        "betalingen": betalingen,
        "herbetalingen": herbetalingen,
        "totaal_vaste_lasten": sum((b["bedrag"] for b in betalingen), Decimal(0)),
        "leefgeld": afrekening.leefgeld or Decimal(0),
        "leefgeld_regel": leefgeld_regel,
        "leefgeld_in_betaalrun": afrekening.gemeente.leefgeld_in_betaalrun,
    }


def maandoverzicht_render(*, afrekening: Afrekening) -> bytes:
    """The monthly overview of one included settlement, as PDF bytes."""
    return render_pdf(template_name=MAANDOVERZICHT_TEMPLATE, context=maandoverzicht_context(afrekening))


def maandoverzicht_filename(afrekening: Afrekening) -> str:
    return f"Maandoverzicht ontzorgen {maandoverzicht_kenmerk(afrekening)}.pdf"
