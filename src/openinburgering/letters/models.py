"""Letter templates per gemeente, and the letters generated from them (stored, never changed)."""

import re
import uuid
from typing import Any

from django.conf import settings
from django.db import models
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from openinburgering.core.exceptions import DomainError

from .validators import (
    has_postcode,
    kleur_validator,
    logo_svg_problems,
    validate_logo_svg,
    validate_postadres,
    validate_telefoon,
)

DEFAULT_KLEUR = "#01689b"  # Rijkshuisstijl hemelblauw
KLEUR_PATTERN = re.compile(r"^#[0-9a-fA-F]{6}\Z")


class LetterTemplate(models.Model):
    """How a gemeente's letters look and who sends and signs them."""

    gemeente = models.OneToOneField(
        "gemeenten.Gemeente", on_delete=models.CASCADE, related_name="letter_template", verbose_name=_("gemeente")
    )
    afzender_naam = models.CharField(
        _("afzender"),
        max_length=300,
        help_text=_(
            "Wie de brief verstuurt, bijvoorbeeld ‘Sociale Dienst Drechtsteden namens het college van burgemeester "
            "en wethouders van Dordrecht’."
        ),
    )
    afzender_adres = models.TextField(
        _("postadres afzender"),
        validators=[validate_postadres],
        help_text=_(
            "Het postadres met postcode en plaats, één regel per adresregel. Het staat in het briefhoofd en is het "
            "retouradres."
        ),
    )
    telefoon = models.CharField(
        _("telefoonnummer"),
        max_length=30,
        validators=[validate_telefoon],
        help_text=_("Het nummer dat de inburgeraar belt met vragen over een brief."),
    )
    website = models.CharField(_("website"), max_length=200, blank=True, help_text=_("Bijvoorbeeld www.dordrecht.nl."))
    email = models.EmailField(_("e-mailadres"), help_text=_("Waar de inburgeraar vragen over een brief naartoe mailt."))
    ondertekenaar_naam = models.CharField(_("naam ondertekenaar"), max_length=200)
    ondertekenaar_functie = models.CharField(_("functie ondertekenaar"), max_length=200, blank=True)
    bezwaar_adres = models.TextField(
        _("adres voor bezwaar"),
        validators=[validate_postadres],
        help_text=_("Waar een bezwaarschrift naartoe gaat, met postcode en plaats, één regel per adresregel."),
    )
    kleur = models.CharField(
        _("kleur"),
        max_length=7,
        default=DEFAULT_KLEUR,
        validators=[kleur_validator],
        help_text=_("De kleur van de balk bovenaan de brief, als hexadecimale code (#RRGGBB)."),
    )
    logo_svg = models.TextField(
        _("logo (SVG)"),
        blank=True,
        validators=[validate_logo_svg],
        help_text=_(
            "Optioneel: de SVG-code van het logo (beginnend met <svg en eindigend met </svg>). Alleen tekenelementen "
            "zijn toegestaan: geen scripts, geen on…=-attributen, geen <style>, geen afbeeldingen of verwijzingen "
            'naar andere bestanden. Geef kleuren met attributen (fill="#01689b").'
        ),
    )
    extra_slottekst = models.TextField(
        _("extra slottekst"),
        blank=True,
        help_text=_("Optioneel: een alinea die onder elke brief komt, boven de ondertekening."),
    )
    updated_at = models.DateTimeField(_("gewijzigd op"), auto_now=True)

    class Meta:
        verbose_name = _("briefsjabloon")
        verbose_name_plural = _("briefsjablonen")
        ordering = ["gemeente__naam"]

    def __str__(self) -> str:
        return str(_("Briefsjabloon %(gemeente)s") % {"gemeente": self.gemeente})

    @property
    def safe_logo_svg(self) -> SafeString:
        """The logo, marked safe for the letter only if it passes the validator now (not just when saved)."""
        if not self.logo_svg.strip() or logo_svg_problems(self.logo_svg):
            return mark_safe("")
        return mark_safe(self.logo_svg)  # noqa: S308 - checked by logo_svg_problems just above

    @property
    def safe_kleur(self) -> str:
        """The colour for the letter's CSS; the default if the stored value is not #RRGGBB."""
        return self.kleur if KLEUR_PATTERN.match(self.kleur) else DEFAULT_KLEUR

    def missing_for_letters(self) -> list[str]:
        """What every letter needs and this template lacks, as Dutch labels; empty when complete.

        A letter tells the inburgeraar where to write (also a bezwaar), whom to call and where to mail.
        """
        missing: list[str] = []
        if not has_postcode(self.afzender_adres):
            missing.append(str(_("postadres afzender (met postcode)")))
        if not self.telefoon.strip():
            missing.append(str(_("telefoonnummer")))
        if not self.email.strip():
            missing.append(str(_("e-mailadres")))
        if not has_postcode(self.bezwaar_adres):
            missing.append(str(_("adres voor bezwaar (met postcode)")))
        return missing

    def require_complete(self) -> None:
        """Raise LetterTemplateIncomplete, naming what is missing, unless a letter can be made with it."""
        missing = self.missing_for_letters()
        if missing:
            raise LetterTemplateIncomplete(self.gemeente, missing)

    @property
    def afzender_adresregels(self) -> list[str]:
        return _lines(self.afzender_adres)

    @property
    def bezwaar_adresregels(self) -> list[str]:
        return _lines(self.bezwaar_adres)


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


