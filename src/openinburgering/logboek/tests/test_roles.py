"""The production runtime role (DB_USER) can append to the processing log and read it, nothing more:
created here as a real login role, given its rights by `manage.py db_roles --execute`, then connected as."""

import uuid
from collections.abc import Iterator
from io import StringIO

import psycopg
import pytest
from django.core.management import call_command
from django.db import connection

from openinburgering.logboek.constants import Action, Purpose
from openinburgering.logboek.models import ChainHead, Verwerking
from openinburgering.logboek.services import Subject, logboek_record, logboek_record_many

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="roles are PostgreSQL's"),
    pytest.mark.django_db(transaction=True),
]


def connect_as(role: str) -> psycopg.Connection:
    settings = connection.settings_dict
    return psycopg.connect(
        dbname=settings["NAME"], host=settings["HOST"], port=settings["PORT"], user=role, autocommit=True
    )


@pytest.fixture
def runtime_role() -> Iterator[str]:
    role = f"oi_runtime_{uuid.uuid4().hex[:12]}"
    with connection.cursor() as cursor:
        cursor.execute(f'CREATE ROLE "{role}" LOGIN')
    try:
        yield role
    finally:
        connection.close()
        with connection.cursor() as cursor:
            cursor.execute(f'DROP OWNED BY "{role}"')
            cursor.execute(f'DROP ROLE "{role}"')


def test_db_roles_prints_the_grants():
    out = StringIO()
    call_command("db_roles", "--runtime-role", "oi_app", "--owner-role", "oi_owner", stdout=out)
    sql = out.getvalue()
    assert 'GRANT SELECT, INSERT ON "public"."logboek_verwerking" TO "oi_app"' in sql
    assert 'ALTER DEFAULT PRIVILEGES FOR ROLE "oi_owner" IN SCHEMA "public" GRANT' in sql


REFUSED = (
    "UPDATE logboek_verwerking SET subject = 'iets anders'",
    "DELETE FROM logboek_verwerking",
    "TRUNCATE logboek_verwerking",
    "ALTER TABLE logboek_verwerking DISABLE TRIGGER USER",
    "ALTER TABLE logboek_verwerking DISABLE TRIGGER ALL",
    "DROP TABLE logboek_verwerking",
    "DELETE FROM logboek_chainhead",
    "TRUNCATE logboek_chainhead",
    "ALTER TABLE logboek_chainhead DISABLE TRIGGER USER",
)


def test_runtime_role_cannot_change_the_log(runtime_role):
    logboek_record(actor=None, action=Action.VIEW, purpose=Purpose.REGIE, subject="dossier")
    call_command("db_roles", "--runtime-role", runtime_role, "--execute", stdout=StringIO())

    allowed = []
    with connect_as(runtime_role) as conn:
        for statement in REFUSED:
            try:
                conn.execute(statement)
            except psycopg.errors.InsufficientPrivilege:
                continue
            allowed.append(statement)
        assert conn.execute("SELECT count(*) FROM logboek_verwerking").fetchone() == (1,)
        # What it may do: read the log and append to it.
        conn.execute(
            "INSERT INTO logboek_verwerking "
            "(trace_id, at, actor_label, role, action, subject, purpose, legal_ground, hash) "
            "VALUES ('t', now(), 'systeem', 'systeem', 'view', 'handmatig', 'regie', '-', '')"
        )
    assert allowed == []
    assert list(Verwerking.objects.order_by("pk").values_list("subject", flat=True)) == ["dossier", "handmatig"]


def test_migrate_runs_as_the_owner_and_grants_the_runtime_role(runtime_role, settings):
    """With DB_MIGRATE_USER set, `migrate` connects as the owner and leaves the runtime role (DB_USER) its rights."""
    settings.DB_MIGRATE_USER = connection.settings_dict["USER"]
    saved = connection.settings_dict["USER"]
    connection.close()
    connection.settings_dict["USER"] = runtime_role
    try:
        call_command("migrate", verbosity=0)
    finally:
        connection.close()
        connection.settings_dict["USER"] = saved
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT p, has_table_privilege(%s, 'logboek_verwerking', p) FROM unnest(ARRAY['SELECT', 'INSERT', "
            "'UPDATE', 'DELETE', 'TRUNCATE']) AS p",
            [runtime_role],
        )
        rights = dict(cursor.fetchall())
        cursor.execute("SELECT has_table_privilege(%s, 'dossiers_dossier', 'UPDATE')", [runtime_role])
        dossier_update = cursor.fetchone()[0]
    assert rights == {"SELECT": True, "INSERT": True, "UPDATE": False, "DELETE": False, "TRUNCATE": False}
    assert dossier_update


def test_the_application_works_as_the_runtime_role(runtime_role):
    """The product, connected as the runtime role, writes log rows (single and COPY) and keeps the chain."""
    call_command("db_roles", "--runtime-role", runtime_role, "--execute", stdout=StringIO())
    saved = connection.settings_dict["USER"]
    connection.close()
    connection.settings_dict["USER"] = runtime_role
    try:
        logboek_record(actor=None, action=Action.VIEW, purpose=Purpose.REGIE, subject="dossier")
        logboek_record_many(
            actor=None, action=Action.LIST, purpose=Purpose.REGIE, subject="werkvoorraad",
            subjects=[Subject(inburgeraar_id=i) for i in range(3)],
        )  # fmt: skip
        with connection.cursor() as cursor:
            cursor.execute("SELECT current_user")
            assert cursor.fetchone() == (runtime_role,)
        assert ChainHead.objects.get().seq == 4
        out = StringIO()
        call_command("logboek_verify", stdout=out)
        assert "Keten intact: 4 rijen" in out.getvalue()
    finally:
        connection.close()
        connection.settings_dict["USER"] = saved
