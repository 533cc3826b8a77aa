"""The brede intake (Wi 14, Bi 5.2): its sections, the health part apart, summonses and the leerbaarheidstoets."""

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from openinburgering.rules.intake import (
    LBT_EXAMENNUMMER_MAX,
    LBT_SCORE_PATTERN,
    Aandachtspunt,
    IntakeOnderdeel,
)
from openinburgering.rules.termijnen import BREDE_INTAKE_OPROEPEN

from .constants import (
    OPEN_INTAKE_STATUSES,
    Geletterdheid,
    IntakeStatus,
    LbtResultaatChoices,
    LbtVrijstellingsgrondChoices,
    Opleidingsniveau,
    OproepUitkomstChoices,
    OvertredingSoort,
    TaalniveauNl,
    Zelfredzaamheid,
)

score_validator = RegexValidator(
    LBT_SCORE_PATTERN.value, _("Een score bestaat uit 1 tot 3 cijfers, een komma en 2 decimalen (bijvoorbeeld 123,45).")
)

# The fields that must be filled for a statutory section to count as recorded (Bi 5.2(3)). The
# VVE section is recorded when it is "not applicable", or applicable with a note (see below).
ONDERDEEL_VEREIST: dict[IntakeOnderdeel, tuple[str, ...]] = {
    IntakeOnderdeel.OPLEIDING_WERK: ("hoogste_opleiding", "werkervaring"),
    IntakeOnderdeel.PERSOONLIJKE_OMSTANDIGHEDEN: ("gezinssituatie",),
    IntakeOnderdeel.VVE: ("vve_van_toepassing",),
    IntakeOnderdeel.TAALNIVEAU: ("geletterdheid", "taalniveau_nl"),
    IntakeOnderdeel.ARBEIDSPARTICIPATIE: ("arbeid_mogelijkheden",),
    IntakeOnderdeel.ZELFREDZAAMHEID: ("zelfredzaamheid",),
}


def validate_aandachtspunten(value: Any) -> None:
    """A list of distinct Aandachtspunt values."""
    if not isinstance(value, list):
        raise ValidationError(_("Aandachtspunten zijn een lijst."), code="invalid")
    known = {punt.value for punt in Aandachtspunt}
    unknown = [item for item in value if item not in known]
    if unknown:
        raise ValidationError(
            _("Onbekend aandachtspunt: %(punten)s."), params={"punten": ", ".join(map(str, unknown))}, code="invalid"
        )
    if len(set(value)) != len(value):
        raise ValidationError(_("Een aandachtspunt staat er meer dan eens in."), code="invalid")


def _uren_field(verbose_name: Any, help_text: Any) -> "models.DecimalField[Any, Any]":
    return models.DecimalField(
        verbose_name,
        max_digits=6,
        decimal_places=2,
        default=0,
        validators=[MinValueValidator(0)],
        help_text=help_text,
    )


