"""The uitvoeringsorganisatie and the gemeenten it carries out the Wet inburgering for."""

from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from openinburgering.core.scope import Scope
from openinburgering.core.validators import validate_bic, validate_iban
from openinburgering.rules.sepa import PainVersie

gemeentecode_validator = RegexValidator(
    r"^\d{4}$", _("De CBS-gemeentecode bestaat uit vier cijfers (bijvoorbeeld 0505).")
)
oin_validator = RegexValidator(r"^\d{20}$", _("Een OIN bestaat uit twintig cijfers (Logius, OIN-stelsel)."))


class Uitvoeringsorganisatie(models.Model):
    """The body that carries out the law: one gemeente, or an openbaar lichaam (Wi 18)."""

    naam = models.CharField(_("naam"), max_length=200)
    oin = models.CharField(_("OIN"), max_length=20, validators=[oin_validator], blank=True)
    is_openbaar_lichaam = models.BooleanField(
        _("openbaar lichaam (Wi 18)"),
        default=False,
        help_text=_("Aan als de uitvoering volledig is overgedragen aan het bestuur van een openbaar lichaam."),
    )

    class Meta:
        verbose_name = _("uitvoeringsorganisatie")
        verbose_name_plural = _("uitvoeringsorganisaties")

    def __str__(self) -> str:
        return self.naam


class GemeenteQuerySet(models.QuerySet["Gemeente"]):
    def in_scope(self, scope: Scope) -> "GemeenteQuerySet":
        return self.filter(pk__in=scope.gemeente_ids)


class Gemeente(models.Model):
    uitvoeringsorganisatie = models.ForeignKey(
        Uitvoeringsorganisatie, on_delete=models.PROTECT, related_name="gemeenten"
    )
    code = models.CharField(_("CBS-gemeentecode"), max_length=4, unique=True, validators=[gemeentecode_validator])
    naam = models.CharField(_("naam"), max_length=200)
    oin = models.CharField(_("OIN"), max_length=20, validators=[oin_validator], blank=True)
    iban = models.CharField(
        _("IBAN betaalrekening"),
        max_length=34,
        blank=True,
        validators=[validate_iban],
        help_text=_("De rekening waarvan betalingen (ontzorgen) worden gedaan."),
    )
    bic = models.CharField(_("BIC"), max_length=11, blank=True, validators=[validate_bic])
    pain_versie = models.CharField(
        _("formaat betaalbestand"),
        max_length=20,
        choices=[(versie.value, versie.value) for versie in PainVersie],
        default=PainVersie.V03.value,
        help_text=_("Het SEPA-formaat dat de bank van de gemeente verwacht."),
    )
    leefgeld_in_betaalrun = models.BooleanField(
        _("leefgeld in de betaalrun"),
        default=True,
        help_text=_(
            "Aan: de betaalrun betaalt ook het leefgeld aan de inburgeraar. Uit: de uitkeringsadministratie "
            "betaalt het leefgeld; de betaalrun betaalt alleen de vaste lasten."
        ),
    )

    objects = GemeenteQuerySet.as_manager()

    class Meta:
        verbose_name = _("gemeente")
        verbose_name_plural = _("gemeenten")
        ordering = ["naam"]
        # Lets PostgreSQL walk the gemeenten in name order when the werkvoorraad is sorted by gemeente.
        indexes = [models.Index(fields=["naam"], name="gemeente_naam_idx")]

    def __str__(self) -> str:
        return self.naam

    @property
    def gm_code(self) -> str:
        """The code as CBS writes it in its tables: GM0505."""
        return f"GM{self.code}"
