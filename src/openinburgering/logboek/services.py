"""Writing the processing log. Called inside the transaction of the change it records."""

from collections.abc import Iterable
from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser

from openinburgering.accounts.models import User
from openinburgering.core.tracing import current_trace_id

from .constants import LEGAL_GROUND, Action, Purpose
from .models import Verwerking

# Who processed the data: a logged-in user, or nobody (the system) as None or an anonymous user.
Actor = User | AnonymousUser | None


@dataclass(frozen=True)
class Subject:
    """Whose data was processed: a person, and the dossier it was processed for."""

    inburgeraar_id: int | None
    dossier_id: int | None = None


def _actor_fields(actor: Actor) -> dict[str, object]:
    if actor is None or not actor.is_authenticated:
        return {"actor": None, "actor_label": "systeem", "role": "systeem"}
    return {
        "actor": actor,
        "actor_label": actor.username,
        "role": actor.primary_role,
    }


def logboek_record(
    *,
    actor: Actor,
    action: Action,
    purpose: Purpose,
    subject: str,
    inburgeraar_id: int | None = None,
    dossier_id: int | None = None,
) -> Verwerking:
    """Record that `actor` processed one person's data."""
    return Verwerking.objects.create(
        trace_id=current_trace_id(),
        action=action,
        purpose=purpose,
        legal_ground=LEGAL_GROUND[purpose],
        subject=subject,
        inburgeraar_id=inburgeraar_id,
        dossier_id=dossier_id,
        **_actor_fields(actor),
    )


def logboek_record_many(
    *, actor: Actor, action: Action, purpose: Purpose, subject: str, subjects: Iterable[Subject]
) -> int:
    """Record one row per person shown in a list, search result or export, in one insert."""
    common = _actor_fields(actor)
    trace_id = current_trace_id()
    rows = [
        Verwerking(
            trace_id=trace_id,
            action=action,
            purpose=purpose,
            legal_ground=LEGAL_GROUND[purpose],
            subject=subject,
            inburgeraar_id=item.inburgeraar_id,
            dossier_id=item.dossier_id,
            **common,
        )
        for item in subjects
    ]
    Verwerking.objects.bulk_create(rows)
    return len(rows)
