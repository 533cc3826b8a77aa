"""Grant the PostgreSQL runtime role its rights: everything it needs, but only INSERT and SELECT on the
processing log. Prints the statements; --execute runs them (as the owner role, which `migrate` uses)."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import DEFAULT_DB_ALIAS, connections, transaction

from openinburgering.logboek.roles import runtime_grants, runtime_role_problems


class Command(BaseCommand):
    help = (
        "Print (or with --execute run) the GRANTs for the runtime database role: all application tables, "
        "but only INSERT and SELECT on the processing log, and default privileges for future tables."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--runtime-role", required=True, help="the role the application connects as (DB_USER)")
        parser.add_argument(
            "--owner-role", help="the role that owns the tables and runs migrate (default: the connected user)"
        )
        parser.add_argument("--schema", default="public")
        parser.add_argument("--execute", action="store_true", help="run the statements instead of printing them")
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS)

    def handle(self, *args: Any, **options: Any) -> None:
        connection = connections[options["database"]]
        if connection.vendor != "postgresql":
            raise CommandError("db_roles is for PostgreSQL; SQLite has no roles.")
        owner = options["owner_role"]
        if not owner:
            with connection.cursor() as cursor:
                cursor.execute("SELECT current_user")
                owner = cursor.fetchone()[0]
        runtime = options["runtime_role"]
        if runtime == owner:
            raise CommandError(f"The runtime role must not be the owner role ({owner}).")
        statements = runtime_grants(connection, runtime_role=runtime, owner_role=owner, schema=options["schema"])
        if not options["execute"]:
            self.stdout.write(";\n".join(statements) + ";")
            return
        with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)
        problems = runtime_role_problems(connection, runtime_role=runtime, schema=options["schema"])
        if problems:
            raise CommandError("The runtime role can still change the processing log: " + "; ".join(problems))
        self.stdout.write(f"{runtime}: rights granted; on the processing log only SELECT and INSERT.")
