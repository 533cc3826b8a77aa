"""Writing many rows fast: COPY on PostgreSQL, executemany elsewhere. Used where bulk_create is too slow
(the demo loader, the betaalrun): rows are plain tuples, no model instances."""

from collections.abc import Sequence
from typing import Any, cast

from django.db import connection, models


def concrete_field(model: type[models.Model], name: str) -> "models.Field[Any, Any]":
    """A column of `model` by field name or attname (never a reverse relation)."""
    return cast("models.Field[Any, Any]", model._meta.get_field(name))


class RowWriter:
    """Appends rows of plain values to one table, inside the current transaction.

    PostgreSQL with psycopg 3: COPY, the fastest way in. Elsewhere: executemany, each value prepared
    by its model field as bulk_create would. JSON columns arrive as JSON text, as the table stores it.
    """

    def __init__(self) -> None:
        self.use_copy = False
        if connection.vendor == "postgresql":
            from django.db.backends.postgresql.psycopg_any import is_psycopg3

            self.use_copy = is_psycopg3

    def write(self, model: type[models.Model], columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
        if not rows:
            return
        fields = [concrete_field(model, name) for name in columns]
        qn = connection.ops.quote_name
        table = qn(model._meta.db_table)
        column_sql = ", ".join(qn(str(f.column)) for f in fields)
        if self.use_copy:
            connection.ensure_connection()
            with (
                connection.connection.cursor() as cursor,
                cursor.copy(f"COPY {table} ({column_sql}) FROM STDIN") as copy,
            ):
                for row in rows:
                    copy.write_row(row)
            return
        prepare = [
            (lambda value, connection: value) if isinstance(f, models.JSONField) else f.get_db_prep_save for f in fields
        ]
        prepared = [tuple(p(v, connection) for p, v in zip(prepare, row, strict=True)) for row in rows]
        placeholders = ", ".join(["%s"] * len(fields))
        with connection.cursor() as cursor:
            cursor.executemany(f"INSERT INTO {table} ({column_sql}) VALUES ({placeholders})", prepared)  # noqa: S608
