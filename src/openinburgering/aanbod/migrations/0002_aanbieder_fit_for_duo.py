"""Before the register mirrors DUO's Instelling (0003): make the existing rows fit.

An instellingsnummer that is not DUO's ten characters, or that a second row repeats, is emptied
(the column shrinks to ten characters and becomes unique when not empty); a name is cut to DUO's
128 characters. On its own, before the schema change, as PostgreSQL prefers data and schema apart.
"""

from django.db import migrations


def fit_existing_rows(apps, schema_editor):
    Aanbieder = apps.get_model("aanbod", "Aanbieder")
    seen = set()
    for aanbieder in Aanbieder.objects.order_by("pk"):
        nummer = aanbieder.instellingsnummer.strip()
        if len(nummer) != 10 or " " in nummer or nummer in seen:
            nummer = ""
        if nummer:
            seen.add(nummer)
        if (nummer, aanbieder.naam[:128]) != (aanbieder.instellingsnummer, aanbieder.naam):
            Aanbieder.objects.filter(pk=aanbieder.pk).update(instellingsnummer=nummer, naam=aanbieder.naam[:128])


class Migration(migrations.Migration):
    dependencies = [("aanbod", "0001_initial")]

    operations = [migrations.RunPython(fit_existing_rows, migrations.RunPython.noop)]
