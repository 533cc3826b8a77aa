"""The PIP beschikking as a PDF letter (templates/pip/beschikking.html on letters/base_letter.html)."""

from django.utils import timezone
from django.utils.translation import gettext as _

from openinburgering.dossiers.documents import aanhef_for, letter_context_for
from openinburgering.letters.bezwaar import bezwaar_context
from openinburgering.letters.rendering import render_pdf
from openinburgering.rules.enums import Doelgroep
from openinburgering.rules.leerroute import (
    PVT_MIN_HOURS,
    Z_ROUTE_COURSE_HOURS,
    Z_ROUTE_PARTICIPATION_HOURS,
    Leerroute,
    Niveau,
    effective_level,
)
from openinburgering.rules.termijnen import INBURGERINGSTERMIJN

from .checks import termijn_for
from .constants import LeerrouteChoices
from .models import Pip

ONDERWERP = "Besluit Persoonlijk Plan Inburgering en Participatie (PIP)"
TEMPLATE = "pip/beschikking.html"


def pip_beschikking_context(pip: Pip, *, preview: bool = False) -> dict[str, object]:
    """Everything the letter shows. For a version that is not vastgesteld (a preview), the dates are
    those it would get if it were vastgesteld today."""
    dossier = pip.dossier
    today = timezone.localdate()
    dagtekening = pip.dagtekening or today
    bekendmaking = pip.bekendmaking or dagtekening
    if pip.inburgeringstermijn_start and pip.inburgeringstermijn_einde:
        termijn_start, termijn_last_day = pip.inburgeringstermijn_start, pip.inburgeringstermijn_einde
    else:
        termijn = termijn_for(pip, dagtekening=dagtekening)
        termijn_start, termijn_last_day = termijn.start, termijn.last_day
    route = Leerroute(pip.leerroute) if pip.leerroute else None
    niveau = effective_level(route, Niveau(pip.niveau) if pip.niveau else None) if route else None
    doelgroep = Doelgroep(dossier.doelgroep)
    vorige = pip.vorige
    return {
        **letter_context_for(dossier=dossier, onderwerp=ONDERWERP, kenmerk=pip.kenmerk, datum=dagtekening),
        "aanhef": aanhef_for(dossier.inburgeraar),
        "pip": pip,
        "dossier": dossier,
        "preview": preview,
        "vorige": vorige,
        "leerroute": route.value if route else "",
        "leerroute_label": LeerrouteChoices(pip.leerroute).label if pip.leerroute else _("(nog geen leerroute)"),
        "niveau": niveau.value if niveau else "",
        "is_asielstatushouder": doelgroep == Doelgroep.ASIELSTATUSHOUDER,
        "heeft_map": pip.map_opgenomen and route != Leerroute.ONDERWIJSROUTE,
        "aanbod": list(pip.aanbod.select_related("instelling").order_by("datum_inburgeringsaanbod", "pk")),
        "termijn_start": termijn_start,
        "termijn_last_day": termijn_last_day,
        **bezwaar_context(bekendmaking),
        "termijn_jaren": INBURGERINGSTERMIJN.value.length.amount,
        "pvt_min_uren": PVT_MIN_HOURS.value,
        "z_cursus_uren": Z_ROUTE_COURSE_HOURS.value,
        "z_participatie_uren": pip.z_participatie_uren or Z_ROUTE_PARTICIPATION_HOURS.value[doelgroep],
    }


def pip_beschikking_render(pip: Pip, *, preview: bool = False) -> bytes:
    """The beschikking as PDF bytes. `preview`: marked as a draft, for the teamleider before approving."""
    return render_pdf(template_name=TEMPLATE, context=pip_beschikking_context(pip, preview=preview))


def pip_beschikking_filename(pip: Pip) -> str:
    return f"PIP-beschikking {pip.kenmerk}.pdf"