class BredeIntake(models.Model):
    """The brede intake of one dossier: the statutory sections (Wi 14(3), Bi 5.2(1)) and extra ones."""

    dossier = models.OneToOneField("dossiers.Dossier", on_delete=models.CASCADE, related_name="brede_intake")
    status = models.CharField(_("status"), max_length=30, choices=IntakeStatus.choices, default=IntakeStatus.GEPLAND)
    started_at = models.DateField(_("gestart op"), null=True, blank=True)
    completed_at = models.DateField(_("afgerond op"), null=True, blank=True)
    alleen_gesprek_gemeld = models.BooleanField(
        _("gemeld dat het gesprek alleen gevoerd kan worden"),
        default=False,
        help_text=_(
            "De inburgeraar is verteld dat de gesprekken zonder partner of anderen gevoerd kunnen worden "
            "(Bi 5.2 lid 2)."
        ),
    )
    tolk_taal = models.CharField(_("tolk (taal)"), max_length=100, blank=True)

    # Opleiding en werkervaring in het land van herkomst.
    hoogste_opleiding = models.CharField(
        _("hoogst gevolgde opleiding"), max_length=20, choices=Opleidingsniveau.choices, blank=True
    )
    jaren_onderwijs = models.PositiveSmallIntegerField(
        _("aantal jaren onderwijs"), null=True, blank=True, validators=[MaxValueValidator(40)]
    )
    diplomas = models.TextField(_("diploma's en certificaten"), blank=True)
    werkervaring = models.TextField(_("werkervaring"), blank=True)
    beroep_herkomstland = models.CharField(_("beroep in het land van herkomst"), max_length=200, blank=True)

    # Taalniveau.
    talen = models.CharField(_("talen"), max_length=200, blank=True, help_text=_("Gesproken en geschreven talen."))
    geletterdheid = models.CharField(
        _("geletterdheid in het eigen schrift"), max_length=30, choices=Geletterdheid.choices, blank=True
    )
    taalniveau_nl = models.CharField(
        _("ingeschat niveau Nederlands"), max_length=5, choices=TaalniveauNl.choices, blank=True
    )
    taal_toelichting = models.TextField(_("toelichting taal"), blank=True)

    # Mogelijkheden voor arbeidsparticipatie.
    arbeid_wensen = models.TextField(_("wensen voor werk"), blank=True)
    arbeid_mogelijkheden = models.TextField(_("mogelijkheden voor werk"), blank=True)
    beschikbaar_uren_per_week = models.PositiveSmallIntegerField(
        _("beschikbaar (uren per week)"), null=True, blank=True, validators=[MaxValueValidator(168)]
    )
    arbeid_toelichting = models.TextField(_("toelichting arbeidsparticipatie"), blank=True)

    # Zelfredzaamheid.
    zelfredzaamheid = models.CharField(
        _("mate van zelfredzaamheid"), max_length=10, choices=Zelfredzaamheid.choices, blank=True
    )
    zelfredzaamheid_toelichting = models.TextField(_("toelichting zelfredzaamheid"), blank=True)

    # Voorschoolse en vroegschoolse educatie voor de kinderen, waar relevant.
    vve_van_toepassing = models.BooleanField(_("VVE van toepassing"), null=True, blank=True)
    vve_toelichting = models.TextField(_("mogelijkheden voor VVE"), blank=True)

    # Persoonlijke omstandigheden, zonder gezondheid (die staat in IntakeGezondheid).
    gezinssituatie = models.TextField(_("gezinssituatie"), blank=True)
    omstandigheden_toelichting = models.TextField(_("overige persoonlijke omstandigheden"), blank=True)

    aandachtspunten = models.JSONField(
        _("aandachtspunten"), default=list, blank=True, validators=[validate_aandachtspunten]
    )
    # Hours spent on language/KNM and participation during the intake phase count towards the
    # route and the PVT/MAP (Bi 3.1(5), 3.2(3), 3.14(6), 5.5(2)).
    uren_taal_knm_intake = _uren_field(
        _("uren taal en KNM tijdens de intake"), _("Telt mee voor de leerroute (Bi 3.1 lid 5, 3.2 lid 3, 3.14 lid 6).")
    )
    uren_participatie_intake = _uren_field(
        _("uren participatie tijdens de intake"), _("Telt mee voor de PVT en de MAP (Bi 5.5 lid 2).")
    )

    # Extra sections, not required by law (domain brief §2.3).
    financiele_situatie = models.TextField(_("financiële situatie"), blank=True)
    sociaal_netwerk = models.TextField(_("sociaal netwerk"), blank=True)
    motivatie = models.TextField(_("motivatie"), blank=True)

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("brede intake")
        verbose_name_plural = _("brede intakes")
        constraints = [
            models.CheckConstraint(condition=Q(status__in=IntakeStatus.values), name="brede_intake_status_valid"),
            models.CheckConstraint(
                condition=Q(status__in=sorted(OPEN_INTAKE_STATUSES), completed_at__isnull=True)
                | (~Q(status__in=sorted(OPEN_INTAKE_STATUSES)) & Q(completed_at__isnull=False)),
                name="brede_intake_completed_at_with_status",
                violation_error_message=_("Een afgeronde brede intake heeft een datum van afronding."),
            ),
            models.CheckConstraint(
                condition=Q(started_at__isnull=True)
                | Q(completed_at__isnull=True)
                | Q(completed_at__gte=F("started_at")),
                name="brede_intake_completed_after_start",
                violation_error_message=_("De brede intake kan niet eerder afgerond zijn dan gestart."),
            ),
        ]

    def __str__(self) -> str:
        return str(_("Brede intake van %(naam)s") % {"naam": self.dossier.inburgeraar.naam})

    @property
    def is_afgerond(self) -> bool:
        return self.status not in OPEN_INTAKE_STATUSES

    def onderdeel_ingevuld(self, onderdeel: IntakeOnderdeel) -> bool:
        if onderdeel == IntakeOnderdeel.VVE:
            return self.vve_van_toepassing is False or (
                self.vve_van_toepassing is True and bool(self.vve_toelichting.strip())
            )
        return all(str(getattr(self, name) or "").strip() for name in ONDERDEEL_VEREIST[onderdeel])

    @property
    def onderdelen_ingevuld(self) -> list[IntakeOnderdeel]:
        """The statutory sections recorded so far (for "4 van 6 onderdelen ingevuld")."""
        return [onderdeel for onderdeel in IntakeOnderdeel if self.onderdeel_ingevuld(onderdeel)]

    @property
    def onderdelen_ontbrekend(self) -> list[IntakeOnderdeel]:
        return [onderdeel for onderdeel in IntakeOnderdeel if not self.onderdeel_ingevuld(onderdeel)]


