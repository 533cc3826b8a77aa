"""The monthly betaalrun: per person a settlement (benefit − fixed costs = leefgeld), per payment a line.

Nothing is ever paid twice, and this is held by the database, not by care:
- a person is settled in at most one live run per month (`afrekening_one_per_month`);
- a fixed cost is paid at most once per month (`betaalregel_vaste_last_once`), and the leefgeld
  once per settlement (`betaalregel_leefgeld_once`);
- every line's EndToEndId is unique and derived from what it pays and the month, so a rerun
  builds the same id and the insert is refused rather than duplicated;
- a settlement that is included has benefit = fixed costs + leefgeld and leefgeld ≥ 0.
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from .constants import (
    AfrekeningStatus,
    PainVersieChoices,
    RegelSoort,
    RegelStatus,
    RunStatus,
    Uitsluitingsreden,
)

AMOUNT = {"max_digits": 11, "decimal_places": 2}
TOTAL = {"max_digits": 15, "decimal_places": 2}


class Betaalrun(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    maand = models.DateField(_("maand"))
    gemeenten = models.ManyToManyField("gemeenten.Gemeente", related_name="betaalruns", verbose_name=_("gemeenten"))
    status = models.CharField(_("status"), max_length=20, choices=RunStatus.choices, default=RunStatus.AANMAKEN)
    uitvoerdatum = models.DateField(_("uitvoerdatum"))
    voortgang_totaal = models.PositiveIntegerField(default=0)
    voortgang_klaar = models.PositiveIntegerField(default=0)
    fout = models.TextField(_("fout"), blank=True)
    aantal_personen = models.PositiveIntegerField(_("personen"), default=0)
    aantal_uitgesloten = models.PositiveIntegerField(_("uitgesloten"), default=0)
    aantal_regels = models.PositiveIntegerField(_("betalingen"), default=0)
    totaal_bedrag = models.DecimalField(_("totaalbedrag"), **TOTAL, default=0)
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
    def voortgang_procent(self) -> int:
        if not self.voortgang_totaal:
            return 100 if self.status != RunStatus.AANMAKEN else 0
        return round(100 * self.voortgang_klaar / self.voortgang_totaal)


class Afrekening(models.Model):
    """One person in one run: the benefit, what is withheld for fixed costs and the leefgeld left."""

    betaalrun = models.ForeignKey(Betaalrun, on_delete=models.CASCADE, related_name="afrekeningen")
    ontzorging = models.ForeignKey("ontzorgen.Ontzorging", on_delete=models.PROTECT, related_name="afrekeningen")
    dossier = models.ForeignKey("dossiers.Dossier", on_delete=models.PROTECT, related_name="+")
    gemeente = models.ForeignKey("gemeenten.Gemeente", on_delete=models.PROTECT, related_name="+")
    maand = models.DateField(_("maand"))
    status = models.CharField(_("status"), max_length=20, choices=AfrekeningStatus.choices)
    reden = models.CharField(_("reden uitsluiting"), max_length=20, choices=Uitsluitingsreden.choices, blank=True)
    uitkering = models.DecimalField(_("uitkering"), **AMOUNT, null=True)
    inhoudingen = models.DecimalField(_("inhoudingen"), **AMOUNT)
    leefgeld = models.DecimalField(_("leefgeld"), **AMOUNT, null=True)

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
                | Q(leefgeld__gte=0, uitkering=F("inhoudingen") + F("leefgeld")),
                name="afrekening_balances",
            ),
            models.CheckConstraint(
                condition=~Q(status=AfrekeningStatus.UITGESLOTEN) | ~Q(reden=""), name="afrekening_reden"
            ),
        ]
        indexes = [models.Index(fields=["betaalrun", "status", "gemeente"], name="afrekening_run_idx")]


class Betaalregel(models.Model):
    """One credit transfer in the SEPA file, traceable to the fixed-cost version (and so the beschikking)."""

    betaalrun = models.ForeignKey(Betaalrun, on_delete=models.PROTECT, related_name="regels")
    afrekening = models.ForeignKey(Afrekening, on_delete=models.PROTECT, related_name="regels")
    gemeente = models.ForeignKey("gemeenten.Gemeente", on_delete=models.PROTECT, related_name="+")
    soort = models.CharField(_("soort"), max_length=20, choices=RegelSoort.choices)
    vaste_last = models.ForeignKey(
        "ontzorgen.VasteLast", on_delete=models.PROTECT, null=True, blank=True, related_name="betaalregels"
    )
    vaste_last_versie = models.ForeignKey(
        "ontzorgen.VasteLastVersie", on_delete=models.PROTECT, null=True, blank=True, related_name="betaalregels"
    )
    maand = models.DateField(_("maand"))
    end_to_end_id = models.CharField(_("EndToEndId"), max_length=35, unique=True)
    bedrag = models.DecimalField(_("bedrag"), **AMOUNT)
    crediteur = models.CharField(_("begunstigde"), max_length=70)
    iban = models.CharField(_("IBAN"), max_length=34)
    bic = models.CharField(_("BIC"), max_length=11, blank=True)
    kenmerk_soort = models.CharField(_("soort kenmerk"), max_length=20, blank=True)
    kenmerk = models.CharField(_("kenmerk"), max_length=140, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=RegelStatus.choices, default=RegelStatus.OPEN)
    reden_code = models.CharField(_("redencode bank"), max_length=10, blank=True)
    reden_tekst = models.CharField(_("reden bank"), max_length=300, blank=True)
    verwerkt_op = models.DateField(_("verwerkt op"), null=True, blank=True)

    class Meta:
        verbose_name = _("betaalregel")
        verbose_name_plural = _("betaalregels")
        constraints = [
            models.UniqueConstraint(
                fields=["vaste_last", "maand"],
                condition=Q(soort=RegelSoort.VASTE_LAST),
                name="betaalregel_vaste_last_once",
            ),
            models.UniqueConstraint(
                fields=["afrekening"], condition=Q(soort=RegelSoort.LEEFGELD), name="betaalregel_leefgeld_once"
            ),
            models.CheckConstraint(condition=Q(bedrag__gt=0), name="betaalregel_bedrag_positive"),
            models.CheckConstraint(
                condition=Q(soort=RegelSoort.LEEFGELD, vaste_last__isnull=True)
                | Q(soort=RegelSoort.VASTE_LAST, vaste_last__isnull=False, vaste_last_versie__isnull=False),
                name="betaalregel_source",
            ),
        ]
        indexes = [models.Index(fields=["betaalrun", "gemeente", "id"], name="betaalregel_run_idx")]


class Betaalbestand(models.Model):
    """The validated SEPA file of one gemeente (the debtor) in a run; stored once, downloaded as stored."""

    betaalrun = models.ForeignKey(Betaalrun, on_delete=models.PROTECT, related_name="bestanden")
    gemeente = models.ForeignKey("gemeenten.Gemeente", on_delete=models.PROTECT, related_name="+")
    pain_versie = models.CharField(_("formaat"), max_length=20, choices=PainVersieChoices.choices)
    msg_id = models.CharField(_("MsgId"), max_length=35, unique=True)
    aantal = models.PositiveIntegerField(_("aantal betalingen"))
    totaal = models.DecimalField(_("controletotaal"), **TOTAL)
    content = models.BinaryField()
    sha256 = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("betaalbestand")
        verbose_name_plural = _("betaalbestanden")
        constraints = [
            models.UniqueConstraint(fields=["betaalrun", "gemeente"], name="betaalbestand_one_per_gemeente"),
        ]


class Bankafschrift(models.Model):
    """An imported camt.053/camt.054 file: kept, so reconciliation can be traced and is not done twice."""

    bestandsnaam = models.CharField(_("bestandsnaam"), max_length=200)
    sha256 = models.CharField(max_length=64, unique=True)
    aantal_betaald = models.PositiveIntegerField(default=0)
    aantal_geweigerd = models.PositiveIntegerField(default=0)
    aantal_onbekend = models.PositiveIntegerField(default=0)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("bankafschrift")
        verbose_name_plural = _("bankafschriften")
        ordering = ["-created_at"]
