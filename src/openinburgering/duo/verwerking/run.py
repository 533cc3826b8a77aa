"""The run: which notificaties are due, each processed in its own transaction (``dispatch``), a temporary fault
tried again later, any other fault marked ``fout`` with a task for the functioneel beheerder; and a failed
notificatie processed once more from the beheer page."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

import httpx
from django.conf import settings
from django.db import connection, transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from openinburgering.accounts.constants import Role
from openinburgering.accounts.models import User
from openinburgering.brp.client import BrpPersoon, brp_configured, brp_persoon
from openinburgering.core.exceptions import DomainError
from openinburgering.gemeenten.models import Gemeente
from openinburgering.logboek.constants import Action, Purpose
from openinburgering.logboek.services import logboek_record
from openinburgering.rules.duo import gebeurtenis_get
from openinburgering.taken.constants import TaakSoort
from openinburgering.taken.services import NieuweTaak, taken_raise

from ..clients import DuoClientConfig, DuoClients
from ..constants import NotificatieStatus
from ..models import Notificatie
from ..oins import ClientsPerOin
from ..outbox import TASKS, backoff, config_from_settings
from ._common import Verwerking, _gemeenten_van_oin, _Opnieuw
from .dispatch import verwerk

logger = logging.getLogger(__name__)


@dataclass
class Verwerkt:
    """What one run of ``notificaties_process`` did."""

    verwerkt: int = 0
    geen_actie: int = 0
    opnieuw: int = 0
    fout: int = 0
    geblokkeerd: int = 0
    details: list[str] = field(default_factory=list)


def _earlier_waiting(notificatie: Notificatie) -> bool:
    """Is an earlier notificatie (by DUO's registration) of the same person still waiting to be processed?"""
    if not notificatie.bsn:
        return False
    return (
        Notificatie.objects.filter(bsn=notificatie.bsn, status=NotificatieStatus.ONTVANGEN)
        .filter(
            Q(registratie_datum_tijd__lt=notificatie.registratie_datum_tijd)
            | Q(registratie_datum_tijd=notificatie.registratie_datum_tijd, id__lt=notificatie.pk)
        )
        .exists()
    )


def _due(now: datetime) -> QuerySet[Notificatie]:
    return (
        Notificatie.objects.filter(status=NotificatieStatus.ONTVANGEN)
        .filter(Q(volgende_poging_op__isnull=True) | Q(volgende_poging_op__lte=now))
        .order_by("registratie_datum_tijd", "id")
    )


def notificaties_process(
    *,
    config: DuoClientConfig | None = None,
    transport: httpx.BaseTransport | None = None,
    limit: int = 200,
    brp: Callable[[str], BrpPersoon | None] | None = None,
) -> Verwerkt:
    """Process the notificaties that are due, oldest registration at DUO first. Safe to run in parallel.

    ``config`` defaults to the DUO_* settings (nothing is processed without DUO_BASE_URL: the notificaties
    wait); ``brp`` to the BRP client when BRP_BASE_URL is set, else no BRP.
    """
    uitkomst = Verwerkt()
    config = config or config_from_settings()
    if config is None:
        return uitkomst
    if brp is None:
        brp = brp_persoon if brp_configured() else _geen_brp
    clients = ClientsPerOin(config, transport=transport)

    try:
        now = timezone.now()
        for pk in list(_due(now).values_list("pk", flat=True)[:limit]):
            _verwerk_een(pk, clients, brp, uitkomst)
    finally:
        clients.close()
    return uitkomst


def _geen_brp(bsn: str) -> BrpPersoon | None:
    return None


def _lock(pk: int) -> Notificatie | None:
    queryset = Notificatie.objects.filter(pk=pk, status=NotificatieStatus.ONTVANGEN)
    if connection.vendor == "postgresql":
        queryset = queryset.select_for_update(skip_locked=True)
    return queryset.first()


def _verwerk_een(
    pk: int, clients: Callable[[str], DuoClients], brp: Callable[[str], BrpPersoon | None], uitkomst: Verwerkt
) -> None:
    try:
        with transaction.atomic():
            notificatie = _lock(pk)
            if notificatie is None:
                return  # another worker has it, or it is done
            if _earlier_waiting(notificatie):  # checked now: earlier ones of this run are done by now
                uitkomst.geblokkeerd += 1
                return
            gebeurtenis = gebeurtenis_get(notificatie.gebeurtenis_id)
            if gebeurtenis is None:  # stored as unknown at receipt; never processed
                return
            resultaat = verwerk(Verwerking(notificatie, gebeurtenis, clients(notificatie.doel), brp))
            notificatie.status = resultaat.status
            notificatie.resultaat = resultaat.resultaat[:300]
            notificatie.dossier = resultaat.dossier
            notificatie.verwerkt_at = timezone.now()
            notificatie.pogingen += 1
            notificatie.volgende_poging_op = None
            notificatie.fout = ""
            notificatie.save()
            if resultaat.dossier is not None:
                logboek_record(
                    actor=None,
                    action=Action.CREATE,
                    purpose=Purpose.KOPPELING,
                    subject=f"DUO-notificatie {notificatie.gebeurtenis_id} verwerkt",
                    inburgeraar_id=resultaat.dossier.inburgeraar_id,
                    dossier_id=resultaat.dossier.pk,
                )
    except _Opnieuw as exc:
        _later(pk, str(exc), uitkomst)
        return
    except Exception as exc:
        logger.exception("DUO-notificatie %s not processed", pk)
        _fout(pk, f"{exc.__class__.__name__}: {exc}", uitkomst)
        return
    if resultaat.status == NotificatieStatus.VERWERKT:
        uitkomst.verwerkt += 1
    else:
        uitkomst.geen_actie += 1
    uitkomst.details.append(f"{notificatie.gebeurtenis_id} {notificatie.bericht_id}: {resultaat.resultaat}")


@transaction.atomic
def _later(pk: int, fout: str, uitkomst: Verwerkt) -> None:
    notificatie = Notificatie.objects.select_for_update().get(pk=pk)
    notificatie.pogingen += 1
    notificatie.volgende_poging_op = timezone.now() + backoff(notificatie.pogingen)
    notificatie.fout = fout[:1000]
    notificatie.save(update_fields=["pogingen", "volgende_poging_op", "fout"])
    uitkomst.opnieuw += 1
    uitkomst.details.append(f"{notificatie.gebeurtenis_id} {notificatie.bericht_id}: later opnieuw ({fout})")


@transaction.atomic
def _fout(pk: int, fout: str, uitkomst: Verwerkt) -> None:
    notificatie = Notificatie.objects.select_for_update().get(pk=pk)
    notificatie.pogingen += 1
    notificatie.status = NotificatieStatus.FOUT
    notificatie.fout = fout[:1000]
    notificatie.volgende_poging_op = None
    notificatie.save(update_fields=["pogingen", "status", "fout", "volgende_poging_op"])
    gemeente = _gemeenten_van_oin(notificatie.doel).first() or Gemeente.objects.order_by("pk").first()
    if gemeente is not None:
        taken_raise(
            [
                NieuweTaak(
                    gemeente_id=gemeente.pk,
                    soort=TaakSoort.DUO_NOTIFICATIE_FOUT,
                    rol=Role.FUNCTIONEEL_BEHEERDER,
                    titel=_("Notificatie %(code)s van DUO niet verwerkt") % {"code": notificatie.gebeurtenis_id},
                    toelichting=_("Bericht %(id)s: %(fout)s. Verwerk het opnieuw op de beheerpagina DUO.")
                    % {"id": notificatie.bericht_id, "fout": fout[:300]},
                    sleutel=f"duo-notificatie-fout-{notificatie.bericht_id}",
                )
            ]
        )
    uitkomst.fout += 1
    uitkomst.details.append(f"{notificatie.gebeurtenis_id} {notificatie.bericht_id}: fout ({fout})")


@transaction.atomic
def notificatie_retry(*, notificatie: Notificatie, actor: User) -> Notificatie:
    """Beheer: process a notificatie that failed once more (after the cause was fixed)."""
    if not actor.has_role(Role.FUNCTIONEEL_BEHEERDER):
        raise DomainError(_("Alleen een functioneel beheerder kan een notificatie opnieuw laten verwerken."))
    updated = Notificatie.objects.filter(pk=notificatie.pk, status=NotificatieStatus.FOUT).update(
        status=NotificatieStatus.ONTVANGEN, volgende_poging_op=None
    )
    if updated != 1:
        raise DomainError(_("Alleen een notificatie met een fout kan opnieuw worden verwerkt."), code="stale")
    logboek_record(
        actor=actor, action=Action.UPDATE, purpose=Purpose.KOPPELING, subject=f"DUO-notificatie {notificatie.pk}"
    )
    transaction.on_commit(enqueue_verwerking)
    notificatie.refresh_from_db()
    return notificatie


def enqueue_verwerking() -> None:
    """Ask the worker to process what is due, unless a request for that is already waiting: a burst of
    notificaties then adds one task, not one per notificatie."""
    notificaties_task = TASKS["notificaties_task"]
    if "django_tasks_db" in settings.INSTALLED_APPS and settings.TASKS["default"]["BACKEND"].startswith(
        "django_tasks_db"
    ):
        from openinburgering.core.compat import DBTaskResult, TaskResultStatus

        waiting = DBTaskResult.objects.filter(status=TaskResultStatus.READY, task_path=notificaties_task.module_path)
        if waiting.exists():
            return
    notificaties_task.enqueue()
