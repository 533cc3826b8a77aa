"""Writing the processing log. Called inside the transaction of the change it records."""

from collections.abc import Iterable
from dataclasses import dataclass

from openinburgering.core.tracing import current_trace_id

from .constants import LEGAL_GROUND, Action, Purpose
from .models import Verwerking


@dataclass(frozen=True)
class Subject:
    """Whose data was processed: a person, and the dossier it was processed for."""

    inburgeraar_id: int | None
    dossier_id: int | None = None


def _actor_fields(actor: object) -> dict[str, object]:
    if actor is None or not getattr(actor, "is_authenticated", False):
        return {"actor": None, "actor_label": "systeem", "role": "systeem"}
    return {
        "actor": actor,
        "actor_label": getattr(actor, "username", str(actor)),
        "role": actor.primary_role,  # type: ignore[attr-defined]
    }


def logboek_record(
    *,
    actor: object,
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
    *, actor: object, action: Action, purpose: Purpose, subject: str, subjects: Iterable[Subject]
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
