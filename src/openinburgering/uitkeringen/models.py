"""The net bijstand per person per month (Pw 56a), and the files it was read from.

These models lived in ontzorgen until issue 12; their tables kept their names (``db_table``), so the move
changed no database (migrations/0001_initial.py and ontzorgen's 0005 move them in Django's state only).
"""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .constants import UitkeringBron

POSITIVE = MinValueValidator(Decimal("0.01"), _("Een bedrag moet groter zijn dan nul."))


class UitkeringImport(models.Model):
    """A CSV file of benefits, accepted whole: which rows it brought, from whom."""

    bestandsnaam = models.CharField(_("bestandsnaam"), max_length=200)
    sha256 = models.CharField(max_length=64)
    aantal = models.PositiveIntegerField(_("aantal regels"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        db_table = "ontzorgen_uitkeringimport"  # the table it had in ontzorgen (migrations/0001_initial.py)
        verbose_name = _("import uitkeringen")
        verbose_name_plural = _("imports uitkeringen")
        ordering = ["-created_at"]
        # The same file is read once, also when two people import it at the same moment.
        constraints = [models.UniqueConstraint(fields=["sha256"], name="uitkeringimport_once")]

    def __str__(self) -> str:
        return self.bestandsnaam


class Uitkering(models.Model):
    """The net bijstand of one person for one month (the first of the month stands for the month)."""

    dossier = models.ForeignKey("dossiers.Dossier", on_delete=models.PROTECT, related_name="uitkeringen")
    maand = models.DateField(_("maand"))
    bedrag = models.DecimalField(_("netto uitkering"), max_digits=11, decimal_places=2, validators=[POSITIVE])
    bron = models.CharField(_("bron"), max_length=20, choices=UitkeringBron.choices)
    uitkering_import = models.ForeignKey(
        UitkeringImport, on_delete=models.PROTECT, null=True, blank=True, related_name="uitkeringen"
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        db_table = "ontzorgen_uitkering"  # the table it had in ontzorgen (migrations/0001_initial.py)
        verbose_name = _("uitkering")
        verbose_name_plural = _("uitkeringen")
        ordering = ["-maand", "dossier"]
        constraints = [
            models.UniqueConstraint(fields=["dossier", "maand"], name="uitkering_one_per_month"),
            models.CheckConstraint(condition=Q(bedrag__gt=0), name="uitkering_bedrag_positive"),
        ]
        indexes = [models.Index(fields=["maand", "dossier"], name="uitkering_maand_idx")]

    def __str__(self) -> str:
        return f"Uitkering {self.dossier_id} {self.maand:%Y-%m}"
