"""`migrate` as the owner role when DB_MIGRATE_USER is set, then the runtime role (DB_USER) gets its rights.

Production runs the application as a role that owns nothing (docs/adr/0004): it cannot change the
processing log. Schema changes need the owner, so this command connects as DB_MIGRATE_USER for the
migration and afterwards grants DB_USER its rights on any new tables (logboek/roles.py).
"""

from typing import Any

from django.conf import settings
from django.core.management.commands import migrate
from django.db import connections, transaction

from openinburgering.logboek.roles import runtime_grants, runtime_role_problems


class Command(migrate.Command):
    def handle(self, *args: Any, **options: Any) -> None:
        owner = getattr(settings, "DB_MIGRATE_USER", "")
        connection = connections[options["database"]]
        if not owner or connection.vendor != "postgresql":
            super().handle(*args, **options)
            return
        runtime = connection.settings_dict["USER"]
        saved = {key: connection.settings_dict[key] for key in ("USER", "PASSWORD")}
        connection.close()
        connection.settings_dict.update(USER=owner, PASSWORD=getattr(settings, "DB_MIGRATE_PASSWORD", ""))
        try:
            super().handle(*args, **options)
            if runtime != owner:
                with connection.cursor() as cursor:
                    cursor.execute("SELECT current_schema()")
                    schema = cursor.fetchone()[0]
                statements = runtime_grants(connection, runtime_role=runtime, owner_role=owner, schema=schema)
                with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
                    for statement in statements:
                        cursor.execute(statement)
                problems = runtime_role_problems(connection, runtime_role=runtime, schema=schema)
                for problem in problems:
                    self.stderr.write(f"WARNING: {problem}")
                if options["verbosity"] >= 1:
                    self.stdout.write(f"Migrated as {owner}; {runtime} may only read and append the processing log.")
        finally:
            connection.close()
            connection.settings_dict.update(saved)
