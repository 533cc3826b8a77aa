"""Indexes for the werkvoorraad and dossier search with a million dossiers (bench/werkvoorraad.py).

- The counts ("N dossiers") read only a small index: the klantregisseur index gains the gemeente
  (and replaces the two-column index that is its prefix), a new one serves the doelgroep filter,
  and (gemeente, status) stays as it is. With few distinct keys, PostgreSQL stores them
  deduplicated, which makes counting hundreds of thousands of dossiers cheap.
- Each sort order has an index to walk, so a page no longer sorts every matching dossier:
  aangemeld (covering its filters on PostgreSQL, so a deep page skips rows in the index alone),
  kennisgeving, status, the person's name and, with gemeenten 0002, the gemeente (the dossiers of
  one gemeente in id order).
- Search by V-nummer finds the person through an index instead of reading every inburgeraar.
"""

from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("dossiers", "0002_search_indexes"),
        ("gemeenten", "0002_gemeente_naam_index"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddIndex(
            model_name="dossier",
            index=models.Index(fields=["klantregisseur", "status", "gemeente"], name="dossier_kr_status_gem_idx"),
        ),
        migrations.RemoveIndex(model_name="dossier", name="dossier_kr_status_idx"),
        migrations.AddIndex(
            model_name="dossier",
            index=models.Index(fields=["gemeente", "status", "id"], name="dossier_gem_status_id_idx"),
        ),
        migrations.AddIndex(
            model_name="dossier",
            index=models.Index(fields=["doelgroep", "status", "gemeente"], name="dossier_doelgroep_idx"),
        ),
        migrations.AddIndex(
            model_name="dossier",
            index=models.Index(
                fields=["created_at", "id"],
                include=["status", "gemeente", "klantregisseur"],
                name="dossier_created_idx",
            ),
        ),
        migrations.AddIndex(
            model_name="dossier",
            index=models.Index(fields=["datum_kennisgeving", "id"], name="dossier_kennisgeving_idx"),
        ),
        migrations.AddIndex(
            model_name="dossier",
            index=models.Index(fields=["status", "id"], name="dossier_status_id_idx"),
        ),
        migrations.AddIndex(
            model_name="inburgeraar",
            index=models.Index(fields=["geslachtsnaam", "voornamen"], name="inburgeraar_naam_idx"),
        ),
        migrations.AddIndex(
            model_name="inburgeraar",
            index=models.Index(fields=["vnummer"], name="inburgeraar_vnummer_idx"),
        ),
    ]
