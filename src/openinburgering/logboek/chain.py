"""The processing log's hash chain: tamper evidence for rows written by anyone who can bypass the triggers.

Every row carries `seq` (its position, 1, 2, 3, …) and `hash` = sha256(previous row's hash + the row's
canonical content). Changing a row breaks its own hash; removing one leaves a gap in `seq` and breaks the
next row's link. `ChainHead` holds the last position and hash; a writer claims it in the transaction that
inserts the rows, so two transactions can never both extend the chain from the same position. On
PostgreSQL the whole append is one server-side call, `logboek_append` (migration 0008), which builds the
same canonical form in SQL; on SQLite `claim_positions`, `chain_rows` and `advance_head` below do it.
`row_hash` and `verify_chain` are the reference for both.

The canonical form below is frozen: changing it makes every stored hash unverifiable.
"""

import functools
import hashlib
import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from django.db import connection

GENESIS = "0" * 64
HEAD_ID = 1

# The columns a row's hash covers, in this order (everything but the database id and the hash itself).
HASHED_COLUMNS = (
    "seq", "trace_id", "at", "actor_id", "actor_label", "role", "inburgeraar_id", "dossier_id",
    "action", "subject", "purpose", "legal_ground",
)  # fmt: skip


@functools.lru_cache(maxsize=4096)
def _encode_text(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)


@functools.lru_cache(maxsize=256)
def _encode_datetime(value: datetime) -> str:
    return _encode_text(value.astimezone(UTC).isoformat(timespec="microseconds"))


def _encode(value: Any) -> str:
    """One value as JSON: null, an integer, or a string (a timestamp as ISO 8601 in UTC with microseconds).
    The repeated values of a bulk write (trace id, time, actor, purpose) are encoded once."""
    if value is None:
        return "null"
    if type(value) is int:
        return str(value)
    if isinstance(value, datetime):
        return _encode_datetime(value)
    return _encode_text(str(value))


def row_hash(previous: str, values: Sequence[Any]) -> str:
    """sha256 over the previous row's hash, a newline and this row's values as a compact JSON array
    (HASHED_COLUMNS order), UTF-8."""
    content = ",".join(map(_encode, values))
    return hashlib.sha256(f"{previous}\n[{content}]".encode()).hexdigest()


def chain_rows(previous: str, first_seq: int, rows: Iterable[Sequence[Any]]) -> Iterator[tuple[Any, ...]]:
    """Give each row (values in HASHED_COLUMNS order without `seq`) its position and hash:
    yields (seq, *values, hash)."""
    seq = first_seq
    for values in rows:
        full = (seq, *values)
        previous = row_hash(previous, full)
        yield (*full, previous)
        seq += 1


def claim_positions(count: int) -> tuple[int, str]:
    """Reserve `count` positions at the end of the chain for the current transaction.

    Returns (first free position, hash of the row before it). The conditional UPDATE locks the head
    until the transaction ends, so a concurrent writer waits and then continues after our rows.
    Call `advance_head` with the last hash before the transaction commits.
    """
    table = connection.ops.quote_name("logboek_chainhead")
    with connection.cursor() as cursor:
        for _attempt in range(2):
            cursor.execute(
                f"UPDATE {table} SET seq = seq + %s WHERE id = %s RETURNING seq, hash",  # noqa: S608
                [count, HEAD_ID],
            )
            found = cursor.fetchone()
            if found is not None:
                seq, previous = found
                return int(seq) - count + 1, str(previous)
            # No head yet (a database emptied by the test runner's flush): start one, then claim.
            cursor.execute(
                f"INSERT INTO {table} (id, seq, hash) VALUES (%s, 0, %s) ON CONFLICT (id) DO NOTHING",  # noqa: S608
                [HEAD_ID, GENESIS],
            )
    raise RuntimeError("The processing log's chain head could not be claimed.")


def advance_head(last_hash: str) -> None:
    table = connection.ops.quote_name("logboek_chainhead")
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {table} SET hash = %s WHERE id = %s", [last_hash, HEAD_ID])  # noqa: S608


@dataclass(frozen=True)
class BrokenLink:
    row_id: int | None
    at: datetime | None
    seq: int | None
    reason: str


@dataclass(frozen=True)
class VerifyResult:
    rows: int
    head_seq: int
    head_hash: str
    first_broken: BrokenLink | None
    broken_count: int

    @property
    def intact(self) -> bool:
        return self.first_broken is None


def verify_chain(rows: Iterable[Sequence[Any]], head: tuple[int, str] | None) -> VerifyResult:
    """Walk the chain in `seq` order. `rows` yield (id, *HASHED_COLUMNS values, hash); `head` is the
    stored (seq, hash) of ChainHead. Reports the first row whose link is broken and how many are."""
    previous, expected_seq, count, broken, first = GENESIS, 1, 0, 0, None
    last_seq = 0

    def mark(link: BrokenLink) -> None:
        nonlocal broken, first
        broken += 1
        if first is None:
            first = link

    for row in rows:
        count += 1
        row_id, values, stored = row[0], tuple(row[1:-1]), str(row[-1] or "")
        seq, at = values[0], values[2]
        if seq is None:
            mark(BrokenLink(row_id, at, None, "rij zonder plaats in de keten (buiten de applicatie ingevoegd)"))
            continue
        if seq != expected_seq:
            reason = (
                f"rijen {expected_seq}–{seq - 1} ontbreken vóór deze rij"
                if seq > expected_seq
                else f"plaats {seq} komt dubbel of in verkeerde volgorde voor"
            )
            mark(BrokenLink(row_id, at, seq, reason))
        elif row_hash(previous, values) != stored:
            mark(BrokenLink(row_id, at, seq, "de inhoud of de hash van deze rij is gewijzigd"))
        previous, expected_seq, last_seq = stored, seq + 1, seq
    head_seq, head_hash = head if head is not None else (0, GENESIS)
    if head_seq > last_seq:
        mark(BrokenLink(None, None, last_seq + 1, f"rijen {last_seq + 1}–{head_seq} aan het eind ontbreken"))
    elif head_seq < last_seq:
        mark(BrokenLink(None, None, head_seq, f"de kop van de keten staat op {head_seq}, de laatste rij op {last_seq}"))
    elif count and head_hash != previous:
        mark(BrokenLink(None, None, head_seq, "de kop van de keten wijkt af van de laatste rij"))
    return VerifyResult(count, head_seq, head_hash, first, broken)


def verify_stored_chain(*, batch: int = 10_000) -> VerifyResult:
    """Verify the chain as stored, in one consistent snapshot (REPEATABLE READ on PostgreSQL)."""
    from django.db import transaction

    from .models import ChainHead, Verwerking

    outermost = not connection.in_atomic_block
    with transaction.atomic():
        if connection.vendor == "postgresql" and outermost:
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        head = ChainHead.objects.filter(pk=HEAD_ID).values_list("seq", "hash").first()
        rows = (
            Verwerking.objects.order_by("seq", "pk")
            .values_list("pk", *HASHED_COLUMNS, "hash")
            .iterator(chunk_size=batch)
        )
        return verify_chain(rows, head)
