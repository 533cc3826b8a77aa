"""Uitkering and UitkeringImport move from ontzorgen to this app in Django's state only (issue 12).

The tables keep their names (ontzorgen_uitkering, ontzorgen_uitkeringimport: the models' ``db_table``),
so no database changes and no row moves: an existing database keeps its benefits as they are, and a new
one gets the tables from ontzorgen's 0001. ontzorgen's 0005 then removes the two models from ontzorgen's
state and carries their content types (and with them their permissions and whoever holds them) over.
"""

from decimal import Decimal

import django.core.validators
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("dossiers", "0006_dossier_duo_termijn"),
        ("ontzorgen", "0004_einddatum_month_period"),  # the tables exist (ontzorgen's 0001)
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    state_operations = [
        migrations.CreateModel(
            name="UitkeringImport",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("bestandsnaam", models.CharField(max_length=200, verbose_name="bestandsnaam")),
                ("sha256", models.CharField(max_length=64)),
                ("aantal", models.PositiveIntegerField(verbose_name="aantal regels")),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                (
                    "created_by",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT, related_name="+", to=settings.AUTH_USER_MODEL
                    ),
                ),
            ],
            options={
                "verbose_name": "import uitkeringen",
                "verbose_name_plural": "imports uitkeringen",
                "db_table": "ontzorgen_uitkeringimport",
                "ordering": ["-created_at"],
                "constraints": [models.UniqueConstraint(fields=("sha256",), name="uitkeringimport_once")],
            },
        ),
        migrations.CreateModel(
            name="Uitkering",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("maand", models.DateField(verbose_name="maand")),
                (
                    "bedrag",
                    models.DecimalField(
                        decimal_places=2,
                        max_digits=11,
                        validators=[
                            django.core.validators.MinValueValidator(
                                Decimal("0.01"), "Een bedrag moet groter zijn dan nul."
                            )
                        ],
                        verbose_name="netto uitkering",
                    ),
                ),
                (
                    "bron",
                    models.CharField(
                        choices=[("handmatig", "Handmatig ingevoerd"), ("import", "Import"), ("api", "API")],
                        max_length=20,
                        verbose_name="bron",
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("updated_at", models.DateTimeField(auto_now=True)),
                (
                    "created_by",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT, related_name="+", to=settings.AUTH_USER_MODEL
                    ),
                ),
                (
                    "dossier",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT, related_name="uitkeringen", to="dossiers.dossier"
                    ),
                ),
                (
                    "uitkering_import",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="uitkeringen",
                        to="uitkeringen.uitkeringimport",
                    ),
                ),
            ],
            options={
                "verbose_name": "uitkering",
                "verbose_name_plural": "uitkeringen",
                "db_table": "ontzorgen_uitkering",
                "ordering": ["-maand", "dossier"],
                "indexes": [models.Index(fields=["maand", "dossier"], name="uitkering_maand_idx")],
                "constraints": [
                    models.UniqueConstraint(fields=("dossier", "maand"), name="uitkering_one_per_month"),
                    models.CheckConstraint(condition=models.Q(("bedrag__gt", 0)), name="uitkering_bedrag_positive"),
                ],
            },
        ),
    ]

    operations = [migrations.SeparateDatabaseAndState(state_operations=state_operations)]
