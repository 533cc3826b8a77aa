"""Inburgeraars (persons), their households, and dossiers with their timeline."""

import uuid
from typing import Self

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from openinburgering.core.scope import Scope
from openinburgering.core.validators import validate_bsn, validate_vnummer

from .constants import (
    OPEN_STATUSES,
    DoelgroepChoices,
    GedetailleerdeDoelgroepChoices,
    Geslacht,
    RedenEindeChoices,
    Relatie,
    Status,
)
from .wat_nu import wat_nu

postcode_validator = RegexValidator(
    r"^[1-9][0-9]{3} ?[A-Z]{2}$", _("Een postcode bestaat uit vier cijfers en twee hoofdletters (1234 AB).")
)


class Inburgeraar(models.Model):
    """A person who is (or was) inburgeringsplichtig. Keyed on the BSN (Wi 36)."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    bsn = models.CharField(_("BSN"), max_length=9, unique=True, validators=[validate_bsn])
    vnummer = models.CharField(_("V-nummer"), max_length=10, blank=True, validators=[validate_vnummer])
    voornamen = models.CharField(_("voornamen"), max_length=200)
    voorvoegsel = models.CharField(_("voorvoegsel"), max_length=20, blank=True)
    geslachtsnaam = models.CharField(_("geslachtsnaam"), max_length=200)
    geboortedatum = models.DateField(_("geboortedatum"))
    geslacht = models.CharField(_("geslacht"), max_length=1, choices=Geslacht.choices, default=Geslacht.ONBEKEND)
    nationaliteit = CountryField(_("nationaliteit"), blank=True)
    geboorteland = CountryField(_("geboorteland"), blank=True)
    talen = models.CharField(
        _("talen"), max_length=200, blank=True, help_text=_("Gesproken talen, gescheiden door komma's.")
    )
    telefoonnummer = models.CharField(_("telefoonnummer"), max_length=30, blank=True)
    email = models.EmailField(_("e-mailadres"), blank=True)
    straat = models.CharField(_("straat"), max_length=200, blank=True)
    huisnummer = models.CharField(_("huisnummer"), max_length=10, blank=True)
    postcode = models.CharField(_("postcode"), max_length=7, blank=True, validators=[postcode_validator])
    woonplaats = models.CharField(_("woonplaats"), max_length=100, blank=True)
    # Lower-case, accent-free "voornamen voorvoegsel geslachtsnaam" for search (trigram index on PostgreSQL).
    zoeknaam = models.CharField(max_length=420, editable=False, db_index=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("inburgeraar")
        verbose_name_plural = _("inburgeraars")
        indexes = [
            # The werkvoorraad sorted by name; search by V-nummer.
            models.Index(fields=["geslachtsnaam", "voornamen"], name="inburgeraar_naam_idx"),
            models.Index(fields=["vnummer"], name="inburgeraar_vnummer_idx"),
        ]

    def __str__(self) -> str:
        return self.naam

    @property
    def achternaam(self) -> str:
        return f"{self.voorvoegsel} {self.geslachtsnaam}".strip()

    @property
    def naam(self) -> str:
        return f"{self.voornamen} {self.achternaam}".strip()

    @property
    def naam_sorteer(self) -> str:
        """As a list shows it: Geslachtsnaam, Voornamen voorvoegsel."""
        return f"{self.geslachtsnaam}, {self.voornamen} {self.voorvoegsel}".strip()

    @property
    def adres(self) -> str:
        regel1 = f"{self.straat} {self.huisnummer}".strip()
        regel2 = f"{self.postcode} {self.woonplaats}".strip()
        return ", ".join(part for part in (regel1, regel2) if part)


class Gezinslid(models.Model):
    """A member of the inburgeraar's household: a partner or a child."""

    inburgeraar = models.ForeignKey(Inburgeraar, on_delete=models.CASCADE, related_name="gezinsleden")
    relatie = models.CharField(_("relatie"), max_length=10, choices=Relatie.choices)
    voornamen = models.CharField(_("voornamen"), max_length=200)
    geslachtsnaam = models.CharField(_("geslachtsnaam"), max_length=200)
    geboortedatum = models.DateField(_("geboortedatum"), null=True, blank=True)
    bsn = models.CharField(_("BSN"), max_length=9, blank=True, validators=[validate_bsn])

    class Meta:
        verbose_name = _("gezinslid")
        verbose_name_plural = _("gezinsleden")
        ordering = ["relatie", "geboortedatum"]

    def __str__(self) -> str:
        return f"{self.voornamen} {self.geslachtsnaam}"


class DossierQuerySet(models.QuerySet["Dossier"]):
    def in_scope(self, scope: Scope) -> Self:
        """Dossiers a user with this scope may see. Aanbieder users see none (plaatsingen come later)."""
        if scope.is_aanbieder or not scope.gemeente_ids:
            return self.none()
        return self.filter(gemeente_id__in=scope.gemeente_ids)

    def open(self) -> Self:
        return self.filter(status__in=OPEN_STATUSES)


