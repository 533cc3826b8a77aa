"""Chains the rows written before the hash chain existed, in the order they were written (time, then id),
and starts the chain head after the last of them. The append-only trigger is set aside for this one
migration (the owner role runs it); 0007 puts every trigger back."""

from typing import Any

from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor

from openinburgering.logboek.chain import GENESIS, HASHED_COLUMNS, HEAD_ID, chain_rows

BATCH = 5000


def chain_existing(apps: Any, schema_editor: BaseDatabaseSchemaEditor) -> None:
    connection = schema_editor.connection
    verwerkingen = apps.get_model("logboek", "Verwerking").objects.using(connection.alias)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("ALTER TABLE logboek_verwerking DISABLE TRIGGER logboek_verwerking_no_change")
        else:
            cursor.execute("DROP TRIGGER IF EXISTS logboek_verwerking_no_update")
    # The order they were written in (time, then id); then the rows themselves one batch at a time.
    order = list(verwerkingen.order_by("at", "pk").values_list("pk", flat=True))
    previous, seq = GENESIS, 1
    for start in range(0, len(order), BATCH):
        ids = order[start : start + BATCH]
        found = {row[0]: row for row in verwerkingen.filter(pk__in=ids).values_list("pk", *HASHED_COLUMNS[1:])}
        page = [found[pk] for pk in ids]
        chained = list(chain_rows(previous, seq, [row[1:] for row in page]))
        with connection.cursor() as cursor:
            cursor.executemany(
                "UPDATE logboek_verwerking SET seq = %s, hash = %s WHERE id = %s",
                [(row[0], row[-1], source[0]) for row, source in zip(chained, page, strict=True)],
            )
        previous, seq = chained[-1][-1], seq + len(chained)
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO logboek_chainhead (id, seq, hash) VALUES (%s, %s, %s)", [HEAD_ID, seq - 1, previous]
        )
        if connection.vendor == "postgresql":
            cursor.execute("ALTER TABLE logboek_verwerking ENABLE TRIGGER logboek_verwerking_no_change")


class Migration(migrations.Migration):
    dependencies = [("logboek", "0005_hash_chain_fields")]
    operations = [migrations.RunPython(chain_existing, migrations.RunPython.noop)]