class IntakeGezondheid(models.Model):
    """Physical and mental health found at the intake (Bi 5.2(1)(c)).

    Special-category data (AVG art. 9; Wi 17(1); Bi 9.11): a separate model so that only
    GEZONDHEID_ROLES see or change it, and every read and write is logged as such.
    """

    brede_intake = models.OneToOneField(BredeIntake, on_delete=models.CASCADE, related_name="gezondheid")
    lichamelijke_gezondheid = models.TextField(_("lichamelijke gezondheid"), blank=True)
    psychische_gezondheid = models.TextField(_("psychische gezondheid"), blank=True)
    beperkingen = models.TextField(_("beperkingen"), blank=True)
    zorg_en_behandeling = models.TextField(_("zorg en behandeling"), blank=True)
    gevolgen_voor_traject = models.TextField(
        _("gevolgen voor het traject"),
        blank=True,
        help_text=_("Wat betekent dit voor de leerroute, de intensiteit en de begeleiding?"),
    )
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    TEXT_FIELDS = (
        "lichamelijke_gezondheid",
        "psychische_gezondheid",
        "beperkingen",
        "zorg_en_behandeling",
        "gevolgen_voor_traject",
    )

    class Meta:
        verbose_name = _("gezondheid (brede intake)")
        verbose_name_plural = _("gezondheid (brede intake)")

    def __str__(self) -> str:
        return str(_("Gezondheid bij de brede intake"))

    @property
    def is_ingevuld(self) -> bool:
        return any(getattr(self, name).strip() for name in self.TEXT_FIELDS)


