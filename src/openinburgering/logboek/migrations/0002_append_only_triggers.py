"""The database itself refuses to change a processing record.

PostgreSQL refuses UPDATE and DELETE (TRUNCATE, which only the database owner can run, stays
possible for test databases); SQLite refuses UPDATE.
"""

from django.db import migrations

from openinburgering.core.migration_ops import RunSQLFor

PG_FUNCTION = """
CREATE OR REPLACE FUNCTION logboek_verwerking_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'logboek_verwerking is append-only';
END;
$$ LANGUAGE plpgsql;
"""


class Migration(migrations.Migration):
    dependencies = [("logboek", "0001_initial")]
    operations = [
        RunSQLFor("postgresql", PG_FUNCTION, "DROP FUNCTION IF EXISTS logboek_verwerking_append_only()"),
        RunSQLFor(
            "postgresql",
            "CREATE TRIGGER logboek_verwerking_no_change BEFORE UPDATE OR DELETE ON logboek_verwerking "
            "FOR EACH ROW EXECUTE FUNCTION logboek_verwerking_append_only()",
            "DROP TRIGGER IF EXISTS logboek_verwerking_no_change ON logboek_verwerking",
        ),
        RunSQLFor(
            "sqlite",
            "CREATE TRIGGER logboek_verwerking_no_update BEFORE UPDATE ON logboek_verwerking "
            "BEGIN SELECT RAISE(ABORT, 'logboek_verwerking is append-only'); END",
            "DROP TRIGGER IF EXISTS logboek_verwerking_no_update",
        ),
    ]
