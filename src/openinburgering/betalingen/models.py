"""The monthly betaalrun: per person a settlement (benefit − fixed costs = leefgeld), per payment a line.

Nothing is ever paid twice, and this is held by the database, not by care:
- a person is settled in at most one live run per month (`afrekening_one_per_month`);
- a fixed cost is paid at most once per month (`betaalregel_vaste_last_once`), in the run of that
  month or, when it was recorded after that month was settled, as a nabetaling in a later run (the line
  keeps the month it pays); the leefgeld once per settlement (`betaalregel_leefgeld_once`); a line the
  bank rejected is paid again at most once (`herbetaling_van` is one-to-one);
- every line's EndToEndId is unique and derived from what it pays and the month, so a rerun
  builds the same id and the insert is refused rather than duplicated;
- a settlement that is included has benefit = fixed costs + leefgeld and leefgeld ≥ 0.

Referential integrity: a line's settlement and the fixed-cost version it pays, and a settlement's
ontzorging, are foreign keys the database checks. The run, gemeente, dossier and obligation that
lines and settlements also carry are copies of facts reachable through those keys (kept for
indexes and for filtering without joins); they are not checked again (`db_constraint=False`),
because PostgreSQL checks each constraint per row at commit, and five checks on half a million
lines doubled the time of a run. One code path writes them, from the same source rows.
"""

import gzip
import uuid
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Round
from django.utils.translation import gettext_lazy as _

from .constants import (
    AfrekeningStatus,
    PainVersieChoices,
    RegelSoort,
    RegelStatus,
    RunStatus,
    Uitsluitingsreden,
)


