"""The summons for the brede intake as a PDF letter (templates/intake/oproep_brief.html on letters/base_letter.html).

A summons is not a beschikking: the letter has no bezwaar clause, but says what happens when the
person does not come (Wi 22), with the amounts and numbers from the rules.
"""

from datetime import date, datetime

from django.utils import timezone
from django.utils.translation import gettext as _

from openinburgering.dossiers.documents import aanhef_for, letter_context_for
from openinburgering.letters.rendering import render_pdf
from openinburgering.rules.intake import BOETE_BREDE_INTAKE, WAARSCHUWING_OPROEP, OproepUitkomst
from openinburgering.rules.termijnen import BREDE_INTAKE_OPROEPEN

from .models import Oproep

TEMPLATE = "intake/oproep_brief.html"


def oproep_brief_onderwerp(oproep: Oproep, *, verzet: bool = False) -> str:
    """The subject line: which invitation this is, and whether it carries the written warning."""
    if verzet:
        return _("Nieuwe afspraak voor uw brede intake")
    if oproep.volgnummer == 1:
        return _("Uitnodiging brede intake")
    ordinals = {2: _("Tweede"), 3: _("Derde")}
    ordinal = ordinals.get(oproep.volgnummer, str(oproep.volgnummer))
    if oproep.is_waarschuwing:
        return _("%(ordinal)s uitnodiging brede intake — waarschuwing") % {"ordinal": ordinal}
    if oproep.volgnummer >= BREDE_INTAKE_OPROEPEN.value:
        return _("%(ordinal)s en laatste uitnodiging brede intake") % {"ordinal": ordinal}
    return _("%(ordinal)s uitnodiging brede intake") % {"ordinal": ordinal}


def _local(moment: datetime | None) -> datetime | None:
    """The appointment in the gemeente's time zone (a naive value is taken as local already)."""
    if moment is None or timezone.is_naive(moment):
        return moment
    return timezone.localtime(moment)


def _vorige_oproep(oproep: Oproep) -> Oproep | None:
    if oproep.volgnummer <= 1:
        return None
    return Oproep.objects.filter(dossier_id=oproep.dossier_id, volgnummer=oproep.volgnummer - 1).first()


def oproep_brief_context(oproep: Oproep, *, verzet: bool = False, datum: date | None = None) -> dict[str, object]:
    """Everything the letter shows. `datum` is the letter's date: the sending date, or today for a moved appointment."""
    dossier = oproep.dossier
    vorige = _vorige_oproep(oproep)
    return {
        **letter_context_for(
            dossier=dossier,
            onderwerp=oproep_brief_onderwerp(oproep, verzet=verzet),
            datum=datum or oproep.verzonden_op,
        ),
        "aanhef": aanhef_for(dossier.inburgeraar),
        "dossier": dossier,
        "oproep": oproep,
        "verzet": verzet,
        "afspraak": _local(oproep.afspraak_op),
        "vorige": vorige,
        "vorige_afspraak": _local(vorige.afspraak_op) if vorige else None,
        "vorige_niet_verschenen": vorige is not None and vorige.uitkomst == OproepUitkomst.NIET_VERSCHENEN,
        "vorige_onvoldoende_meegewerkt": vorige is not None
        and vorige.uitkomst == OproepUitkomst.ONVOLDOENDE_MEEGEWERKT,
        "boete_mogelijk": oproep.volgnummer >= WAARSCHUWING_OPROEP.value,
        "is_laatste": oproep.volgnummer >= BREDE_INTAKE_OPROEPEN.value,
        "boete_bedrag": BOETE_BREDE_INTAKE.value,
    }


def oproep_brief_render(oproep: Oproep, *, verzet: bool = False, datum: date | None = None) -> bytes:
    """The summons as PDF bytes; `verzet` for the letter with a moved appointment."""
    return render_pdf(template_name=TEMPLATE, context=oproep_brief_context(oproep, verzet=verzet, datum=datum))


def oproep_brief_title(oproep: Oproep, *, verzet: bool = False) -> str:
    return _("%(onderwerp)s (oproep %(n)s)") % {
        "onderwerp": oproep_brief_onderwerp(oproep, verzet=verzet),
        "n": oproep.volgnummer,
    }


def oproep_brief_filename(oproep: Oproep, *, verzet: bool = False) -> str:
    """For example "Oproep 2 brede intake D-0000042.pdf"; a moved appointment adds its date to the name."""
    name = f"Oproep {oproep.volgnummer} brede intake {oproep.dossier.kenmerk}"
    afspraak = _local(oproep.afspraak_op)
    if verzet and afspraak is not None:
        name = f"{name} afspraak {afspraak.date().isoformat()}"
    return f"{name}.pdf"
