"""Migration operations that run on one database vendor only (PostgreSQL speed-ups degrade gracefully)."""

from typing import Any

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


# (app_label, model, actions): e.g. ("letters", "lettertemplate", ("view", "add", "change")).
PermissionSpec = tuple[str, str, tuple[str, ...]]


class GrantPermissions(migrations.RunPython):
    """Grant model permissions to the group of a role, inside a migration (so every install has them)."""

    def __init__(self, group: str, permissions: tuple[PermissionSpec, ...]) -> None:
        self.group = group
        self.permissions = permissions
        super().__init__(self._grant, migrations.RunPython.noop)

    def _grant(self, apps: Any, schema_editor: BaseDatabaseSchemaEditor) -> None:
        from django.contrib.auth.management import create_permissions

        # Permissions are normally created after all migrations; create them now so they can be granted.
        for app_config in apps.get_app_configs():
            app_config.models_module = True
            create_permissions(app_config, apps=apps, verbosity=0)
            app_config.models_module = None
        group_model = apps.get_model("auth", "Group")
        permission_model = apps.get_model("auth", "Permission")
        group, _ = group_model.objects.get_or_create(name=self.group)
        for app_label, model, actions in self.permissions:
            codenames = [f"{action}_{model}" for action in actions]
            group.permissions.add(
                *permission_model.objects.filter(
                    content_type__app_label=app_label, content_type__model=model, codename__in=codenames
                )
            )
