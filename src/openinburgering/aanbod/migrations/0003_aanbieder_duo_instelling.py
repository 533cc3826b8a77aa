"""The aanbieder register mirrors DUO's Instelling (API Inburgeringsaanbod).

Existing rows (made to fit by 0002) get an empty address, no keurmerk and actief=True: the
functioneel beheerder completes them in the admin, whose form requires the address.
"""

import django.core.validators
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("aanbod", "0002_aanbieder_fit_for_duo")]

    operations = [
        migrations.AlterField(
            model_name="aanbieder",
            name="naam",
            field=models.CharField(max_length=128, verbose_name="naam"),
        ),
        migrations.AlterField(
            model_name="aanbieder",
            name="instellingsnummer",
            field=models.CharField(
                blank=True,
                help_text="Het nummer van tien tekens waaronder DUO de instelling kent. Uniek; leeg als het nog niet bekend is.",
                max_length=10,
                validators=[
                    django.core.validators.RegexValidator(
                        "^\\S{10}\\Z",
                        "Het instellingsnummer bestaat uit precies tien tekens, zonder spaties: het nummer waaronder DUO de instelling kent.",
                        code="invalid_instellingsnummer",
                    )
                ],
                verbose_name="instellingsnummer",
            ),
        ),
        migrations.AddField(
            model_name="aanbieder",
            name="postcode",
            field=models.CharField(
                default="",
                help_text="Zonder spatie: 3311AB.",
                max_length=6,
                validators=[
                    django.core.validators.RegexValidator(
                        "^[1-9][0-9]{3}[A-Z]{2}\\Z",
                        "De postcode bestaat uit vier cijfers (niet beginnend met 0) en twee hoofdletters, zonder spatie (bijvoorbeeld 3311AB), zoals DUO die vastlegt.",
                        code="invalid_postcode",
                    )
                ],
                verbose_name="postcode",
            ),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="aanbieder",
            name="huisnummer",
            field=models.PositiveIntegerField(
                null=True,
                validators=[
                    django.core.validators.MinValueValidator(1, "Het huisnummer is minstens 1."),
                    django.core.validators.MaxValueValidator(99999, "Het huisnummer is hoogstens 99999."),
                ],
                verbose_name="huisnummer",
            ),
        ),
        migrations.AddField(
            model_name="aanbieder",
            name="huisnummertoevoeging",
            field=models.CharField(blank=True, max_length=4, verbose_name="huisnummertoevoeging"),
        ),
        migrations.AddField(
            model_name="aanbieder",
            name="plaatsnaam",
            field=models.CharField(default="", max_length=40, verbose_name="plaatsnaam"),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="aanbieder",
            name="bow_registratienummer",
            field=models.CharField(
                blank=True,
                help_text="Het nummer waaronder Stichting Blik op Werk de instelling registreert (één tot tien cijfers).",
                max_length=10,
                validators=[
                    django.core.validators.RegexValidator(
                        "^\\d{1,10}\\Z",
                        "Het registratienummer bij Blik op Werk bestaat uit één tot tien cijfers.",
                        code="invalid_bow",
                    )
                ],
                verbose_name="registratienummer Blik op Werk",
            ),
        ),
        migrations.AddField(
            model_name="aanbieder",
            name="heeft_bow_keurmerk",
            field=models.BooleanField(
                default=False,
                help_text="De instelling heeft het keurmerk van Blik op Werk (DUO: indicatieBowKeurmerk).",
                verbose_name="Blik op Werk keurmerk",
            ),
        ),
        migrations.AddField(
            model_name="aanbieder",
            name="is_taalschakelinstelling",
            field=models.BooleanField(
                default=False,
                help_text="De instelling is erkend voor het taalschakeltraject van de onderwijsroute (DUO: indicatieTstKeurmerk).",
                verbose_name="taalschakelinstelling (TST)",
            ),
        ),
        migrations.AddField(
            model_name="aanbieder",
            name="brin",
            field=models.CharField(
                blank=True,
                help_text="Het nummer van de onderwijsinstelling in de Registratie Instellingen en Opleidingen (RIO).",
                max_length=4,
                validators=[
                    django.core.validators.RegexValidator(
                        "^[0-9]{2}[A-Z]{2}\\Z",
                        "Het BRIN-nummer bestaat uit twee cijfers en twee hoofdletters (bijvoorbeeld 25LJ).",
                        code="invalid_brin",
                    )
                ],
                verbose_name="BRIN-nummer",
            ),
        ),
        migrations.AddField(
            model_name="aanbieder",
            name="actief",
            field=models.BooleanField(
                default=True,
                help_text="Uit als de gemeenten niet meer met deze aanbieder werken.",
                verbose_name="actief",
            ),
        ),
        migrations.AddConstraint(
            model_name="aanbieder",
            constraint=models.UniqueConstraint(
                condition=models.Q(("instellingsnummer", ""), _negated=True),
                fields=("instellingsnummer",),
                name="aanbieder_instellingsnummer_uniek",
                violation_error_message="Er is al een aanbieder met dit instellingsnummer.",
            ),
        ),
        migrations.AddConstraint(
            model_name="aanbieder",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("huisnummer__isnull", True),
                    models.Q(("huisnummer__gte", 1), ("huisnummer__lte", 99999)),
                    _connector="OR",
                ),
                name="aanbieder_huisnummer_bereik",
                violation_error_message="Het huisnummer ligt tussen 1 en 99999.",
            ),
        ),
    ]
