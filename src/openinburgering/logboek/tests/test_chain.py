"""The processing log's hash chain: each row's hash covers the previous one, so a change made past the
triggers (by the owner, with the triggers disabled) or a removed row shows in `manage.py logboek_verify`."""

import hashlib
import json
import threading
from datetime import UTC, datetime, timedelta, timezone
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, connections, transaction
from django.db.migrations.executor import MigrationExecutor
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from openinburgering.accounts.factories import UserFactory
from openinburgering.logboek.chain import GENESIS, HASHED_COLUMNS, chain_rows
from openinburgering.logboek.constants import Action, Purpose
from openinburgering.logboek.models import ChainHead, Verwerking
from openinburgering.logboek.services import Subject, logboek_record, logboek_record_many

postgresql_only = pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL: triggers can be disabled")
sqlite_only = pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's own trigger")


def write_rows(count: int) -> list[Verwerking]:
    """`count` rows: single records and a list record, as the product writes them."""
    actor = UserFactory(username="kr.keten")
    logboek_record(actor=actor, action=Action.VIEW, purpose=Purpose.REGIE, subject="dossier", inburgeraar_id=1)
    logboek_record_many(
        actor=actor,
        action=Action.LIST,
        purpose=Purpose.REGIE,
        subject="werkvoorraad",
        subjects=[Subject(inburgeraar_id=i, dossier_id=i) for i in range(2, count)],
    )
    logboek_record(actor=None, action=Action.CREATE, purpose=Purpose.KOPPELING, subject="notificatie")
    return list(Verwerking.objects.order_by("seq"))


def verify() -> tuple[bool, str]:
    out = StringIO()
    try:
        call_command("logboek_verify", stdout=out)
    except CommandError as error:
        return False, out.getvalue() + str(error)
    return True, out.getvalue()


def raw(sql: str, params: list[object] | None = None) -> None:
    with connection.cursor() as cursor:
        cursor.execute(sql, params or [])


@pytest.mark.django_db
def test_rows_are_chained_in_order_and_the_chain_verifies():
    rows = write_rows(6)
    assert [r.seq for r in rows] == [1, 2, 3, 4, 5, 6]
    head = ChainHead.objects.get()
    assert (head.seq, head.hash) == (6, rows[-1].hash)
    intact, output = verify()
    assert intact, output
    assert "Keten intact: 6 rijen" in output


@pytest.mark.django_db
def test_the_hash_is_sha256_over_the_previous_hash_and_the_canonical_row(klantregisseur):
    """The form documented in docs/adr/0004, so anyone can check the chain without our code."""
    first = logboek_record(
        actor=klantregisseur, action=Action.VIEW, purpose=Purpose.REGIE, subject="dossier", inburgeraar_id=7
    )
    first.refresh_from_db()
    content = [
        1,
        first.trace_id,
        first.at.astimezone(UTC).isoformat(timespec="microseconds"),
        klantregisseur.pk,
        "kr.a",
        "klantregisseur",
        7,
        None,
        "view",
        "dossier",
        "regie",
        first.legal_ground,
    ]
    text = "0" * 64 + "\n" + json.dumps(content, ensure_ascii=False, separators=(",", ":"))
    assert first.hash == hashlib.sha256(text.encode()).hexdigest()


@postgresql_only
@pytest.mark.django_db
def test_update_with_triggers_disabled_is_reported_at_exactly_that_row():
    rows = write_rows(6)
    changed = rows[3]
    table = Verwerking._meta.db_table
    # The owner (the test runner's role owns the tables) sets the triggers aside, as the review did.
    raw(f"ALTER TABLE {table} DISABLE TRIGGER USER")
    raw(f"UPDATE {table} SET subject = %s WHERE id = %s", ["iets anders", changed.pk])  # noqa: S608
    raw(f"ALTER TABLE {table} ENABLE TRIGGER USER")

    intact, output = verify()
    assert not intact
    assert f"Eerste gebroken schakel: rij {changed.pk} " in output
    assert "plaats 4)" in output
    assert "1 van 6 rijen" in output


