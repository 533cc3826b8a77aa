"""Stored deadlines per dossier (recomputed when the facts change) and the Atw's gelijkgestelde dagen."""

from datetime import date

from django.db import models
from django.utils.translation import gettext_lazy as _

from openinburgering.rules.base import citation_of
from openinburgering.rules.dossiertermijnen import DeadlineStatus

from .constants import Soort, TermijnStatus


class GelijkgesteldeDag(models.Model):
    """A day made equal to a holiday by royal decree (Atw 3(3)), added when a new decree appears.

    The decrees known at release are in rules.kalender.GELIJKGESTELDE_DAGEN; rows here add to them.
    """

    datum = models.DateField(_("datum"), unique=True)
    besluit = models.CharField(
        _("besluit"), max_length=300, help_text=_("De titel van het besluit van gelijkstelling (Staatscourant).")
    )
    vindplaats = models.URLField(_("vindplaats"), blank=True, help_text=_("Link naar het besluit in de Staatscourant."))

    class Meta:
        verbose_name = _("gelijkgestelde dag (Algemene termijnenwet art. 3)")
        verbose_name_plural = _("gelijkgestelde dagen (Algemene termijnenwet art. 3)")
        ordering = ["datum"]

    def __str__(self) -> str:
        return f"{self.datum:%d-%m-%Y} ({self.besluit})"


class Termijn(models.Model):
    """One current deadline of a dossier, as the engine computed it from the facts."""

    dossier = models.ForeignKey("dossiers.Dossier", on_delete=models.CASCADE, related_name="termijnen")
    soort = models.CharField(_("soort"), max_length=30, choices=Soort.choices)
    uiterste_datum = models.DateField(_("uiterste datum"), null=True, blank=True)
    # The status on `computed_on`; `status_on(today)` gives today's (open turns overdue by itself).
    status = models.CharField(_("status"), max_length=20, choices=TermijnStatus.choices)
    actie_nodig = models.BooleanField(_("actie nodig"), default=True)
    gehaald_op = models.DateField(_("gehaald op"), null=True, blank=True)
    te_laat = models.BooleanField(_("te laat gehaald"), default=False)
    grondslag = models.CharField(_("wettelijke grondslag"), max_length=500)
    grondslag_url = models.URLField(_("vindplaats"), max_length=300)
    grondslag_geverifieerd = models.BooleanField(default=True)
    details = models.JSONField(default=dict, blank=True)
    computed_on = models.DateField(_("berekend op"))

    class Meta:
        verbose_name = _("termijn")
        verbose_name_plural = _("termijnen")
        ordering = ["uiterste_datum", "soort"]
        constraints = [models.UniqueConstraint(fields=["dossier", "soort"], name="termijn_one_per_kind")]

    def __str__(self) -> str:
        return f"{self.get_soort_display()}: {self.uiterste_datum or '—'}"

    @property
    def grondslag_citaat(self) -> str:
        """The legal reference alone (see rules.base.Rule.citation)."""
        return citation_of(self.grondslag)

    def status_on(self, today: date) -> str:
        """Today's status: an open deadline whose date passed is overdue (or lapsed when informative)."""
        if self.status == TermijnStatus.OPEN and self.uiterste_datum and today > self.uiterste_datum:
            return DeadlineStatus.OVERDUE if self.actie_nodig else DeadlineStatus.LAPSED
        return self.status
