"""Writing the processing log. Called inside the transaction of the change it records."""

from collections.abc import Iterable
from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from openinburgering.accounts.models import User
from openinburgering.core.bulk import RowWriter
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
    """Record one row per person shown in a list, search result, export or import, in one write
    (COPY on PostgreSQL: an import of 100,000 rows logs them in well under a second)."""
    common = _actor_fields(actor)
    actor_user = common["actor"]
    fixed = (
        current_trace_id(),
        timezone.now(),
        actor_user.pk if actor_user is not None else None,  # type: ignore[attr-defined]
        common["actor_label"],
        common["role"],
        action,
        subject,
        purpose,
        LEGAL_GROUND[purpose],
    )
    rows = [(*fixed, item.inburgeraar_id, item.dossier_id) for item in subjects]
    RowWriter().write(Verwerking, _MANY_COLUMNS, rows)
    return len(rows)


_MANY_COLUMNS = (
    "trace_id", "at", "actor_id", "actor_label", "role", "action", "subject", "purpose", "legal_ground",
    "inburgeraar_id", "dossier_id",
)  # fmt: skip
