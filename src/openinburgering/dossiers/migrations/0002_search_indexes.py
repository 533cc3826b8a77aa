"""Fast name search on PostgreSQL: a trigram index serves `zoeknaam LIKE '%term%'`.
SQLite scans the (small) table instead."""

from django.db import migrations

from openinburgering.core.migration_ops import RunSQLFor


class Migration(migrations.Migration):
    dependencies = [("dossiers", "0001_initial")]
    operations = [
        RunSQLFor("postgresql", "CREATE EXTENSION IF NOT EXISTS pg_trgm"),
        RunSQLFor(
            "postgresql",
            "CREATE INDEX IF NOT EXISTS inburgeraar_zoeknaam_trgm ON dossiers_inburgeraar USING gin (zoeknaam gin_trgm_ops)",
            "DROP INDEX IF EXISTS inburgeraar_zoeknaam_trgm",
        ),
    ]
