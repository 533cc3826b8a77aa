"""The processing log: an append-only record of every view, export or change of a person's data.

Nothing in the product updates or deletes a row: the model refuses it, the admin is read-only,
and the database itself refuses UPDATE, DELETE and TRUNCATE through triggers. In production the
application connects as a role that holds only INSERT and SELECT on this table (docs/adr/0004);
every row carries a hash chained to the previous one, so a change made by whoever could bypass
all that (the owner role, a superuser) shows in `manage.py logboek_verify`.
"""

from typing import Any, NoReturn

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from openinburgering.core.scope import Scope

from .constants import Action, Purpose


class AppendOnlyError(Exception):
    pass


class VerwerkingQuerySet(models.QuerySet["Verwerking"]):
    def in_scope(self, scope: Scope) -> "VerwerkingQuerySet":
        """Records about dossiers of the gemeenten in scope; an aanbieder sees none."""
        if scope.is_aanbieder or not scope.gemeente_ids:
            return self.none()
        return self.filter(dossier__gemeente_id__in=scope.gemeente_ids)

    def update(self, **kwargs: Any) -> NoReturn:
        raise AppendOnlyError("The processing log is append-only.")

    def delete(self) -> NoReturn:
        raise AppendOnlyError("The processing log is append-only.")


class Verwerking(models.Model):
    trace_id = models.CharField(_("trace-id"), max_length=32, db_index=True)
    at = models.DateTimeField(_("tijdstip"), default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
        verbose_name=_("gebruiker"),
    )
    actor_label = models.CharField(_("gebruiker (naam)"), max_length=200)
    role = models.CharField(_("rol"), max_length=40)
    inburgeraar = models.ForeignKey(
        "dossiers.Inburgeraar",
        null=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
        verbose_name=_("inburgeraar"),
    )
    dossier = models.ForeignKey(
        "dossiers.Dossier",
        null=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
        verbose_name=_("dossier"),
    )
    action = models.CharField(_("handeling"), max_length=20, choices=Action.choices)
    subject = models.CharField(_("onderwerp"), max_length=100)
    purpose = models.CharField(_("doel"), max_length=20, choices=Purpose.choices)
    legal_ground = models.CharField(_("grondslag"), max_length=200)
    # The hash chain (logboek/chain.py): position in the chain and sha256 over the previous hash + this row.
    seq = models.BigIntegerField(_("plaats in de keten"), null=True, unique=True)
    hash = models.CharField(_("hash"), max_length=64, blank=True, default="")

    objects = VerwerkingQuerySet.as_manager()

    class Meta:
        verbose_name = _("verwerking")
        verbose_name_plural = _("verwerkingen")
        ordering = ["-at", "-pk"]
        indexes = [
            models.Index(fields=["inburgeraar", "-at"], name="verwerking_persoon_at_idx"),
            models.Index(fields=["actor", "-at"], name="verwerking_actor_at_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_label} {self.action} {self.subject}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise AppendOnlyError("The processing log is append-only.")
        if self.seq is None or not self.hash:
            raise AppendOnlyError("Write the processing log through logboek_record: it chains the row.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise AppendOnlyError("The processing log is append-only.")


class ChainHead(models.Model):
    """The end of the processing log's hash chain: one row (id 1), last position and hash. Writers
    claim it with a conditional UPDATE in the transaction that appends rows (logboek/chain.py)."""

    seq = models.BigIntegerField(default=0)
    hash = models.CharField(max_length=64)

    class Meta:
        verbose_name = _("kop van de logboekketen")

    def __str__(self) -> str:
        return f"{self.seq} {self.hash[:12]}"
