from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("logboek", "0002_append_only_triggers")]

    operations = [
        migrations.AlterField(
            model_name="verwerking",
            name="action",
            field=models.CharField(
                choices=[
                    ("view", "Ingezien"),
                    ("list", "In lijst getoond"),
                    ("search", "Gezocht"),
                    ("create", "Aangemaakt"),
                    ("update", "Gewijzigd"),
                    ("export", "Geëxporteerd"),
                    ("view_bijzonder", "Bijzondere persoonsgegevens ingezien"),
                    ("update_bijzonder", "Bijzondere persoonsgegevens gewijzigd"),
                ],
                max_length=20,
                verbose_name="handeling",
            ),
        ),
    ]
