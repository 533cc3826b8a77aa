"""The processing log of what a betaalrun shows of people (its file, its report)."""

from django.db.models import Q

from openinburgering.accounts.models import User
from openinburgering.logboek.constants import Action, Purpose
from openinburgering.logboek.services import Subject, logboek_record_many

from .models import Afrekening, Betaalregel, Betaalrun


def log_people_shown(run: Betaalrun, actor: User, action: Action, subject: str, gemeente_id: int | None = None) -> None:
    # The people settled in the run, and those whose rejected payment it pays again (settled earlier).
    herbetaald = Betaalregel.objects.filter(betaalrun=run, herbetaling_van__isnull=False).values("afrekening_id")
    afrekeningen = Afrekening.objects.filter(Q(betaalrun=run) | Q(pk__in=herbetaald))
    if gemeente_id is not None:
        afrekeningen = afrekeningen.filter(gemeente_id=gemeente_id)
    logboek_record_many(
        actor=actor,
        action=action,
        purpose=Purpose.ONTZORGEN,
        subject=subject,
        subjects=(
            Subject(inburgeraar_id, dossier_id)
            for dossier_id, inburgeraar_id in afrekeningen.values_list("dossier_id", "dossier__inburgeraar_id")
        ),
    )
