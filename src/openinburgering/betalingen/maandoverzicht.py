"""The monthly overview of one settlement of a betaalrun (an Afrekening): the benefit, each payment and the
leefgeld that is left, stored as a letter. It informs; it is not a decision, so it has no bezwaar clause.

It lived in ontzorgen; it reads the payments, so it belongs to the payments app (ontzorgen never imports
betalingen).
"""

from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from openinburgering.accounts.constants import Role
from openinburgering.accounts.models import User
from openinburgering.core.exceptions import DomainError
from openinburgering.core.timeline import month_label
from openinburgering.dossiers.documents import aanhef_for, letter_context_for
from openinburgering.dossiers.models import Dossier
from openinburgering.dossiers.services import dossier_change_record
from openinburgering.letters.models import Document, LetterTemplateIncomplete
from openinburgering.letters.rendering import render_pdf
from openinburgering.letters.services import document_store
from openinburgering.ontzorgen.constants import ONTZORGEN_EDIT_ROLES, KenmerkSoort
from openinburgering.ontzorgen.letters import ontzorging_kenmerk
from openinburgering.taken.constants import TaakSoort
from openinburgering.taken.services import NieuweTaak, taken_raise

from .constants import AfrekeningStatus, RegelSoort
from .models import Afrekening, Betaalregel

MAANDOVERZICHT_TEMPLATE = "betalingen/maandoverzicht.html"


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


def _require_editor(actor: User, dossier: Dossier) -> None:
    if not actor.has_role(*ONTZORGEN_EDIT_ROLES) or not actor.scope.covers_gemeente(dossier.gemeente_id):
        raise DomainError(_("Alleen een financieel medewerker van deze gemeente kan dit doen."), code="forbidden")


# --- storing it ----------------------------------------------------------------------------------


@transaction.atomic
def maandoverzicht_store(*, afrekening: Afrekening, actor: User) -> Document:
    """Render and store the monthly overview of one included settlement (a new document each time)."""
    _require_editor(actor, afrekening.dossier)
    if afrekening.status != AfrekeningStatus.OPGENOMEN:
        raise DomainError(
            _("Alleen van een afrekening die in de betaalrun is opgenomen kan een maandoverzicht worden gemaakt."),
            code="uitgesloten",
        )
    maand = month_label(afrekening.maand)
    document = document_store(
        dossier=afrekening.dossier,
        kind=Document.Kind.ONTZORGEN_MAANDOVERZICHT,
        title=_("Maandoverzicht ontzorgen %(maand)s") % {"maand": maand},
        filename=maandoverzicht_filename(afrekening),
        content=maandoverzicht_render(afrekening=afrekening),
        actor=actor,
    )
    dossier_change_record(  # on the ontzorgen part of the timeline, as before
        dossier=afrekening.dossier,
        actor=actor,
        action="ontzorgen_maandoverzicht",
        summary=(_("Maandoverzicht van %(maand)s gemaakt") % {"maand": maand})[:300],
        subject="ontzorgen",
    )
    return document


def maandoverzichten_create(*, run_id: int, actor: User) -> int:
    """The monthly overview of everyone included in a run, each in its own transaction; a person who
    already has this month's overview is skipped, so running it again (or after a crash) is safe.

    A gemeente whose letter template lacks what every letter must carry (address, phone, e-mail)
    does not stop the others: its people are skipped and the functioneel beheerder gets one task per
    gemeente; once the template is complete, asking for the overviews again makes the missing ones.
    Returns how many were made."""
    afrekeningen = (
        Afrekening.objects.filter(betaalrun_id=run_id, status=AfrekeningStatus.OPGENOMEN)
        .select_related("dossier__inburgeraar", "dossier__gemeente", "ontzorging")
        .order_by("pk")
    )
    made = 0
    incomplete: dict[int, tuple[str, int]] = {}  # gemeente id → (the refusal, people skipped)
    for afrekening in afrekeningen.iterator(chunk_size=500):
        if afrekening.gemeente_id in incomplete:
            message, skipped = incomplete[afrekening.gemeente_id]
            incomplete[afrekening.gemeente_id] = (message, skipped + 1)
            continue
        exists = Document.objects.filter(
            dossier_id=afrekening.dossier_id,
            kind=Document.Kind.ONTZORGEN_MAANDOVERZICHT,
            filename=maandoverzicht_filename(afrekening),
        ).exists()
        if exists:
            continue
        try:
            maandoverzicht_store(afrekening=afrekening, actor=actor)
        except LetterTemplateIncomplete as refusal:
            incomplete[afrekening.gemeente_id] = (refusal.message, 1)
            continue
        made += 1
    taken_raise(
        [
            NieuweTaak(
                gemeente_id=gemeente_id,
                soort=TaakSoort.BRIEFSJABLOON_ONVOLLEDIG,
                rol=Role.FUNCTIONEEL_BEHEERDER,
                titel=_("Maandoverzichten niet gemaakt: briefsjabloon onvolledig"),
                toelichting=_(
                    "%(reden)s Mensen in deze betaalrun zonder maandoverzicht: %(aantal)s. Vul het briefsjabloon "
                    "aan; daarna kan de financieel medewerker de maandoverzichten opnieuw laten maken."
                )
                % {"reden": message, "aantal": skipped},
                sleutel=f"maandoverzicht-briefsjabloon:{run_id}:{gemeente_id}",
            )
            for gemeente_id, (message, skipped) in incomplete.items()
        ]
    )
    return made