class Betaalrun(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    maand = models.DateField(_("maand"))
    gemeenten = models.ManyToManyField("gemeenten.Gemeente", related_name="betaalruns", verbose_name=_("gemeenten"))
    status = models.CharField(_("status"), max_length=20, choices=RunStatus.choices, default=RunStatus.AANMAKEN)
    uitvoerdatum = models.DateField(_("uitvoerdatum"))
    voortgang_totaal = models.PositiveIntegerField(default=0)
    voortgang_klaar = models.PositiveIntegerField(default=0)
    fout = models.TextField(_("fout"), blank=True)
    # Who builds the run now (a token per build) and when it last showed it lives: one build at a time,
    # and a build whose worker died can be taken over when this is older than services.build.BOUW_LEASE.
    bouwer = models.CharField(max_length=32, blank=True, editable=False)
    bouw_teken_op = models.DateTimeField(null=True, blank=True, editable=False)
    aantal_personen = models.PositiveIntegerField(_("personen"), default=0)
    aantal_uitgesloten = models.PositiveIntegerField(_("uitgesloten"), default=0)
    aantal_regels = models.PositiveIntegerField(_("betalingen"), default=0)
    totaal_bedrag = models.DecimalField(_("totaalbedrag"), max_digits=15, decimal_places=2, default=0)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    ingediend_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    ingediend_op = models.DateTimeField(null=True, blank=True)
    goedgekeurd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    goedgekeurd_op = models.DateTimeField(null=True, blank=True)
    geexporteerd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    geexporteerd_op = models.DateTimeField(null=True, blank=True)
    geannuleerd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # The xlsx report of a large run, made in the background (a small one is made in the request).
    rapport_gzip = models.BinaryField(null=True, blank=True, editable=False)
    rapport_op = models.DateTimeField(_("rapport gemaakt op"), null=True, blank=True)
    rapport_aangevraagd_op = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("betaalrun")
        verbose_name_plural = _("betaalruns")
        ordering = ["-maand", "-created_at"]
        constraints = [
            models.CheckConstraint(condition=Q(voortgang_klaar__lte=F("voortgang_totaal")), name="betaalrun_progress"),
        ]

    def __str__(self) -> str:
        return f"Betaalrun {self.maand:%Y-%m} ({self.pk})"

    @property
    def rapport_bezig(self) -> bool:
        return self.rapport_aangevraagd_op is not None and (
            self.rapport_op is None or self.rapport_op < self.rapport_aangevraagd_op
        )

    @property
    def voortgang_procent(self) -> int:
        if not self.voortgang_totaal:
            return 100 if self.status != RunStatus.AANMAKEN else 0
        return round(100 * self.voortgang_klaar / self.voortgang_totaal)


class Afrekening(models.Model):
    """One person in one run: the benefit, what is withheld for fixed costs and the leefgeld left."""

    betaalrun = models.ForeignKey(
        Betaalrun, on_delete=models.CASCADE, related_name="afrekeningen", db_index=False, db_constraint=False
    )  # covered by afrekening_run_idx
    ontzorging = models.ForeignKey("ontzorgen.Ontzorging", on_delete=models.PROTECT, related_name="afrekeningen")
    dossier = models.ForeignKey("dossiers.Dossier", on_delete=models.PROTECT, related_name="+", db_constraint=False)
    gemeente = models.ForeignKey(
        "gemeenten.Gemeente", on_delete=models.PROTECT, related_name="+", db_index=False, db_constraint=False
    )
    maand = models.DateField(_("maand"))
    status = models.CharField(_("status"), max_length=20, choices=AfrekeningStatus.choices)
    reden = models.CharField(_("reden uitsluiting"), max_length=20, choices=Uitsluitingsreden.choices, blank=True)
    uitkering = models.DecimalField(_("uitkering"), max_digits=11, decimal_places=2, null=True)
    inhoudingen = models.DecimalField(_("inhoudingen"), max_digits=11, decimal_places=2)
    # The part of `inhoudingen` that pays fixed costs of earlier months, settled before the fixed cost was
    # recorded (nabetalingen: lines with the earlier month, in this run).
    nabetalingen = models.DecimalField(
        _("nabetalingen"), max_digits=11, decimal_places=2, default=Decimal(0), db_default=Decimal(0)
    )
    leefgeld = models.DecimalField(_("leefgeld"), max_digits=11, decimal_places=2, null=True)

    class Meta:
        verbose_name = _("afrekening")
        verbose_name_plural = _("afrekeningen")
        constraints = [
            models.UniqueConstraint(
                fields=["ontzorging", "maand"],
                condition=Q(status=AfrekeningStatus.OPGENOMEN),
                name="afrekening_one_per_month",
            ),
            models.UniqueConstraint(fields=["betaalrun", "ontzorging"], name="afrekening_once_per_run"),
            # Never negative leefgeld, and every euro of the benefit accounted for.
            models.CheckConstraint(
                condition=~Q(status=AfrekeningStatus.OPGENOMEN)
                # Rounded to cents: exact on PostgreSQL (numeric); on SQLite (the demo) amounts are floats.
                | Q(leefgeld__gte=0, uitkering=Round(F("inhoudingen") + F("leefgeld"), 2)),
                name="afrekening_balances",
            ),
            models.CheckConstraint(
                condition=~Q(status=AfrekeningStatus.UITGESLOTEN) | ~Q(reden=""), name="afrekening_reden"
            ),
        ]
        indexes = [models.Index(fields=["betaalrun", "status", "gemeente"], name="afrekening_run_idx")]

    def __str__(self) -> str:
        return f"Afrekening {self.ontzorging_id} {self.maand:%Y-%m} ({self.status})"


class Betaalregel(models.Model):
    """One credit transfer in the SEPA file, traceable to the fixed-cost version (and so the beschikking)."""

    # Indexes: (betaalrun, gemeente, id) covers the run; fixed costs and versions are never deleted.
    betaalrun = models.ForeignKey(
        Betaalrun, on_delete=models.PROTECT, related_name="regels", db_index=False, db_constraint=False
    )
    afrekening = models.ForeignKey(Afrekening, on_delete=models.PROTECT, related_name="regels")
    gemeente = models.ForeignKey(
        "gemeenten.Gemeente", on_delete=models.PROTECT, related_name="+", db_index=False, db_constraint=False
    )
    soort = models.CharField(_("soort"), max_length=20, choices=RegelSoort.choices)
    vaste_last = models.ForeignKey(
        "ontzorgen.VasteLast",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="betaalregels",
        db_index=False,
        db_constraint=False,
    )
    vaste_last_versie = models.ForeignKey(
        "ontzorgen.VasteLastVersie",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="betaalregels",
        db_index=False,
    )
    maand = models.DateField(_("maand"))
    end_to_end_id = models.CharField(_("EndToEndId"), max_length=35, unique=True)
    bedrag = models.DecimalField(_("bedrag"), max_digits=11, decimal_places=2)
    crediteur = models.CharField(_("begunstigde"), max_length=70)
    iban = models.CharField(_("IBAN"), max_length=34)
    bic = models.CharField(_("BIC"), max_length=11, blank=True)
    kenmerk_soort = models.CharField(_("soort kenmerk"), max_length=20, blank=True)
    kenmerk = models.CharField(_("kenmerk"), max_length=140, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=RegelStatus.choices, default=RegelStatus.OPEN)
    reden_code = models.CharField(_("redencode bank"), max_length=10, blank=True)
    reden_tekst = models.CharField(_("reden bank"), max_length=300, blank=True)
    verwerkt_op = models.DateField(_("verwerkt op"), null=True, blank=True)
    # A line the bank rejected is paid again in a later run once someone releases it (who, when); the
    # new line points at the rejected one (at most one new line per rejected line).
    opnieuw_betalen_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    opnieuw_betalen_op = models.DateTimeField(_("vrijgegeven om opnieuw te betalen op"), null=True, blank=True)
    herbetaling_van = models.OneToOneField(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="herbetaling"
    )

    class Meta:
        verbose_name = _("betaalregel")
        verbose_name_plural = _("betaalregels")
        constraints = [
            # Once per fixed cost and month, whether paid in its own month's run or later (a nabetaling);
            # only paying a rejected line again (herbetaling_van) adds a line for the same month.
            models.UniqueConstraint(
                fields=["vaste_last", "maand"],
                condition=Q(soort=RegelSoort.VASTE_LAST, herbetaling_van__isnull=True),
                name="betaalregel_vaste_last_once",
            ),
            models.UniqueConstraint(
                fields=["afrekening"],
                condition=Q(soort=RegelSoort.LEEFGELD, herbetaling_van__isnull=True),
                name="betaalregel_leefgeld_once",
            ),
            models.CheckConstraint(condition=Q(bedrag__gt=0), name="betaalregel_bedrag_positive"),
            models.CheckConstraint(
                condition=Q(soort=RegelSoort.LEEFGELD, vaste_last__isnull=True)
                | Q(soort=RegelSoort.VASTE_LAST, vaste_last__isnull=False, vaste_last_versie__isnull=False),
                name="betaalregel_source",
            ),
        ]
        indexes = [
            models.Index(fields=["betaalrun", "gemeente", "id"], name="betaalregel_run_idx"),
            # The few rejected lines released to be paid again: every batch of a run looks for them.
            models.Index(
                fields=["opnieuw_betalen_op"],
                condition=Q(status=RegelStatus.GEWEIGERD, opnieuw_betalen_op__isnull=False),
                name="betaalregel_opnieuw_idx",
            ),
        ]

    def __str__(self) -> str:
        return self.end_to_end_id


class Betaalbestand(models.Model):
    """The validated SEPA file of one gemeente (the debtor) in a run; stored once, downloaded as stored."""

    betaalrun = models.ForeignKey(Betaalrun, on_delete=models.PROTECT, related_name="bestanden")
    gemeente = models.ForeignKey("gemeenten.Gemeente", on_delete=models.PROTECT, related_name="+")
    pain_versie = models.CharField(_("formaat"), max_length=20, choices=PainVersieChoices.choices)
    msg_id = models.CharField(_("MsgId"), max_length=35, unique=True)
    aantal = models.PositiveIntegerField(_("aantal betalingen"))
    totaal = models.DecimalField(_("controletotaal"), max_digits=15, decimal_places=2)
    # The file gzip-compressed (level 1: a 250 MB pain.001 becomes ~25 MB in a second; storing it
    # uncompressed took three times as long). `content` gives the file itself; sha256 is of the file.
    content_gzip = models.BinaryField()
    sha256 = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("betaalbestand")
        verbose_name_plural = _("betaalbestanden")
        constraints = [
            models.UniqueConstraint(fields=["betaalrun", "gemeente"], name="betaalbestand_one_per_gemeente"),
        ]

    def __str__(self) -> str:
        return self.msg_id

    @property
    def content(self) -> bytes:
        return gzip.decompress(bytes(self.content_gzip))


class Bankafschrift(models.Model):
    """An imported camt.053/camt.054 file: kept, so reconciliation can be traced and is not done twice."""

    bestandsnaam = models.CharField(_("bestandsnaam"), max_length=200)
    sha256 = models.CharField(max_length=64, unique=True)
    aantal_betaald = models.PositiveIntegerField(default=0)
    aantal_geweigerd = models.PositiveIntegerField(default=0)
    aantal_onbekend = models.PositiveIntegerField(default=0)
    # What could not be applied, line by line: unknown EndToEndIds, amounts that differ.
    bijzonderheden = models.JSONField(default=list, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("bankafschrift")
        verbose_name_plural = _("bankafschriften")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.bestandsnaam