class Oproep(models.Model):
    """A summons for the brede intake (Wi 14(1)-(2)); at most BREDE_INTAKE_OPROEPEN per dossier."""

    dossier = models.ForeignKey("dossiers.Dossier", on_delete=models.CASCADE, related_name="oproepen")
    volgnummer = models.PositiveSmallIntegerField(_("volgnummer"))
    verzonden_op = models.DateField(_("verzonden op"))
    afspraak_op = models.DateTimeField(_("afspraak op"), null=True, blank=True)
    locatie = models.CharField(_("locatie"), max_length=200, blank=True)
    tolk_taal = models.CharField(_("tolk (taal)"), max_length=100, blank=True)
    uiterste_datum = models.DateField(
        _("uiterste datum"), help_text=_("De datum van de afspraak, of anders het einde van de gestelde termijn.")
    )
    is_waarschuwing = models.BooleanField(_("met schriftelijke waarschuwing"), default=False)
    uitkomst = models.CharField(_("uitkomst"), max_length=30, choices=OproepUitkomstChoices.choices, blank=True)
    uitkomst_op = models.DateField(_("uitkomst vastgesteld op"), null=True, blank=True)
    uitkomst_toelichting = models.TextField(_("toelichting uitkomst"), blank=True)
    # The letter as sent for the current appointment; a moved appointment gets a new letter (the old stays stored).
    brief = models.ForeignKey(
        "letters.Document",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("brief"),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("oproep brede intake")
        verbose_name_plural = _("oproepen brede intake")
        ordering = ["dossier", "volgnummer"]
        constraints = [
            models.UniqueConstraint(
                fields=["dossier", "volgnummer"],
                name="oproep_volgnummer_unique",
                violation_error_message=_("Deze oproep bestaat al."),
            ),
            models.CheckConstraint(
                condition=Q(volgnummer__gte=1, volgnummer__lte=BREDE_INTAKE_OPROEPEN.value),
                name="oproep_volgnummer_range",
            ),
            models.CheckConstraint(
                condition=Q(uitkomst="") | Q(uitkomst__in=OproepUitkomstChoices.values), name="oproep_uitkomst_valid"
            ),
            models.CheckConstraint(
                condition=Q(uitkomst="", uitkomst_op__isnull=True) | (~Q(uitkomst="") & Q(uitkomst_op__isnull=False)),
                name="oproep_uitkomst_with_date",
            ),
            models.CheckConstraint(
                condition=Q(uitkomst_op__isnull=True) | Q(uitkomst_op__gte=F("verzonden_op")),
                name="oproep_uitkomst_after_sending",
            ),
            models.CheckConstraint(
                condition=Q(uiterste_datum__gte=F("verzonden_op")), name="oproep_uiterste_datum_after_sending"
            ),
        ]

    def __str__(self) -> str:
        return str(_("Oproep %(n)s") % {"n": self.volgnummer})


class IntakeOvertreding(models.Model):
    """Wi 22(1): the person did not appear or did not cooperate after a summons. Handhaving uses this."""

    dossier = models.ForeignKey("dossiers.Dossier", on_delete=models.CASCADE, related_name="intake_overtredingen")
    # RESTRICT: a summons with an overtreding cannot be deleted on its own, only with its dossier.
    oproep = models.OneToOneField(Oproep, on_delete=models.RESTRICT, related_name="overtreding")
    soort = models.CharField(_("soort"), max_length=30, choices=OvertredingSoort.choices)
    vastgesteld_op = models.DateField(_("vastgesteld op"))
    vastgesteld_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("vastgesteld door"),
    )
    toelichting = models.TextField(_("toelichting"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("overtreding brede intake")
        verbose_name_plural = _("overtredingen brede intake")
        ordering = ["dossier", "vastgesteld_op", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(soort__in=OvertredingSoort.values), name="intake_overtreding_soort"),
        ]

    def __str__(self) -> str:
        return f"{self.get_soort_display()} ({self.oproep})"


class Leerbaarheidstoets(models.Model):
    """The leerbaarheidstoets (Wi 14(3)(a)): requested, taken with DUO's result, or exempted (Wi 14(6))."""

    dossier = models.OneToOneField("dossiers.Dossier", on_delete=models.CASCADE, related_name="leerbaarheidstoets")
    aangevraagd_op = models.DateField(_("aangevraagd op"), null=True, blank=True)
    examennummer = models.CharField(_("examennummer"), max_length=LBT_EXAMENNUMMER_MAX.value, blank=True)
    afgenomen_op = models.DateField(_("afgenomen op"), null=True, blank=True)
    resultaat = models.CharField(_("resultaat"), max_length=30, choices=LbtResultaatChoices.choices, blank=True)
    behaalde_score = models.CharField(_("behaalde score"), max_length=6, blank=True, validators=[score_validator])
    benodigde_score = models.CharField(_("benodigde score"), max_length=6, blank=True, validators=[score_validator])
    vrijgesteld = models.BooleanField(_("vrijgesteld"), default=False)
    vrijstellingsgrond = models.CharField(
        _("grond vrijstelling"), max_length=10, choices=LbtVrijstellingsgrondChoices.choices, blank=True
    )
    vrijgesteld_op = models.DateField(_("vrijgesteld op"), null=True, blank=True)
    vrijstelling_toelichting = models.TextField(_("toelichting vrijstelling"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("leerbaarheidstoets")
        verbose_name_plural = _("leerbaarheidstoetsen")
        constraints = [
            models.CheckConstraint(
                condition=Q(vrijgesteld=False) | Q(resultaat=""),
                name="lbt_vrijstelling_xor_resultaat",
                violation_error_message=_(
                    "Een vrijstelling en een resultaat van de leerbaarheidstoets sluiten elkaar uit."
                ),
            ),
            models.CheckConstraint(
                condition=Q(vrijgesteld=True, vrijstellingsgrond__in=LbtVrijstellingsgrondChoices.values)
                | Q(vrijgesteld=False, vrijstellingsgrond=""),
                name="lbt_vrijstelling_has_grond",
                violation_error_message=_("Een vrijstelling van de leerbaarheidstoets heeft een wettelijke grond."),
            ),
            models.CheckConstraint(
                condition=Q(resultaat="") | (~Q(examennummer="") & Q(afgenomen_op__isnull=False)),
                name="lbt_resultaat_complete",
                violation_error_message=_("Een resultaat heeft een examennummer en een datum van afname."),
            ),
            models.CheckConstraint(
                condition=Q(resultaat="") | Q(resultaat__in=LbtResultaatChoices.values), name="lbt_resultaat_valid"
            ),
        ]

    def __str__(self) -> str:
        return str(_("Leerbaarheidstoets (%(status)s)") % {"status": self.status_label})

    @property
    def is_afgehandeld(self) -> bool:
        """Taken (a result is known) or exempted: the intake's first statutory item is done."""
        return self.vrijgesteld or bool(self.resultaat)

    @property
    def status_label(self) -> str:
        if self.vrijgesteld:
            return str(_("Vrijgesteld"))
        if self.resultaat:
            return str(_("Resultaat ontvangen"))
        if self.examennummer:
            return str(_("Aangevraagd"))
        return str(_("Niet aangevraagd"))
