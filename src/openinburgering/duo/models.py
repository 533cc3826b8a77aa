"""Notificaties received from DUO (API/Notificatie/openapi.yml) and the requests we refused."""

from uuid import uuid4

from django.db import models
from django.utils.translation import gettext_lazy as _

from .constants import NotificatieStatus, WeigeringReden


class Notificatie(models.Model):
    """One notificatie as DUO sent it. Stored before we answer 201, processed later (issue 5, part 2).

    Field names mirror DUO's: `bericht_id` is the header berichtId, unique, so a repeated message is
    stored once.
    """

    Status = NotificatieStatus

    bericht_id = models.UUIDField(_("berichtId"), unique=True)
    bron = models.CharField(_("bron (OIN)"), max_length=20)
    doel = models.CharField(_("doel (OIN)"), max_length=20)
    gebeurtenis_id = models.CharField(_("gebeurtenisId"), max_length=6)
    bsn = models.CharField(_("BSN"), max_length=9, blank=True)
    v_nummer = models.BigIntegerField(_("V-nummer"), null=True, blank=True)
    registratie_datum_tijd = models.DateTimeField(_("registratiedatum en -tijd bij DUO"))
    # What PostgreSQL's jsonb cannot hold (a NUL character, a lone surrogate, a number beyond a float) is
    # replaced in `body` (services.storable_json); `body_raw` keeps the bytes DUO sent, exactly.
    body = models.JSONField(_("bericht zoals ontvangen"))
    body_raw = models.BinaryField(_("bericht zoals ontvangen (bytes)"), null=True, blank=True)
    received_at = models.DateTimeField(_("ontvangen op"), auto_now_add=True)
    status = models.CharField(
        _("status"), max_length=32, choices=NotificatieStatus.choices, default=NotificatieStatus.ONTVANGEN
    )
    verwerkt_at = models.DateTimeField(_("verwerkt op"), null=True, blank=True)
    fout = models.TextField(_("fout"), blank=True)
    # Processing (verwerking/): tries so far, when to try again after a temporary fault, what it did.
    pogingen = models.PositiveIntegerField(_("pogingen"), default=0)
    volgende_poging_op = models.DateTimeField(_("volgende poging op"), null=True, blank=True)
    resultaat = models.CharField(_("resultaat"), max_length=300, blank=True)
    dossier = models.ForeignKey(
        "dossiers.Dossier", on_delete=models.SET_NULL, null=True, blank=True, related_name="duo_notificaties"
    )

    class Meta:
        verbose_name = _("DUO-notificatie")
        verbose_name_plural = _("DUO-notificaties")
        ordering = ["-received_at"]
        indexes = [
            # The processing picks up work by status, oldest first; beheer lists by status.
            models.Index(fields=["status", "received_at"], name="duo_notificatie_status_idx"),
            models.Index(fields=["bsn"], name="duo_notificatie_bsn_idx"),
            # Order per person: is an earlier notificatie of this BSN still waiting?
            models.Index(fields=["bsn", "registratie_datum_tijd", "id"], name="duo_notificatie_bsn_order_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.gebeurtenis_id} {self.bericht_id}"


class NotificatieConflict(models.Model):
    """A berichtId DUO sent again with another body or other headers. DUO's contract answers a known berichtId
    with 201, so the first message stands and is processed; the other one is kept here, shown on the beheer
    page, for the functioneel beheerder to take up with DUO."""

    notificatie = models.ForeignKey(Notificatie, on_delete=models.PROTECT, related_name="conflicten")
    at = models.DateTimeField(_("ontvangen op"), auto_now_add=True)
    bron = models.CharField(_("bron (OIN)"), max_length=20)
    doel = models.CharField(_("doel (OIN)"), max_length=20)
    gebeurtenis_id = models.CharField(_("gebeurtenisId"), max_length=6)
    body = models.JSONField(_("bericht zoals ontvangen"))
    body_raw = models.BinaryField(_("bericht zoals ontvangen (bytes)"))
    verschillen = models.JSONField(_("wat anders is"), default=list)

    class Meta:
        verbose_name = _("DUO-notificatie met hergebruikt berichtId")
        verbose_name_plural = _("DUO-notificaties met hergebruikt berichtId")
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.gebeurtenis_id} {self.notificatie.bericht_id}"


class NotificatieWeigering(models.Model):
    """A request to the Notificatie API that we refused. What DUO sent is kept only as far as it identifies
    the message (no body: it may hold a BSN that we did not accept)."""

    Reden = WeigeringReden

    at = models.DateTimeField(_("tijdstip"), auto_now_add=True)
    reden = models.CharField(_("reden"), max_length=20, choices=WeigeringReden.choices)
    toelichting = models.CharField(_("toelichting"), max_length=200)
    status_code = models.PositiveSmallIntegerField(_("HTTP-status"))
    bericht_id = models.CharField(_("berichtId"), max_length=100, blank=True)
    bron = models.CharField(_("bron"), max_length=100, blank=True)
    doel = models.CharField(_("doel"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("geweigerde DUO-notificatie")
        verbose_name_plural = _("geweigerde DUO-notificaties")
        ordering = ["-at"]
        indexes = [models.Index(fields=["at"], name="duo_weigering_at_idx")]

    def __str__(self) -> str:
        return f"{self.get_reden_display()} {self.bericht_id}"


class DuoApi(models.TextChoices):
    """The DUO APIs we send to: the fields of ``clients.DuoClients`` (Notificatie is DUO → us)."""

    CONTACTPERSOON = "contactpersoon", "Contactpersoon"
    EXAMEN = "examen", "Examen"
    GEVOLGDE_UREN = "gevolgde_uren", "GevolgdeUren"
    INBURGERINGSAANBOD = "inburgeringsaanbod", "Inburgeringsaanbod"
    INBURGERINGSPLICHT = "inburgeringsplicht", "Inburgeringsplicht"
    INBURGERINGSTERMIJN = "inburgeringstermijn", "Inburgeringstermijn"
    LEERBAARHEIDSTOETS = "leerbaarheidstoets", "Leerbaarheidstoets"
    MAP_PVT_ZROUTE = "map_pvt_zroute", "MAP, PVT, Z-route"
    ONTHEFFING = "ontheffing", "Ontheffing"
    PIP = "pip", "PIP"
    VRIJSTELLING = "vrijstelling", "Vrijstelling"


class DuoBerichtStatus(models.TextChoices):
    """Where a message to DUO is. Only WACHTEND is ever sent; every status but VERZONDEN and VERVALLEN
    blocks the later messages for the same person (see ``outbox.py``)."""

    WACHTEND = "wachtend", _("Wachtend")  # not yet delivered: new, or retrying after a temporary fault
    VERZONDEN = "verzonden", _("Verzonden")  # DUO accepted it (2xx)
    GEWEIGERD = "geweigerd", _("Geweigerd door DUO")  # 400/403 with DUO's foutmeldingen: a person must act
    VASTGELOPEN = "vastgelopen", _("Vastgelopen")  # anything else that a retry will not fix (version, 404, bug)
    VERVALLEN = "vervallen", _("Vervallen")  # a person decided it is not to be sent (anymore)


class DuoBericht(models.Model):
    """One message to DUO, written in the same transaction as the business change that causes it
    (issue 5, part 4). ``bericht_id`` is fixed when the row is made: every resend uses it, so DUO can
    recognise a message it already processed."""

    Status = DuoBerichtStatus
    Api = DuoApi

    uuid = models.UUIDField(default=uuid4, unique=True, editable=False)
    bericht_id = models.UUIDField(_("berichtId"), default=uuid4, unique=True, editable=False)
    gemeente = models.ForeignKey("gemeenten.Gemeente", on_delete=models.PROTECT, related_name="+")
    dossier = models.ForeignKey(
        "dossiers.Dossier", on_delete=models.PROTECT, null=True, blank=True, related_name="duo_berichten"
    )
    bsn = models.CharField(_("BSN"), max_length=9, blank=True)
    api = models.CharField(_("API"), max_length=30, choices=DuoApi.choices)
    operatie = models.CharField(_("operatie"), max_length=50)
    args = models.JSONField(_("argumenten"))
    status = models.CharField(
        _("status"), max_length=20, choices=DuoBerichtStatus.choices, default=DuoBerichtStatus.WACHTEND
    )
    pogingen = models.PositiveIntegerField(_("pogingen"), default=0)
    volgende_poging_op = models.DateTimeField(_("volgende poging op"))
    laatste_poging_op = models.DateTimeField(_("laatste poging op"), null=True, blank=True)
    # DUO (or its gateway) asked with Retry-After that nothing be sent before this moment (capped).
    retry_after_tot = models.DateTimeField(_("DUO vraagt te wachten tot"), null=True, blank=True)
    conflicten = models.PositiveSmallIntegerField(_("409-antwoorden op rij"), default=0)
    laatste_fout = models.TextField(_("laatste fout"), blank=True)
    laatste_status_code = models.PositiveSmallIntegerField(_("laatste HTTP-status"), null=True, blank=True)
    foutteksten = models.JSONField(_("foutteksten van DUO"), default=list, blank=True)
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    verzonden_op = models.DateTimeField(_("verzonden op"), null=True, blank=True)
    gealarmeerd_op = models.DateTimeField(_("alarm gegeven op"), null=True, blank=True)
    antwoord = models.JSONField(_("antwoord van DUO"), null=True, blank=True)

    class Meta:
        verbose_name = _("bericht aan DUO")
        verbose_name_plural = _("berichten aan DUO")
        ordering = ["-created_at", "-pk"]
        indexes = [
            # The worker: what is due now.
            models.Index(fields=["status", "volgende_poging_op"], name="duo_bericht_due_idx"),
            # Order per person: is an earlier message of this BSN still unsent?
            models.Index(fields=["bsn", "created_at", "id"], name="duo_bericht_bsn_order_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.api}.{self.operatie} {self.bericht_id}"


class DuoStandSoort(models.TextChoices):
    """What we fetched from DUO: one row per person and kind, replaced on every fetch."""

    INBURGERINGSPLICHT = "inburgeringsplicht", _("Inburgeringsplicht")
    DOELGROEP = "doelgroep", _("Doelgroep")
    INBURGERINGSTERMIJN = "inburgeringstermijn", _("Inburgeringstermijn")
    LEERBAARHEIDSTOETS = "leerbaarheidstoets", _("Leerbaarheidstoets")
    EXAMEN = "examen", _("Examenresultaten")
    VRIJSTELLING = "vrijstelling", _("Vrijstellingen")
    ONTHEFFING = "ontheffing", _("Ontheffingen")


class DuoStand(models.Model):
    """What DUO answered the last time we asked about a person: the source the dossier is brought up to date
    from, and what the dossier page shows under "Bij DUO bekend"."""

    Soort = DuoStandSoort

    bsn = models.CharField(_("BSN"), max_length=9)
    soort = models.CharField(_("soort"), max_length=30, choices=DuoStandSoort.choices)
    data = models.JSONField(_("antwoord van DUO"))
    opgehaald_op = models.DateTimeField(_("opgehaald op"))

    class Meta:
        verbose_name = _("gegevens bij DUO")
        verbose_name_plural = _("gegevens bij DUO")
        constraints = [models.UniqueConstraint(fields=["bsn", "soort"], name="duo_stand_bsn_soort_uniq")]

    def __str__(self) -> str:
        return f"{self.bsn} {self.soort}"