@postgresql_only
@pytest.mark.django_db
def test_delete_of_a_middle_row_is_reported_at_the_row_after_the_gap():
    rows = write_rows(6)
    table = Verwerking._meta.db_table
    raw(f"ALTER TABLE {table} DISABLE TRIGGER USER")
    raw(f"DELETE FROM {table} WHERE id = %s", [rows[2].pk])  # noqa: S608
    raw(f"ALTER TABLE {table} ENABLE TRIGGER USER")

    intact, output = verify()
    assert not intact
    assert f"Eerste gebroken schakel: rij {rows[3].pk} " in output
    assert "rijen 3–3 ontbreken" in output


@postgresql_only
@pytest.mark.django_db
def test_deleting_the_last_rows_is_reported_by_the_head():
    rows = write_rows(6)
    table = Verwerking._meta.db_table
    raw(f"ALTER TABLE {table} DISABLE TRIGGER USER")
    raw(f"DELETE FROM {table} WHERE seq > 4")  # noqa: S608
    raw(f"ALTER TABLE {table} ENABLE TRIGGER USER")

    intact, output = verify()
    assert not intact
    assert "rijen 5–6 aan het eind ontbreken" in output
    assert len(rows) == 6


@postgresql_only
@pytest.mark.django_db
@pytest.mark.parametrize(
    "statement",
    [
        "TRUNCATE logboek_verwerking",
        "TRUNCATE logboek_chainhead",
        "DELETE FROM logboek_chainhead",
        "UPDATE logboek_chainhead SET seq = 0",
    ],
)
def test_postgresql_refuses_truncate_and_moving_the_head_back(statement):
    write_rows(4)
    with pytest.raises(DatabaseError), transaction.atomic():
        raw(statement)
    assert Verwerking.objects.count() == 4
    assert ChainHead.objects.get().seq == 4


@sqlite_only
@pytest.mark.django_db
def test_sqlite_refuses_delete():
    rows = write_rows(3)
    table = Verwerking._meta.db_table
    with pytest.raises(DatabaseError), transaction.atomic():
        raw(f"DELETE FROM {table} WHERE id = %s", [rows[1].pk])  # noqa: S608
    assert Verwerking.objects.count() == 3
    assert verify()[0]


@postgresql_only
@pytest.mark.django_db(transaction=True)
def test_two_transactions_writing_at_once_do_not_fork_the_chain():
    """The first writer holds the head until it commits; the second waits and continues after it."""
    first_wrote, second_started = threading.Event(), threading.Event()
    errors: list[BaseException] = []

    def first() -> None:
        try:
            with transaction.atomic():
                logboek_record_many(
                    actor=None, action=Action.LIST, purpose=Purpose.REGIE, subject="een",
                    subjects=[Subject(inburgeraar_id=i) for i in range(50)],
                )  # fmt: skip
                first_wrote.set()
                second_started.wait(5)
                threading.Event().wait(0.3)  # the second writer is now waiting on the head
        except BaseException as error:  # pragma: no cover - reported below
            errors.append(error)
        finally:
            connections.close_all()

    def second() -> None:
        try:
            first_wrote.wait(5)
            second_started.set()
            for _ in range(3):
                logboek_record(actor=None, action=Action.VIEW, purpose=Purpose.REGIE, subject="twee")
        except BaseException as error:  # pragma: no cover - reported below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(20)
    assert not errors
    rows = list(Verwerking.objects.order_by("seq").values_list("seq", "subject"))
    assert [seq for seq, _ in rows] == list(range(1, 54))
    assert [subject for _, subject in rows] == ["een"] * 50 + ["twee"] * 3
    assert verify()[0]


