"""Tasks: something a person in a role must look at, raised by the system (an exclusion, a rejection …)."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from openinburgering.accounts.constants import Role

from .constants import TaakSoort, TaakStatus


class Taak(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    gemeente = models.ForeignKey("gemeenten.Gemeente", on_delete=models.PROTECT, related_name="taken")
    dossier = models.ForeignKey(
        "dossiers.Dossier", on_delete=models.PROTECT, null=True, blank=True, related_name="taken"
    )
    soort = models.CharField(_("soort"), max_length=40, choices=TaakSoort.choices)
    rol = models.CharField(_("voor"), max_length=30, choices=Role.choices)
    titel = models.CharField(_("titel"), max_length=200)
    toelichting = models.TextField(_("toelichting"), blank=True)
    # What raised it, so that raising it again (a re-import, a rerun) does not make a second task.
    sleutel = models.CharField(max_length=100, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=TaakStatus.choices, default=TaakStatus.OPEN)
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    afgehandeld_op = models.DateTimeField(_("afgehandeld op"), null=True, blank=True)
    afgehandeld_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    afhandeling = models.TextField(_("afhandeling"), blank=True)

    class Meta:
        verbose_name = _("taak")
        verbose_name_plural = _("taken")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["sleutel"], condition=~Q(sleutel=""), name="taak_sleutel_unique"),
        ]
        indexes = [models.Index(fields=["rol", "status", "gemeente", "-created_at"], name="taak_werkbak_idx")]

    def __str__(self) -> str:
        return self.titel
