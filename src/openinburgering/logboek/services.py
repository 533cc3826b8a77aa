"""Writing the processing log. Called inside the transaction of the change it records."""

from collections.abc import Iterable
from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser
from django.db import transaction
from django.utils import timezone

from openinburgering.accounts.models import User
from openinburgering.core.bulk import RowWriter
from openinburgering.core.tracing import current_trace_id

from .chain import HASHED_COLUMNS, advance_head, chain_rows, claim_positions
from .constants import Action, Purpose, legal_ground_for
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
    with transaction.atomic(savepoint=False):  # inside a caller's transaction: no savepoint queries
        [row] = _chained(
            actor=actor, action=action, purpose=purpose, subject=subject, subjects=[Subject(inburgeraar_id, dossier_id)]
        )
        verwerking = Verwerking(**dict(zip(_COLUMNS, row, strict=True)))
        verwerking.save(force_insert=True)
        advance_head(verwerking.hash)
    return verwerking


def logboek_record_many(
    *, actor: Actor, action: Action, purpose: Purpose, subject: str, subjects: Iterable[Subject]
) -> int:
    """Record one row per person shown in a list, search result, export or import, in one write
    (COPY on PostgreSQL: an import of 100,000 rows logs them in well under a second)."""
    with transaction.atomic(savepoint=False):  # inside a caller's transaction: no savepoint queries
        rows = _chained(actor=actor, action=action, purpose=purpose, subject=subject, subjects=subjects)
        if rows:
            RowWriter().write(Verwerking, _COLUMNS, rows)
            advance_head(str(rows[-1][-1]))
    return len(rows)


def _chained(
    *, actor: Actor, action: Action, purpose: Purpose, subject: str, subjects: Iterable[Subject]
) -> list[tuple[object, ...]]:
    """The rows to append, each with its position and hash. Claims the positions at the end of the chain:
    call inside the transaction that writes the rows and then `advance_head`."""
    common = _actor_fields(actor)
    actor_user = common["actor"]
    fixed = (
        current_trace_id(),
        timezone.now(),
        actor_user.pk if actor_user is not None else None,  # type: ignore[attr-defined]
        common["actor_label"],
        common["role"],
    )
    described = (action, subject, purpose, legal_ground_for(purpose, action))
    values = [(*fixed, item.inburgeraar_id, item.dossier_id, *described) for item in subjects]
    if not values:
        return []
    first, previous = claim_positions(len(values))
    return list(chain_rows(previous, first, values))


_COLUMNS = (*HASHED_COLUMNS, "hash")
