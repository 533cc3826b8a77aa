"""Financieel ontzorgen (Pw 56a, 57): the beschikking, its extensions and the fixed costs.

History is never overwritten: a fixed cost is an obligation (`VasteLast`) with dated terms
(`VasteLastVersie`, one per period, periods of one obligation never overlap); an extension or
widening is a `OntzorgingWijziging` with its ground. A payment line points at the exact term it paid.
"""

import uuid
from datetime import date
from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from openinburgering.core.validators import validate_iban

from .constants import (
    KenmerkSoort,
    OntzorgingStatus,
    VasteLastSoortChoices,
    VerlengingsGrondChoices,
    WijzigingSoort,
)

POSITIVE = MinValueValidator(Decimal("0.01"), _("Een bedrag moet groter zijn dan nul."))


class OntzorgingQuerySet(models.QuerySet["Ontzorging"]):
    def active_in(self, maand: date, laatste_dag: date) -> "OntzorgingQuerySet":
        """Active for some day of the month that runs from `maand` to `laatste_dag`."""
        return self.filter(status=OntzorgingStatus.ACTIEF, startdatum__lte=laatste_dag, einddatum__gte=maand)


class Ontzorging(models.Model):
    """The ontzorgingsbeschikking: from the start of bijstand, six months, unless extended on a ground."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    dossier = models.ForeignKey(
        "dossiers.Dossier", on_delete=models.PROTECT, related_name="ontzorgingen", verbose_name=_("dossier")
    )
    status = models.CharField(
        _("status"), max_length=20, choices=OntzorgingStatus.choices, default=OntzorgingStatus.ACTIEF
    )
    startdatum = models.DateField(_("ingangsdatum bijstand"))
    einddatum = models.DateField(_("einddatum ontzorgen"))
    asielvergunning_bepaalde_tijd = models.BooleanField(
        _("verblijfsvergunning asiel voor bepaalde tijd"),
        help_text=_("Artikel 56a Participatiewet geldt alleen voor wie zelf een asielvergunning heeft."),
    )
    machtiging_op = models.DateField(_("machtiging getekend op"), null=True, blank=True)
    rekeninghouder = models.CharField(_("naam rekeninghouder inburgeraar"), max_length=70, blank=True)
    iban = models.CharField(
        _("IBAN inburgeraar"),
        max_length=34,
        blank=True,
        validators=[validate_iban],
        help_text=_("De rekening waarop het leefgeld wordt betaald."),
    )
    besluitdatum = models.DateField(_("datum besluit"))
    document = models.ForeignKey("letters.Document", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    beeindigd_op = models.DateField(_("beëindigd per"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = OntzorgingQuerySet.as_manager()

    class Meta:
        verbose_name = _("ontzorging")
        verbose_name_plural = _("ontzorgingen")
        ordering = ["-startdatum", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["dossier"], condition=Q(status=OntzorgingStatus.ACTIEF), name="ontzorging_one_active"
            ),
            models.CheckConstraint(condition=Q(einddatum__gte=F("startdatum")), name="ontzorging_period"),
        ]
        indexes = [models.Index(fields=["einddatum", "status"], name="ontzorging_einde_idx")]

    def __str__(self) -> str:
        return f"Ontzorging {self.dossier_id} {self.startdatum:%Y-%m-%d}–{self.einddatum:%Y-%m-%d}"

    @property
    def is_actief(self) -> bool:
        return self.status == OntzorgingStatus.ACTIEF


class OntzorgingWijziging(models.Model):
    """An extension, a widening (other fixed costs) or an end: always with its ground and reason."""

    ontzorging = models.ForeignKey(Ontzorging, on_delete=models.PROTECT, related_name="wijzigingen")
    soort = models.CharField(_("soort wijziging"), max_length=20, choices=WijzigingSoort.choices)
    grond = models.CharField(_("grond"), max_length=20, choices=VerlengingsGrondChoices.choices, blank=True)
    reden = models.TextField(_("reden"))
    besluitdatum = models.DateField(_("datum besluit"))
    oude_einddatum = models.DateField(_("oude einddatum"))
    nieuwe_einddatum = models.DateField(_("nieuwe einddatum"))
    document = models.ForeignKey("letters.Document", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("wijziging ontzorging")
        verbose_name_plural = _("wijzigingen ontzorging")
        ordering = ["created_at", "pk"]
        constraints = [
            # Extending or widening needs a ground (Pw 57 decision or consent); ending does not.
            models.CheckConstraint(
                condition=Q(soort=WijzigingSoort.BEEINDIGING) | ~Q(grond=""), name="ontzorgingwijziging_grond"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_soort_display()} {self.ontzorging_id} ({self.besluitdatum:%Y-%m-%d})"


class VasteLast(models.Model):
    """One fixed cost the gemeente pays for the person (rent to this landlord, …): the obligation."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    ontzorging = models.ForeignKey(Ontzorging, on_delete=models.PROTECT, related_name="vaste_lasten")
    soort = models.CharField(_("soort"), max_length=40, choices=VasteLastSoortChoices.choices)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("vaste last")
        verbose_name_plural = _("vaste lasten")
        ordering = ["ontzorging", "pk"]

    def __str__(self) -> str:
        return f"{self.get_soort_display()} ({self.ontzorging_id})"


class VasteLastVersie(models.Model):
    """The terms of a fixed cost for a period of whole months; a change is a new version from a month on."""

    vaste_last = models.ForeignKey(VasteLast, on_delete=models.PROTECT, related_name="versies")
    van_maand = models.DateField(_("vanaf maand"))
    tot_en_met_maand = models.DateField(_("tot en met maand"), null=True, blank=True)
    crediteur = models.CharField(_("naam crediteur"), max_length=70)
    iban = models.CharField(_("IBAN crediteur"), max_length=34)
    bic = models.CharField(_("BIC crediteur"), max_length=11, blank=True)
    kenmerk_soort = models.CharField(_("soort kenmerk"), max_length=20, choices=KenmerkSoort.choices)
    kenmerk = models.CharField(_("betalingskenmerk of omschrijving"), max_length=140)
    bedrag = models.DecimalField(_("bedrag per maand"), max_digits=11, decimal_places=2, validators=[POSITIVE])
    # Set when these terms equal another fixed cost's (the same IBAN, kenmerk and amount in an overlapping
    # month) and the user confirmed that it is a different bill: who, when, and which obligation it resembles.
    andere_rekening_bevestigd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    andere_rekening_bevestigd_op = models.DateTimeField(_("andere rekening bevestigd op"), null=True, blank=True)
    lijkt_op = models.ForeignKey(
        VasteLast, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("lijkt op")
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("versie vaste last")
        verbose_name_plural = _("versies vaste last")
        ordering = ["vaste_last", "van_maand"]
        constraints = [
            models.CheckConstraint(condition=Q(bedrag__gt=0), name="vastelastversie_bedrag_positive"),
            models.CheckConstraint(
                condition=Q(tot_en_met_maand__isnull=True) | Q(tot_en_met_maand__gte=F("van_maand")),
                name="vastelastversie_period",
            ),
            models.UniqueConstraint(fields=["vaste_last", "van_maand"], name="vastelastversie_one_per_start"),
        ]
        indexes = [models.Index(fields=["van_maand", "tot_en_met_maand"], name="vastelastversie_maand_idx")]

    def __str__(self) -> str:
        return f"{self.crediteur} vanaf {self.van_maand:%Y-%m}"

    def covers(self, maand: date) -> bool:
        return self.van_maand <= maand and (self.tot_en_met_maand is None or maand <= self.tot_en_met_maand)