@pytest.mark.django_db(transaction=True)
def test_migration_chains_rows_written_before_the_chain():
    executor = MigrationExecutor(connection)
    before = [("logboek", "0004_alter_verwerking_purpose")]
    latest = executor.loader.graph.leaf_nodes("logboek")
    executor.migrate(before)
    with connection.cursor() as cursor:
        for n, day in enumerate([2, 1, 2]):
            at = connection.ops.adapt_datetimefield_value(datetime(2026, 3, day, 10, tzinfo=UTC))
            cursor.execute(
                "INSERT INTO logboek_verwerking "
                "(trace_id, at, actor_label, role, action, subject, purpose, legal_ground) "
                "VALUES (%s, %s, 'systeem', 'systeem', 'view', %s, 'regie', 'Wi 2021')",
                [f"{n:032d}", at, f"oud-{n}"],
            )
    executor = MigrationExecutor(connection)
    executor.migrate(latest)

    rows = list(Verwerking.objects.order_by("seq").values_list("seq", "subject"))
    assert rows == [(1, "oud-1"), (2, "oud-0"), (3, "oud-2")]  # by time, then by id
    logboek_record(actor=None, action=Action.VIEW, purpose=Purpose.REGIE, subject="nieuw")
    intact, output = verify()
    assert intact, output
    assert "4 rijen" in output


# Any text PostgreSQL can store (no NUL), control characters, quotes, backslashes and non-ASCII included.
_text = st.characters(exclude_characters="\x00", exclude_categories=("Cs",))
_id = st.none() | st.integers(min_value=1, max_value=2**63 - 1)


@postgresql_only
@pytest.mark.django_db
@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    trace_id=st.text(_text, max_size=32),
    at=st.datetimes(
        min_value=datetime(1970, 1, 2), max_value=datetime(2200, 1, 1),
        timezones=st.sampled_from([UTC, timezone(timedelta(hours=1)), timezone(timedelta(hours=-9, minutes=-30))]),
    ),
    actor_id=_id,
    actor_label=st.text(_text, max_size=200),
    role=st.text(_text, max_size=40),
    people=st.lists(st.tuples(_id, _id), min_size=1, max_size=6),
    action=st.text(_text, max_size=20),
    subject=st.text(_text, max_size=100),
    purpose=st.text(_text, max_size=20),
    legal_ground=st.text(_text, max_size=200),
)  # fmt: skip
def test_the_database_hashes_each_row_exactly_as_the_documented_form(
    trace_id, at, actor_id, actor_label, role, people, action, subject, purpose, legal_ground
):
    """PostgreSQL appends through logboek_append (migration 0008), which builds the canonical JSON in SQL;
    `logboek_verify` and anyone checking the chain build it as logboek/chain.py does. Both must agree on
    every value, or a genuine log would be reported as tampered with."""
    head = ChainHead.objects.values_list("seq", "hash").first() or (0, GENESIS)
    before = (trace_id, at, actor_id, actor_label, role)
    after = (action, subject, purpose, legal_ground)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT first_seq, last_hash FROM logboek_append("
            "%s, %s, %s, %s, %s, %s::bigint[], %s::bigint[], %s, %s, %s, %s)",
            [*before, [p[0] for p in people], [p[1] for p in people], *after],
        )
        first_seq, last_hash = cursor.fetchone()

    expected = list(chain_rows(head[1], head[0] + 1, [(*before, *person, *after) for person in people]))
    assert first_seq == head[0] + 1
    assert last_hash == expected[-1][-1]
    stored = Verwerking.objects.filter(seq__gte=first_seq).order_by("seq").values_list(*HASHED_COLUMNS, "hash")
    assert list(stored) == expected
    assert ChainHead.objects.values_list("seq", "hash").get() == (expected[-1][0], last_hash)


@pytest.mark.django_db
def test_a_single_record_comes_back_as_the_stored_row(klantregisseur):
    record = logboek_record(
        actor=klantregisseur, action=Action.VIEW, purpose=Purpose.REGIE, subject="dossier", inburgeraar_id=3
    )
    stored = Verwerking.objects.get(seq=record.seq)
    assert (record.pk, record.hash, record.inburgeraar_id, record.actor_id) == (
        stored.pk, stored.hash, 3, klantregisseur.pk,
    )  # fmt: skip
