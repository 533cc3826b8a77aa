"""The monthly overview of one settlement of a betaalrun, stored as a letter."""

from django.db import transaction
from django.utils.translation import gettext as _

from openinburgering.accounts.constants import Role
from openinburgering.accounts.models import User
from openinburgering.betalingen.constants import AfrekeningStatus
from openinburgering.betalingen.models import Afrekening
from openinburgering.core.exceptions import DomainError
from openinburgering.core.timeline import month_label
from openinburgering.letters.models import Document, LetterTemplateIncomplete
from openinburgering.letters.services import document_store
from openinburgering.taken.constants import TaakSoort
from openinburgering.taken.services import NieuweTaak, taken_raise

from ..letters import maandoverzicht_filename, maandoverzicht_render
from ._common import _record, _require_editor

# --- the monthly overview ------------------------------------------------------------------------


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
    _record(afrekening.dossier, actor, "maandoverzicht", _("Maandoverzicht van %(maand)s gemaakt") % {"maand": maand})
    return document


def maandoverzichten_maken(*, run_id: int, actor: User) -> int:
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