class Dossier(models.Model):
    """One inburgeringsplicht of one person in one gemeente, from aanmelding to its end."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    inburgeraar = models.ForeignKey(Inburgeraar, on_delete=models.PROTECT, related_name="dossiers")
    gemeente = models.ForeignKey("gemeenten.Gemeente", on_delete=models.PROTECT, related_name="dossiers")
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.AANGEMELD)
    klantregisseur = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="dossiers",
        verbose_name=_("klantregisseur"),
    )
    doelgroep = models.CharField(_("doelgroep"), max_length=40, choices=DoelgroepChoices.choices)
    gedetailleerde_doelgroep = models.CharField(
        _("gedetailleerde doelgroep"), max_length=50, choices=GedetailleerdeDoelgroepChoices.choices, blank=True
    )
    plicht_begindatum = models.DateField(_("begindatum inburgeringsplicht"))
    datum_kennisgeving = models.DateField(_("datum kennisgeving"), null=True, blank=True)
    plicht_einddatum = models.DateField(_("einddatum inburgeringsplicht"), null=True, blank=True)
    plicht_reden_einde = models.CharField(
        _("reden einde inburgeringsplicht"), max_length=50, choices=RedenEindeChoices.choices, blank=True
    )
    datum_huisvesting = models.DateField(_("datum huisvesting"), null=True, blank=True)
    datum_brp_inschrijving = models.DateField(_("datum inschrijving BRP in de gemeente"), null=True, blank=True)
    # The inburgeringstermijn as DUO holds it (Inburgeringstermijn API, fetched on SS102/SS103/SS104/SS130):
    # DUO's is the legal one, with its extensions; without it the deadline engine shows its own computation.
    duo_termijn_start = models.DateField(_("begin inburgeringstermijn (DUO)"), null=True, blank=True)
    duo_termijn_einde = models.DateField(_("einddatum inburgeringstermijn (DUO)"), null=True, blank=True)
    duo_verlengingsgrond = models.CharField(_("grond verlenging (DUO)"), max_length=200, blank=True)
    # The next deadline the gemeente must act on (termijnen.services keeps it current): the werkvoorraad
    # filters and sorts on it over a large caseload without reading every dossier's deadlines.
    termijn_datum = models.DateField(_("eerstvolgende termijn"), null=True, blank=True)
    termijn_soort = models.CharField(_("soort termijn"), max_length=30, blank=True)
    overgedragen_aan = models.CharField(_("overgedragen aan gemeente"), max_length=200, blank=True)
    # One per registration form render (or API Idempotency-Key): a double submit finds the first dossier.
    aanmelding_token = models.UUIDField(null=True, blank=True, unique=True, editable=False)
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    closed_at = models.DateTimeField(_("gesloten op"), null=True, blank=True)

    objects = DossierQuerySet.as_manager()

    class Meta:
        verbose_name = _("dossier")
        verbose_name_plural = _("dossiers")
        constraints = [
            models.UniqueConstraint(
                fields=["inburgeraar"],
                condition=Q(status__in=sorted(OPEN_STATUSES)),
                name="dossier_one_open_per_inburgeraar",
                violation_error_message=_("Deze inburgeraar heeft al een open dossier."),
            ),
            models.CheckConstraint(condition=Q(status__in=Status.values), name="dossier_status_valid"),
        ]
        # The werkvoorraad with a million dossiers (bench/werkvoorraad.py). Its counts ("N dossiers")
        # read one of the small indexes on klantregisseur (own, team), gemeente (everyone in scope) or
        # doelgroep: few distinct keys, which PostgreSQL stores deduplicated. Each sort order has an
        # index to walk (see selectors.WERKVOORRAAD_ORDERING; for the gemeente, its dossiers in id
        # order), so a page reads its 25 rows instead of sorting every match; on PostgreSQL the default
        # order covers its filters too, so that a deep page skips rows in the index alone.
        indexes = [
            models.Index(fields=["klantregisseur", "status", "gemeente"], name="dossier_kr_status_gem_idx"),
            models.Index(fields=["gemeente", "status"], name="dossier_gemeente_status_idx"),
            models.Index(fields=["gemeente", "status", "id"], name="dossier_gem_status_id_idx"),
            models.Index(fields=["doelgroep", "status", "gemeente"], name="dossier_doelgroep_idx"),
            models.Index(fields=["status", "created_at"], name="dossier_status_created_idx"),
            models.Index(
                fields=["created_at", "id"],
                include=["status", "gemeente", "klantregisseur"],
                name="dossier_created_idx",
            ),
            models.Index(fields=["datum_kennisgeving", "id"], name="dossier_kennisgeving_idx"),
            models.Index(fields=["status", "id"], name="dossier_status_id_idx"),
            # Overdue first: the werkvoorraad's default order, per klantregisseur and per gemeente, and for
            # a scope of several gemeenten one index walked in that order (as dossier_created_idx does).
            models.Index(fields=["klantregisseur", "termijn_datum", "id"], name="dossier_kr_termijn_idx"),
            models.Index(fields=["gemeente", "termijn_datum", "id"], name="dossier_gem_termijn_idx"),
            models.Index(
                fields=["termijn_datum", "id"],
                include=["status", "gemeente", "klantregisseur"],
                name="dossier_termijn_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.inburgeraar.naam} ({self.gemeente})"

    @property
    def wat_nu(self) -> object:
        """What the klantregisseur does next (dossiers.wat_nu: the one source for every page)."""
        return wat_nu(status=self.status, termijn_soort=self.termijn_soort)

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def kenmerk(self) -> str:
        """A short reference a person can read over the phone."""
        return f"D-{self.pk:07d}"


class DossierEvent(models.Model):
    """One entry on a dossier's timeline: who changed what, when, from what to what."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(_("tijdstip"), auto_now_add=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    actor_label = models.CharField(_("door"), max_length=200)
    action = models.CharField(_("actie"), max_length=50)
    summary = models.CharField(_("omschrijving"), max_length=300)
    changes = models.JSONField(_("wijzigingen"), default=list, blank=True)

    class Meta:
        verbose_name = _("dossiergebeurtenis")
        verbose_name_plural = _("dossiergebeurtenissen")
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["dossier", "-at"], name="dossierevent_dossier_at_idx")]

    def __str__(self) -> str:
        return self.summary
