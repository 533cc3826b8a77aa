"""Writing the processing log. Called inside the transaction of the change it records."""

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db import connection, transaction
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
    rows = _Rows.of(actor=actor, action=action, purpose=purpose, subject=subject)
    appended = rows.append([Subject(inburgeraar_id, dossier_id)])
    verwerking = Verwerking(
        pk=appended.first_id,
        seq=appended.first_seq,
        hash=appended.last_hash,
        **dict(zip(HASHED_COLUMNS[1:], rows.values((inburgeraar_id, dossier_id)), strict=True)),
    )
    verwerking._state.adding = False
    verwerking._state.db = connection.alias
    return verwerking


def logboek_record_many(
    *, actor: Actor, action: Action, purpose: Purpose, subject: str, subjects: Iterable[Subject]
) -> int:
    """Record one row per person shown in a list, search result, export or import, in one write
    (an import of 100,000 rows: about two seconds, as it was with COPY and hashing in Python)."""
    return _Rows.of(actor=actor, action=action, purpose=purpose, subject=subject).append(subjects).count


@dataclass(frozen=True)
class _Appended:
    first_id: int | None
    first_seq: int
    last_hash: str
    count: int


@dataclass(frozen=True)
class _Rows:
    """What the rows of one record call share: who, when, in which trace, what and why."""

    shared_before: tuple[Any, ...]  # trace_id, at, actor_id, actor_label, role
    shared_after: tuple[Any, ...]  # action, subject, purpose, legal_ground

    @classmethod
    def of(cls, *, actor: Actor, action: Action, purpose: Purpose, subject: str) -> "_Rows":
        common = _actor_fields(actor)
        actor_user = common["actor"]
        before = (
            current_trace_id(),
            timezone.now(),
            actor_user.pk if actor_user is not None else None,  # type: ignore[attr-defined]
            common["actor_label"],
            common["role"],
        )
        return cls(before, (str(action), subject, str(purpose), legal_ground_for(purpose, action)))

    def values(self, person: tuple[int | None, int | None]) -> tuple[object, ...]:
        """One row's values in HASHED_COLUMNS order, without `seq`."""
        return (*self.shared_before, *person, *self.shared_after)

    def append(self, subjects: Iterable[Subject]) -> _Appended:
        """Append one row per subject at the end of the chain."""
        people = [(item.inburgeraar_id, item.dossier_id) for item in subjects]
        if not people:
            return _Appended(None, 0, "", 0)
        if connection.vendor == "postgresql":
            return self._append_in_postgresql(people)
        with transaction.atomic(savepoint=False):  # inside a caller's transaction: no savepoint queries
            first_seq, previous = claim_positions(len(people))
            chained = list(chain_rows(previous, first_seq, map(self.values, people)))
            first_id = None
            if len(chained) == 1:  # a single record is returned as a model instance, with its id
                single = Verwerking(**dict(zip(_COLUMNS, chained[0], strict=True)))
                single.save(force_insert=True)
                first_id = single.pk
            else:
                RowWriter().write(Verwerking, _COLUMNS, chained)
            last_hash = str(chained[-1][-1])
            advance_head(last_hash)
        return _Appended(first_id, first_seq, last_hash, len(people))

    def _append_in_postgresql(self, people: list[tuple[int | None, int | None]]) -> _Appended:
        """One statement (migration 0008), which claims the head, hashes, inserts and moves the head: in
        autocommit mode the head is locked only while the server runs it, so no writer ever waits for
        another request's Python thread."""
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT first_id, first_seq, last_hash FROM logboek_append("
                "%s, %s, %s, %s, %s, %s::bigint[], %s::bigint[], %s, %s, %s, %s)",
                [*self.shared_before, [p[0] for p in people], [p[1] for p in people], *self.shared_after],
            )
            first_id, first_seq, last_hash = cursor.fetchone()
        return _Appended(int(first_id), int(first_seq), str(last_hash), len(people))


_COLUMNS = (*HASHED_COLUMNS, "hash")
