"""Migration operations that run on one database vendor only (PostgreSQL speed-ups degrade gracefully)."""

from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import ProjectState


class RunSQLFor(migrations.RunSQL):
    """RunSQL that runs only on the given vendor ("postgresql" or "sqlite")."""

    def __init__(self, vendor: str, sql: str, reverse_sql: str | None = None) -> None:
        super().__init__(sql, reverse_sql or migrations.RunSQL.noop)
        self.vendor = vendor

    def database_forwards(
        self, app_label: str, schema_editor: BaseDatabaseSchemaEditor, from_state: ProjectState, to_state: ProjectState
    ) -> None:
        if schema_editor.connection.vendor == self.vendor:
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(
        self, app_label: str, schema_editor: BaseDatabaseSchemaEditor, from_state: ProjectState, to_state: ProjectState
    ) -> None:
        if schema_editor.connection.vendor == self.vendor:
            super().database_backwards(app_label, schema_editor, from_state, to_state)
