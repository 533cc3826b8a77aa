"""The database refuses every change to a processing record, and to the chain head's past.

PostgreSQL: UPDATE and DELETE were refused row by row since 0002; now TRUNCATE is refused too (a
statement trigger: TRUNCATE fires no row triggers). The chain head may only move forward and cannot be
deleted or truncated. A superuser (or the owner, by disabling the triggers) can still get past this;
the production runtime role owns nothing and holds only INSERT and SELECT on the log (docs/adr/0004),
and the hash chain makes what the owner could do visible (`manage.py logboek_verify`).

SQLite (development, demo, tests): UPDATE and DELETE are refused. The earlier UPDATE trigger is created
again here, since SQLite drops a table's triggers whenever Django rebuilds the table (0005 did).
"""

from django.db import migrations

from openinburgering.core.migration_ops import RunSQLFor

PG_NO_TRUNCATE = """
CREATE OR REPLACE FUNCTION logboek_no_truncate() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION '% is append-only: TRUNCATE refused', TG_TABLE_NAME;
END;
$$ LANGUAGE plpgsql;
"""

PG_HEAD_FORWARD_ONLY = """
CREATE OR REPLACE FUNCTION logboek_chainhead_forward_only() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION 'logboek_chainhead cannot be deleted';
    END IF;
    IF NEW.id <> OLD.id OR NEW.seq < OLD.seq THEN
        RAISE EXCEPTION 'logboek_chainhead only moves forward';
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;
"""

SQLITE_NO_UPDATE = (
    "CREATE TRIGGER logboek_verwerking_no_update BEFORE UPDATE ON logboek_verwerking "
    "BEGIN SELECT RAISE(ABORT, 'logboek_verwerking is append-only'); END"
)
SQLITE_NO_DELETE = (
    "CREATE TRIGGER logboek_verwerking_no_delete BEFORE DELETE ON logboek_verwerking "
    "BEGIN SELECT RAISE(ABORT, 'logboek_verwerking is append-only'); END"
)


class Migration(migrations.Migration):
    dependencies = [("logboek", "0006_chain_existing_rows")]
    operations = [
        RunSQLFor("postgresql", PG_NO_TRUNCATE, "DROP FUNCTION IF EXISTS logboek_no_truncate()"),
        RunSQLFor(
            "postgresql",
            "CREATE TRIGGER logboek_verwerking_no_truncate BEFORE TRUNCATE ON logboek_verwerking "
            "FOR EACH STATEMENT EXECUTE FUNCTION logboek_no_truncate()",
            "DROP TRIGGER IF EXISTS logboek_verwerking_no_truncate ON logboek_verwerking",
        ),
        RunSQLFor("postgresql", PG_HEAD_FORWARD_ONLY, "DROP FUNCTION IF EXISTS logboek_chainhead_forward_only()"),
        RunSQLFor(
            "postgresql",
            "CREATE TRIGGER logboek_chainhead_forward_only BEFORE UPDATE OR DELETE ON logboek_chainhead "
            "FOR EACH ROW EXECUTE FUNCTION logboek_chainhead_forward_only()",
            "DROP TRIGGER IF EXISTS logboek_chainhead_forward_only ON logboek_chainhead",
        ),
        RunSQLFor(
            "postgresql",
            "CREATE TRIGGER logboek_chainhead_no_truncate BEFORE TRUNCATE ON logboek_chainhead "
            "FOR EACH STATEMENT EXECUTE FUNCTION logboek_no_truncate()",
            "DROP TRIGGER IF EXISTS logboek_chainhead_no_truncate ON logboek_chainhead",
        ),
        RunSQLFor(
            "sqlite",
            "DROP TRIGGER IF EXISTS logboek_verwerking_no_update",
            SQLITE_NO_UPDATE,
        ),
        RunSQLFor("sqlite", SQLITE_NO_UPDATE, "DROP TRIGGER IF EXISTS logboek_verwerking_no_update"),
        RunSQLFor("sqlite", SQLITE_NO_DELETE, "DROP TRIGGER IF EXISTS logboek_verwerking_no_delete"),
    ]