class ImmutableDocumentError(Exception):
    pass


class LetterTemplateIncomplete(DomainError):
    """A letter cannot be made: the gemeente has no letter template, or it lacks contact details."""

    def __init__(self, gemeente: object, missing: list[str]) -> None:
        wat = ", ".join(missing)
        super().__init__(
            str(
                _(
                    "Er kan geen brief worden gemaakt voor gemeente %(gemeente)s: in het briefsjabloon ontbreekt "
                    "%(wat)s. Een functioneel beheerder vult dit aan onder Beheer › Briefsjablonen."
                )
                % {"gemeente": gemeente, "wat": wat}
            ),
            field="letter_template",
            code="letter_template_incomplete",
        )
        self.gemeente = gemeente
        self.missing = missing


ALL_CONTACT_DETAILS = (
    _("postadres afzender (met postcode)"),
    _("telefoonnummer"),
    _("e-mailadres"),
    _("adres voor bezwaar (met postcode)"),
)


class Document(models.Model):
    """A generated letter as it was sent: the bytes are kept, never regenerated or changed."""

    class Kind(models.TextChoices):
        PIP_BESCHIKKING = "pip_beschikking", _("PIP-beschikking")
        OPROEP_BREDE_INTAKE = "oproep_brede_intake", _("Oproep brede intake")
        ONTZORGEN_BESCHIKKING = "ontzorgen_beschikking", _("Beschikking financieel ontzorgen")
        ONTZORGEN_WIJZIGING = "ontzorgen_wijziging", _("Besluit wijziging ontzorgen")
        ONTZORGEN_MAANDOVERZICHT = "ontzorgen_maandoverzicht", _("Maandoverzicht ontzorgen")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    dossier = models.ForeignKey(
        "dossiers.Dossier", on_delete=models.PROTECT, related_name="documenten", verbose_name=_("dossier")
    )
    kind = models.CharField(_("soort"), max_length=40, choices=Kind.choices)
    title = models.CharField(_("titel"), max_length=200)
    filename = models.CharField(_("bestandsnaam"), max_length=200)
    content = models.BinaryField(_("inhoud"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    size = models.PositiveIntegerField(_("grootte (bytes)"))
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("aangemaakt door"),
    )

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documenten")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["dossier", "-created_at"], name="document_dossier_created_idx")]

    def __str__(self) -> str:
        return self.title

    def save(self, *args: Any, **kwargs: Any) -> None:
        # A sent letter is evidence (Awb 3:41, bekendmaking): store a new document instead of changing one.
        if not self._state.adding:
            raise ImmutableDocumentError("A stored document cannot be changed.")
        super().save(*args, **kwargs)
