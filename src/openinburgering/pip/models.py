"""The PIP (persoonlijk plan inburgering en participatie), one row per version, its inburgeringsaanbod,
and requests for information from third parties that suspend the PIP term (Bi 5.3(2)).

A vastgesteld version is a beschikking: it is never edited, only succeeded by a new version
(services.pip_draft_create). The rules DUO applies live in openinburgering.rules.leerroute.
"""

import uuid

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from openinburgering.rules.leerroute import PVT_MIN_HOURS

from .constants import AlfabetiseringChoices, LeerrouteChoices, NiveauChoices


class PipStatus(models.TextChoices):
    CONCEPT = "concept", _("Concept")
    TER_ACCORDERING = "ter_accordering", _("Ter accordering")
    VASTGESTELD = "vastgesteld", _("Vastgesteld")
    VERVANGEN = "vervangen", _("Vervangen")  # a later version was vastgesteld
    INGETROKKEN = "ingetrokken", _("Ingetrokken")


OPEN_PIP_STATUSES = (PipStatus.CONCEPT, PipStatus.TER_ACCORDERING)  # not (yet) a beschikking
DECIDED_PIP_STATUSES = (PipStatus.VASTGESTELD, PipStatus.VERVANGEN)  # a beschikking that was vastgesteld


class Pip(models.Model):
    """One version of a person's PIP in one dossier."""

    Status = PipStatus

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    dossier = models.ForeignKey("dossiers.Dossier", on_delete=models.PROTECT, related_name="pips")
    versie = models.PositiveIntegerField(_("versie"), default=1)
    vorige = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("vorige versie")
    )
    wijzigingsreden = models.TextField(_("reden van de wijziging"), blank=True)
    status = models.CharField(_("status"), max_length=20, choices=PipStatus.choices, default=PipStatus.CONCEPT)

    # Wi 15(1)(a): the leerroute, with DUO's level and alfabetisering.
    leerroute = models.CharField(_("leerroute"), max_length=1, choices=LeerrouteChoices.choices, blank=True)
    niveau = models.CharField(
        _("niveau"),
        max_length=2,
        choices=NiveauChoices.choices,
        blank=True,
        help_text=_("Leeg: DUO legt B1 vast bij de B1-route en de onderwijsroute."),
    )
    alfabetisering = models.CharField(
        _("alfabetisering"),
        max_length=3,
        choices=AlfabetiseringChoices.choices,
        default=AlfabetiseringChoices.NIET_VAN_TOEPASSING,
    )
    geschatte_intensiteit = models.PositiveIntegerField(
        _("geschatte intensiteit B1-route (uren)"),
        null=True,
        blank=True,
        help_text=_("Alleen bij de B1-route voor een asielstatushouder: het geschatte aantal uren taal en KNM."),
    )
    mag_opleiding_afmaken = models.BooleanField(
        _("mag opleiding afmaken"),
        default=False,
        help_text=_("De inburgeraar mag een opleiding die hij al volgt eerst afmaken."),
    )
    knm_opgenomen = models.BooleanField(_("KNM opgenomen"), default=True)
    # Wi 15(1)(c): the content and intensity of the MAP and the PVT.
    map_opgenomen = models.BooleanField(_("MAP opgenomen"), default=True)
    map_intensiteit = models.TextField(_("invulling en intensiteit MAP"), blank=True)
    pvt_intensiteit_uren = models.PositiveIntegerField(
        _("intensiteit PVT (uren)"), null=True, blank=True, validators=[MinValueValidator(PVT_MIN_HOURS.value)]
    )
    pvt_invulling = models.TextField(_("invulling PVT"), blank=True)
    z_participatie_uren = models.PositiveIntegerField(_("participatie-uren Z-route"), null=True, blank=True)
    # Afschalen from B1 to A2 on the B1-route (Wi 17(3), Bi 5.5): the lessons followed and the effort.
    afschalen_uren = models.PositiveIntegerField(
        _("gevolgde uren NT2-les (afschalen)"),
        null=True,
        blank=True,
        help_text=_(
            "Uren Nederlandse les bij een keurmerkinstelling of taalschakelinstelling, alfabetisering telt mee."
        ),
    )
    afschalen_inspanning = models.BooleanField(
        _("voldoende inspanning geleverd (afschalen)"),
        default=False,
        help_text=_(
            "De inburgeraar heeft tijdens die lessen voldoende inspanning geleverd (Besluit inburgering art. 5.5)."
        ),
    )
    # Wi 13 (asielstatushouders) and Wi 15(1)(b).
    maatschappelijke_begeleiding = models.TextField(
        _("maatschappelijke begeleiding"), blank=True, help_text=_("Door wie en wat (Wi art. 13).")
    )
    begeleiding_ondersteuning = models.TextField(_("begeleiding en ondersteuning"), blank=True)
    # Bi 5.3(4): the number of progress meetings; no statutory frequency.
    aantal_voortgangsgesprekken = models.PositiveSmallIntegerField(
        _("aantal voortgangsgesprekken"), null=True, blank=True, validators=[MinValueValidator(1)]
    )
    vve_afspraken = models.TextField(_("afspraken voor- en vroegschoolse educatie"), blank=True)
    ontzorgen = models.BooleanField(
        _("financieel ontzorgen"), default=False, help_text=_("Participatiewet art. 56a; hoort bij de PIP.")
    )
    doelen = models.TextField(_("doelen"), blank=True)
    motivering = models.TextField(_("motivering van het besluit"), blank=True)
    # ECLI:NL:RVS:2024:5413: the reasoning per route considered.
    overweging_b1_route = models.TextField(_("overweging B1-route"), blank=True)
    overweging_onderwijsroute = models.TextField(_("overweging onderwijsroute"), blank=True)
    overweging_z_route = models.TextField(_("overweging Z-route"), blank=True)

    drafted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("opgesteld door"),
    )
    drafted_at = models.DateTimeField(_("opgesteld op"), auto_now_add=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("ingediend door"),
    )
    submitted_at = models.DateTimeField(_("ingediend op"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("geaccordeerd door"),
    )
    approved_at = models.DateTimeField(_("geaccordeerd op"), null=True, blank=True)
    afgewezen_reden = models.TextField(_("reden van terugsturen"), blank=True)

    dagtekening = models.DateField(_("dagtekening"), null=True, blank=True)
    bekendmaking = models.DateField(_("datum bekendmaking"), null=True, blank=True)
    # Wi 11: from the first vastgesteld version; later versions copy it (the start never moves).
    inburgeringstermijn_start = models.DateField(_("begin inburgeringstermijn"), null=True, blank=True)
    inburgeringstermijn_einde = models.DateField(
        _("laatste dag inburgeringstermijn"), null=True, blank=True, help_text=_("Inclusief.")
    )
    beschikking = models.ForeignKey(
        "letters.Document",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("beschikking"),
    )

    class Meta:
        verbose_name = _("PIP")
        verbose_name_plural = _("PIP's")
        ordering = ["dossier", "-versie"]
        constraints = [
            models.UniqueConstraint(fields=["dossier", "versie"], name="pip_versie_uniek"),
            models.UniqueConstraint(
                fields=["dossier"],
                condition=Q(status__in=OPEN_PIP_STATUSES),
                name="pip_een_open_versie_per_dossier",
                violation_error_message=_("Dit dossier heeft al een PIP in concept of ter accordering."),
            ),
            models.UniqueConstraint(
                fields=["dossier"],
                condition=Q(status=PipStatus.VASTGESTELD),
                name="pip_een_vastgestelde_per_dossier",
            ),
            models.CheckConstraint(condition=Q(status__in=PipStatus.values), name="pip_status_valid"),
            models.CheckConstraint(condition=Q(versie__gte=1), name="pip_versie_positief"),
            models.CheckConstraint(condition=Q(versie=1) | ~Q(wijzigingsreden=""), name="pip_wijziging_heeft_reden"),
            models.CheckConstraint(
                condition=~Q(status__in=DECIDED_PIP_STATUSES) | Q(dagtekening__isnull=False),
                name="pip_vastgesteld_heeft_dagtekening",
            ),
        ]
        indexes = [models.Index(fields=["status", "submitted_at"], name="pip_status_submitted_idx")]

    def __str__(self) -> str:
        return str(_("PIP versie %(versie)s") % {"versie": self.versie})

    @property
    def is_open(self) -> bool:
        """Still being drafted or awaiting sign-off: not (yet) a beschikking."""
        return self.status in OPEN_PIP_STATUSES

    @property
    def kenmerk(self) -> str:
        return f"{self.dossier.kenmerk}-PIP{self.versie}"


class PipAanbod(models.Model):
    """The inburgeringsaanbod at one instelling, as part of one PIP version (DUO API Inburgeringsaanbod)."""

    pip = models.ForeignKey(Pip, on_delete=models.CASCADE, related_name="aanbod")
    instelling = models.ForeignKey(
        "aanbod.Aanbieder", on_delete=models.PROTECT, related_name="+", verbose_name=_("instelling")
    )
    datum_inburgeringsaanbod = models.DateField(_("datum inburgeringsaanbod"))
    verwachte_startdatum_opleiding = models.DateField(_("verwachte startdatum opleiding"), null=True, blank=True)
    # DUO: exclusive ("de datum die het einde van de periode aangeeft (exclusief)").
    verwachte_einddatum_opleiding = models.DateField(
        _("verwachte einddatum opleiding"), null=True, blank=True, help_text=_("De dag na de laatste lesdag.")
    )
    indicator_alfabetisering = models.CharField(
        _("alfabetisering"),
        max_length=3,
        choices=AlfabetiseringChoices.choices,
        default=AlfabetiseringChoices.NIET_VAN_TOEPASSING,
    )

    class Meta:
        verbose_name = _("inburgeringsaanbod")
        verbose_name_plural = _("inburgeringsaanbod")
        ordering = ["datum_inburgeringsaanbod", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["pip", "instelling"],
                name="pipaanbod_een_per_instelling",
                violation_error_message=_("Er is al een inburgeringsaanbod bij deze instelling."),
            )
        ]

    def __str__(self) -> str:
        return str(self.instelling)


class Informatieverzoek(models.Model):
    """A request for information from a third party; while it is open, the PIP term waits (Bi 5.3(2))."""

    dossier = models.ForeignKey("dossiers.Dossier", on_delete=models.PROTECT, related_name="informatieverzoeken")
    omschrijving = models.CharField(_("welke informatie"), max_length=300)
    derde = models.CharField(_("bij wie"), max_length=200)
    aangevraagd_op = models.DateField(_("aangevraagd op"))
    ontvangen_op = models.DateField(_("ontvangen op"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("door")
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("informatieverzoek")
        verbose_name_plural = _("informatieverzoeken")
        ordering = ["aangevraagd_op", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ontvangen_op__isnull=True) | Q(ontvangen_op__gte=models.F("aangevraagd_op")),
                name="informatieverzoek_ontvangen_na_aanvraag",
            )
        ]

    def __str__(self) -> str:
        return f"{self.omschrijving} ({self.derde})"

    @property
    def is_open(self) -> bool:
        return self.ontvangen_op is None
