"""Notificaties received from DUO (API/Notificatie/openapi.yml) and the requests we refused."""

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
    body = models.JSONField(_("bericht zoals ontvangen"))
    received_at = models.DateTimeField(_("ontvangen op"), auto_now_add=True)
    status = models.CharField(
        _("status"), max_length=32, choices=NotificatieStatus.choices, default=NotificatieStatus.ONTVANGEN
    )
    verwerkt_at = models.DateTimeField(_("verwerkt op"), null=True, blank=True)
    fout = models.TextField(_("fout"), blank=True)

    class Meta:
        verbose_name = _("DUO-notificatie")
        verbose_name_plural = _("DUO-notificaties")
        ordering = ["-received_at"]
        indexes = [
            # The processing picks up work by status, oldest first; beheer lists by status.
            models.Index(fields=["status", "received_at"], name="duo_notificatie_status_idx"),
            models.Index(fields=["bsn"], name="duo_notificatie_bsn_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.gebeurtenis_id} {self.bericht_id}"


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
