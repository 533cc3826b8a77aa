"""Progress a gemeente reports to DUO: the results MAP, PVT and Z-route (DUO API "MAP,PVT,Zroute"), and
which of our users DUO knows as contactpersoon (DUO API Contactpersoon).

A row here is what we hold and what we told DUO; the messages themselves are rows in duo.DuoBericht,
placed by the DUO app (duo/keten.py, duo/contactpersoon.py) on the facts voortgang and dossiers announce,
in the same transaction as the change.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from openinburgering.rules.duo_acceptatie import Verwijtbaar


class VerwijtbaarChoices(models.TextChoices):
    """DUO `InburgeringJaNeeType`; empty: not given."""

    JA = Verwijtbaar.JA.value, _("Ja")
    NEE = Verwijtbaar.NEE.value, _("Nee")


class Resultaten(models.Model):
    """Per dossier: datum eindgesprek MAP, datum ondertekening PVT (each with 'verwijtbaar') and the datum
    afronding Z-route. Changed only by services.resultaten_update, which reports each change to DUO."""

    dossier = models.OneToOneField("dossiers.Dossier", on_delete=models.PROTECT, related_name="resultaten")
    map_datum = models.DateField(_("datum eindgesprek MAP"), null=True, blank=True)
    map_verwijtbaar = models.CharField(
        _("MAP: verwijtbaar"), max_length=3, choices=VerwijtbaarChoices.choices, blank=True
    )
    pvt_datum = models.DateField(_("datum ondertekening PVT"), null=True, blank=True)
    pvt_verwijtbaar = models.CharField(
        _("PVT: verwijtbaar"), max_length=3, choices=VerwijtbaarChoices.choices, blank=True
    )
    zroute_datum = models.DateField(_("datum afronding Z-route"), null=True, blank=True)
    # Raised by each change: the form carries it, so a change made meanwhile by someone else is not overwritten.
    versie = models.PositiveIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("resultaten MAP, PVT en Z-route")
        verbose_name_plural = _("resultaten MAP, PVT en Z-route")
        constraints = [
            models.CheckConstraint(
                condition=Q(map_verwijtbaar="") | Q(map_datum__isnull=False), name="resultaten_map_verwijtbaar_datum"
            ),
            models.CheckConstraint(
                condition=Q(pvt_verwijtbaar="") | Q(pvt_datum__isnull=False), name="resultaten_pvt_verwijtbaar_datum"
            ),
        ]

    def __str__(self) -> str:
        return str(_("Resultaten van %(dossier)s") % {"dossier": self.dossier})


class DuoContactpersoon(models.Model):
    """A user of ours whom we registered at DUO as contactpersoon for one gemeente (POST /contactpersonen).

    ``duo_id`` is DUO's id from the answer to that POST; until it is known, couplings wait
    (duo.contactpersoon.contactpersonen_process places them once the POST was sent).
    """

    gemeente = models.ForeignKey("gemeenten.Gemeente", on_delete=models.PROTECT, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    duo_id = models.PositiveIntegerField(_("id bij DUO"), null=True, blank=True)
    gegevens = models.JSONField(_("gegevens gemeld aan DUO"), default=dict)
    aanmelding = models.ForeignKey("duo.DuoBericht", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("contactpersoon bij DUO")
        verbose_name_plural = _("contactpersonen bij DUO")
        constraints = [
            models.UniqueConstraint(fields=["gemeente", "user"], name="duocontactpersoon_een_per_gemeente"),
            models.UniqueConstraint(
                fields=["gemeente", "duo_id"], condition=Q(duo_id__isnull=False), name="duocontactpersoon_id_uniek"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.duo_id or '…'})"


class ContactpersoonKoppeling(models.Model):
    """Per dossier: the contactpersoon DUO should have for the person (``gewenst``) and the one whose
    coupling we last placed in the outbox (``gekoppeld_duo_id``). They differ while a new contactpersoon
    waits for its DUO id."""

    dossier = models.OneToOneField("dossiers.Dossier", on_delete=models.CASCADE, related_name="+")
    gewenst = models.ForeignKey(
        DuoContactpersoon, null=True, blank=True, on_delete=models.PROTECT, related_name="koppelingen"
    )
    gekoppeld_duo_id = models.PositiveIntegerField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("koppeling contactpersoon")
        verbose_name_plural = _("koppelingen contactpersoon")

    def __str__(self) -> str:
        return f"{self.dossier_id} → {self.gewenst_id}"
