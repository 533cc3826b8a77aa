"""Contracts a gemeente's uitvoeringsorganisatie holds with an aanbieder, their versions and percelen.

A contract has a period and a status; what it buys (the percelen: per component a price model, tariffs,
volume, budget ceiling and the gemeenten that may use it) lives in versions. A change of tariffs, volumes or
percelen is a new version from its ingangsdatum (services.contract_version_create); versions and their
percelen are never edited, so what was valid on any day stays answerable (ContractVersie.objects.valid_on).
"""

import uuid
from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from .constants import ComponentChoices, ContractFase, ContractStatus, EindeReden, Prijsmodel


class Contract(models.Model):
    Status = ContractStatus

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    uitvoeringsorganisatie = models.ForeignKey(
        "gemeenten.Uitvoeringsorganisatie", on_delete=models.PROTECT, related_name="contracten"
    )
    aanbieder = models.ForeignKey(
        "aanbod.Aanbieder", on_delete=models.PROTECT, related_name="contracten", verbose_name=_("aanbieder")
    )
    kenmerk = models.CharField(
        _("contractnummer"),
        max_length=50,
        unique=True,
        help_text=_("Het nummer waaronder de inkoopafdeling het contract kent, bijvoorbeeld INK-2026-014."),
    )
    omschrijving = models.CharField(_("omschrijving"), max_length=200, blank=True)
    startdatum = models.DateField(_("startdatum"))
    einddatum = models.DateField(_("einddatum"), help_text=_("De laatste dag van het contract."))
    status = models.CharField(_("status"), max_length=20, choices=ContractStatus.choices, default=ContractStatus.ACTIEF)
    beeindigd_per = models.DateField(_("beëindigd per"), null=True, blank=True)
    einde_reden = models.CharField(_("reden van beëindiging"), max_length=30, choices=EindeReden.choices, blank=True)
    einde_toelichting = models.TextField(_("toelichting bij de beëindiging"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("vastgelegd door"),
    )
    created_at = models.DateTimeField(_("vastgelegd op"), auto_now_add=True)

    class Meta:
        verbose_name = _("contract")
        verbose_name_plural = _("contracten")
        ordering = ["einddatum", "kenmerk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(einddatum__gte=F("startdatum")),
                name="contract_einde_na_start",
                violation_error_message=_("Einddatum: ligt vóór de startdatum."),
            ),
            models.CheckConstraint(
                condition=Q(status=ContractStatus.ACTIEF, beeindigd_per__isnull=True)
                | Q(status=ContractStatus.BEEINDIGD, beeindigd_per__isnull=False),
                name="contract_beeindigd_met_datum",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kenmerk} · {self.aanbieder}" if self.aanbieder_id else self.kenmerk

    @property
    def laatste_dag(self) -> date:
        """The last day the contract can be used: its end date, or the day it was ended early."""
        return self.beeindigd_per if self.beeindigd_per is not None else self.einddatum

    def fase(self, on_date: date) -> ContractFase:
        if self.status == ContractStatus.BEEINDIGD:
            return ContractFase.BEEINDIGD
        if on_date < self.startdatum:
            return ContractFase.TOEKOMSTIG
        if on_date > self.einddatum:
            return ContractFase.AFGELOPEN
        return ContractFase.LOPEND


class ContractVersieQuerySet(models.QuerySet["ContractVersie"]):
    def valid_on(self, day: date) -> "ContractVersieQuerySet":
        """Per contract the version in force on `day`: the latest ingangsdatum on or before it, within the
        contract's period (up to its early end, if ended)."""
        latest = (
            ContractVersie.objects.filter(contract_id=models.OuterRef("contract_id"), ingangsdatum__lte=day)
            .order_by("-ingangsdatum")
            .values("pk")[:1]
        )
        return self.filter(
            pk=models.Subquery(latest),
            contract__startdatum__lte=day,
            contract__einddatum__gte=day,
        ).exclude(contract__beeindigd_per__lt=day)


class ContractVersie(models.Model):
    contract = models.ForeignKey(Contract, on_delete=models.CASCADE, related_name="versies")
    versie = models.PositiveIntegerField(_("versie"))
    ingangsdatum = models.DateField(_("ingangsdatum"))
    wijzigingsreden = models.TextField(_("reden van de wijziging"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("vastgelegd door"),
    )
    created_at = models.DateTimeField(_("vastgelegd op"), auto_now_add=True)

    objects = ContractVersieQuerySet.as_manager()

    class Meta:
        verbose_name = _("contractversie")
        verbose_name_plural = _("contractversies")
        ordering = ["contract", "versie"]
        constraints = [
            models.UniqueConstraint(fields=["contract", "versie"], name="contractversie_nummer_uniek"),
            models.UniqueConstraint(
                fields=["contract", "ingangsdatum"],
                name="contractversie_ingangsdatum_uniek",
                violation_error_message=_("Ingangsdatum: er is al een versie met deze ingangsdatum."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.contract.kenmerk} v{self.versie}"


class Perceel(models.Model):
    """What one version buys of one component: the price, the volume, the ceiling and who may use it."""

    Prijsmodel = Prijsmodel

    versie = models.ForeignKey(ContractVersie, on_delete=models.CASCADE, related_name="percelen")
    component = models.CharField(_("component"), max_length=40, choices=ComponentChoices.choices)
    prijsmodel = models.CharField(_("prijsmodel"), max_length=20, choices=Prijsmodel.choices)
    tarief = models.DecimalField(
        _("tarief (euro)"),
        max_digits=10,
        decimal_places=2,
        help_text=_("De prijs per traject of per uur, in euro met centen."),
    )
    resultaatbonus = models.DecimalField(
        _("resultaatbonus (euro)"),
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Alleen bij een trajectprijs met resultaatbonus: het bedrag per behaald resultaat."),
    )
    bonusvoorwaarde = models.CharField(
        _("voorwaarde voor de bonus"),
        max_length=200,
        blank=True,
        help_text=_("Bijvoorbeeld: examen B1 behaald binnen de inburgeringstermijn."),
    )
    volume = models.PositiveIntegerField(
        _("volume"), help_text=_("Het aantal trajecten, of bij een prijs per uur het aantal uren.")
    )
    budgetplafond = models.DecimalField(
        _("budgetplafond (euro)"),
        max_digits=12,
        decimal_places=2,
        help_text=_("Het hoogste bedrag dat op dit perceel mag worden besteed."),
    )
    gemeenten = models.ManyToManyField("gemeenten.Gemeente", related_name="+", verbose_name=_("gemeenten"))
    starttermijn_dagen = models.PositiveSmallIntegerField(
        _("starttermijn (dagen)"), help_text=_("Binnen zoveel dagen na de plaatsing begint het traject.")
    )
    acceptatietermijn_werkdagen = models.PositiveSmallIntegerField(
        _("acceptatietermijn (werkdagen)"),
        help_text=_("Binnen zoveel werkdagen accepteert of weigert de aanbieder een plaatsing."),
    )

    class Meta:
        verbose_name = _("perceel")
        verbose_name_plural = _("percelen")
        ordering = ["versie", "component"]
        constraints = [
            models.UniqueConstraint(
                fields=["versie", "component"],
                name="perceel_component_eenmaal_per_versie",
                violation_error_message=_("Component: komt al voor in deze versie."),
            ),
            models.CheckConstraint(condition=Q(tarief__gt=0), name="perceel_tarief_positief"),
            models.CheckConstraint(condition=Q(budgetplafond__gt=0), name="perceel_budget_positief"),
            models.CheckConstraint(condition=Q(volume__gt=0), name="perceel_volume_positief"),
            models.CheckConstraint(
                condition=Q(
                    prijsmodel=Prijsmodel.TRAJECT_MET_RESULTAATBONUS, resultaatbonus__isnull=False, resultaatbonus__gt=0
                )
                | (~Q(prijsmodel=Prijsmodel.TRAJECT_MET_RESULTAATBONUS) & Q(resultaatbonus__isnull=True)),
                name="perceel_bonus_alleen_bij_bonusmodel",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_component_display()} · {self.versie}"

    @property
    def per_uur(self) -> bool:
        return self.prijsmodel == Prijsmodel.PER_UUR

    @property
    def volume_eenheid(self) -> str:
        return str(_("uur")) if self.per_uur else str(_("trajecten"))


class ContractEvent(models.Model):
    """One entry on a contract's timeline: who did what, when, and which values changed."""

    contract = models.ForeignKey(Contract, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(_("tijdstip"), auto_now_add=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    actor_label = models.CharField(_("door"), max_length=200)
    action = models.CharField(_("actie"), max_length=50)
    summary = models.CharField(_("omschrijving"), max_length=300)
    changes = models.JSONField(_("wijzigingen"), default=list, blank=True)

    class Meta:
        verbose_name = _("contractgebeurtenis")
        verbose_name_plural = _("contractgebeurtenissen")
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return self.summary
