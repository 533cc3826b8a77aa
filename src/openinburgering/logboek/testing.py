"""For the test runner only: let Django's flush between transactional tests empty the log tables.

The log's triggers refuse TRUNCATE (PostgreSQL) and DELETE (SQLite), and that is what a flush runs.
PostgreSQL: the flush runs with session_replication_role = replica, under which no ordinary trigger
fires; only a superuser may set it (the test runner's postgres user), so this is no way past the
triggers for the application's roles. SQLite: the log's triggers are dropped and created again inside
the flush's transaction.
"""

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from django.db.backends.base.operations import BaseDatabaseOperations

LOG_TABLES = ("logboek_verwerking", "logboek_chainhead")


@contextmanager
def flush_past_log_triggers() -> Iterator[None]:
    original = BaseDatabaseOperations.execute_sql_flush

    def execute_sql_flush(self: BaseDatabaseOperations, sql_list: Iterable[str]) -> None:
        vendor = self.connection.vendor
        if vendor == "postgresql":
            sql_list = ["SET LOCAL session_replication_role = replica", *sql_list]
        elif vendor == "sqlite":
            with self.connection.cursor() as cursor:
                placeholders = ", ".join(["%s"] * len(LOG_TABLES))
                cursor.execute(
                    f"SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name IN ({placeholders})",  # noqa: S608
                    list(LOG_TABLES),
                )
                triggers: list[Any] = cursor.fetchall()
            drop = [f"DROP TRIGGER {self.quote_name(name)}" for name, _sql in triggers]
            sql_list = [*drop, *sql_list, *(sql for _name, sql in triggers)]
        else:
            sql_list = list(sql_list)
        original(self, sql_list)

    BaseDatabaseOperations.execute_sql_flush = execute_sql_flush  # type: ignore[method-assign]
    try:
        yield
    finally:
        BaseDatabaseOperations.execute_sql_flush = original  # type: ignore[method-assign]
