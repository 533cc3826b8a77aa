"""Aanbieders (language schools and other providers). Contracts and plaatsingen follow in a later issue."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Aanbieder(models.Model):
    naam = models.CharField(_("naam"), max_length=200)
    instellingsnummer = models.CharField(
        _("instellingsnummer"),
        max_length=20,
        blank=True,
        help_text=_("Het nummer waaronder DUO de instelling kent."),
    )

    class Meta:
        verbose_name = _("aanbieder")
        verbose_name_plural = _("aanbieders")
        ordering = ["naam"]

    def __str__(self) -> str:
        return self.naam
