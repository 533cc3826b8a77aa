"""Aanbieders (language schools and other providers). Their contracts live in the inkoop app.

The register mirrors DUO's `Instelling` (API Inburgeringsaanbod, components.schemas.Instelling),
so that an aanbieder can be matched with the list DUO publishes at GET /instellingen.
"""

from datetime import date

from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from openinburgering.rules.inkoop import Keurmerkstatus, aanbieder_keurmerk_status

# The patterns of DUO's Instelling schema; each message names the rule.
instellingsnummer_validator = RegexValidator(
    r"^\S{10}\Z",
    _(
        "Het instellingsnummer bestaat uit precies tien tekens, zonder spaties: het nummer waaronder DUO de "
        "instelling kent."
    ),
    code="invalid_instellingsnummer",
)
instelling_postcode_validator = RegexValidator(
    r"^[1-9][0-9]{3}[A-Z]{2}\Z",
    _(
        "De postcode bestaat uit vier cijfers (niet beginnend met 0) en twee hoofdletters, zonder spatie "
        "(bijvoorbeeld 3311AB), zoals DUO die vastlegt."
    ),
    code="invalid_postcode",
)
bow_registratienummer_validator = RegexValidator(
    r"^\d{1,10}\Z",
    _("Het registratienummer bij Blik op Werk bestaat uit één tot tien cijfers."),
    code="invalid_bow",
)
brin_validator = RegexValidator(
    r"^[0-9]{2}[A-Z]{2}\Z",
    _("Het BRIN-nummer bestaat uit twee cijfers en twee hoofdletters (bijvoorbeeld 25LJ)."),
    code="invalid_brin",
)
HUISNUMMER_MIN = 1  # DUO Instelling.huisnummer: minimum 1, maximum 99999
HUISNUMMER_MAX = 99_999


class Aanbieder(models.Model):
    """A provider (cursusinstelling) as DUO registers it, plus whether we still work with it."""

    naam = models.CharField(_("naam"), max_length=128)
    instellingsnummer = models.CharField(
        _("instellingsnummer"),
        max_length=10,
        blank=True,
        validators=[instellingsnummer_validator],
        help_text=_(
            "Het nummer van tien tekens waaronder DUO de instelling kent. Uniek; leeg als het nog niet bekend is."
        ),
    )
    postcode = models.CharField(
        _("postcode"), max_length=6, validators=[instelling_postcode_validator], help_text=_("Zonder spatie: 3311AB.")
    )
    # Nullable only for aanbieders registered before the address was kept; a form requires it.
    huisnummer = models.PositiveIntegerField(
        _("huisnummer"),
        null=True,
        validators=[
            MinValueValidator(HUISNUMMER_MIN, _("Het huisnummer is minstens 1.")),
            MaxValueValidator(HUISNUMMER_MAX, _("Het huisnummer is hoogstens 99999.")),
        ],
    )
    huisnummertoevoeging = models.CharField(_("huisnummertoevoeging"), max_length=4, blank=True)
    plaatsnaam = models.CharField(_("plaatsnaam"), max_length=40)
    bow_registratienummer = models.CharField(
        _("registratienummer Blik op Werk"),
        max_length=10,
        blank=True,
        validators=[bow_registratienummer_validator],
        help_text=_("Het nummer waaronder Stichting Blik op Werk de instelling registreert (één tot tien cijfers)."),
    )
    heeft_bow_keurmerk = models.BooleanField(
        _("Blik op Werk keurmerk"),
        default=False,
        help_text=_("De instelling heeft het keurmerk van Blik op Werk (DUO: indicatieBowKeurmerk)."),
    )
    # The last day of the current keurmerk certificate, as Blik op Werk's register shows it. Only a keurmerkhouder
    # has one (the constraint below); empty when the date is not recorded. Whether the keurmerk is valid, soon
    # expires or has expired on a day is rules.inkoop.aanbieder_keurmerk_status over both fields; the boolean
    # stays DUO's indicatieBowKeurmerk, which DUO's acceptance of an inburgeringsaanbod reads.
    bow_keurmerk_geldig_tot = models.DateField(
        _("keurmerk geldig tot en met"),
        null=True,
        blank=True,
        help_text=_(
            "De laatste dag waarop het keurmerk van Blik op Werk geldt. Alleen bij een instelling met het keurmerk. "
            "Na deze dag worden nieuwe plaatsingen op de B1-route en de Z-route geweigerd."
        ),
    )
    is_taalschakelinstelling = models.BooleanField(
        _("taalschakelinstelling (TST)"),
        default=False,
        help_text=_(
            "De instelling is erkend voor het taalschakeltraject van de onderwijsroute (DUO: indicatieTstKeurmerk)."
        ),
    )
    brin = models.CharField(
        _("BRIN-nummer"),
        max_length=4,
        blank=True,
        validators=[brin_validator],
        help_text=_("Het nummer van de onderwijsinstelling in de Registratie Instellingen en Opleidingen (RIO)."),
    )
    actief = models.BooleanField(
        _("actief"), default=True, help_text=_("Uit als de gemeenten niet meer met deze aanbieder werken.")
    )

    class Meta:
        verbose_name = _("aanbieder")
        verbose_name_plural = _("aanbieders")
        ordering = ["naam"]
        constraints = [
            models.UniqueConstraint(
                fields=["instellingsnummer"],
                condition=~Q(instellingsnummer=""),
                name="aanbieder_instellingsnummer_uniek",
                violation_error_message=_("Er is al een aanbieder met dit instellingsnummer."),
            ),
            models.CheckConstraint(
                condition=Q(huisnummer__isnull=True)
                | Q(huisnummer__gte=HUISNUMMER_MIN, huisnummer__lte=HUISNUMMER_MAX),
                name="aanbieder_huisnummer_bereik",
                violation_error_message=_("Het huisnummer ligt tussen 1 en 99999."),
            ),
            models.CheckConstraint(
                condition=Q(bow_keurmerk_geldig_tot__isnull=True) | Q(heeft_bow_keurmerk=True),
                name="aanbieder_keurmerkdatum_alleen_met_keurmerk",
                violation_error_message=_(
                    "Keurmerk geldig tot en met: alleen in te vullen bij een instelling met het keurmerk van "
                    "Blik op Werk."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.naam

    def mag_inburgeringsaanbod_leveren_voor(self, onderwijsroute: bool) -> bool:
        """Whether DUO accepts this instelling for an inburgeringsaanbod.

        DUO (Koppelvlak M2M, README, "Inburgeringsaanbod"): the instelling must be known to DUO as
        holding the Blik op Werk keurmerk, or as a recognised taalschakelinstelling when the person
        follows the onderwijsroute. Whether we still contract the aanbieder (`actief`) is a separate
        question that this rule does not answer.
        """
        return self.heeft_bow_keurmerk or (onderwijsroute and self.is_taalschakelinstelling)

    def keurmerk_status(self, on_date: date) -> Keurmerkstatus:
        """The keurmerk on `on_date`: none, valid, expiring within the warning window, or expired."""
        return aanbieder_keurmerk_status(
            heeft_keurmerk=self.heeft_bow_keurmerk, valid_until=self.bow_keurmerk_geldig_tot, on_date=on_date
        )
