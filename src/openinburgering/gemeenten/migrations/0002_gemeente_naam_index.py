"""An index on the gemeente's name: the werkvoorraad sorted by gemeente walks the gemeenten in name
order and reads each one's dossiers from an index, instead of sorting every dossier in scope."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("gemeenten", "0001_initial")]

    operations = [
        migrations.AddIndex(
            model_name="gemeente",
            index=models.Index(fields=["naam"], name="gemeente_naam_idx"),
        ),
    ]
