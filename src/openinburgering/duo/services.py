"""Storing what DUO's Notificatie API receives: the notificatie itself, or the refusal."""

import logging
import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db import IntegrityError, transaction

from openinburgering.dossiers.models import Dossier, Inburgeraar
from openinburgering.logboek.constants import Action, Purpose
from openinburgering.logboek.services import logboek_record
from openinburgering.rules.duo import gebeurtenis_get

from .constants import NotificatieStatus, WeigeringReden
from .models import Notificatie, NotificatieWeigering

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class NotificatieBericht:
    """A notificatie that passed the checks of DUO's schema, with its headers."""

    bericht_id: uuid.UUID
    bron: str
    doel: str
    gebeurtenis_id: str
    registratie_datum_tijd: datetime
    bsn: str
    v_nummer: int | None
    body: dict[str, Any]


def notificatie_receive(*, bericht: NotificatieBericht) -> tuple[Notificatie, bool]:
    """Store a notificatie once per berichtId; answers (the notificatie, whether it is new).

    A repeated berichtId changes nothing, also when two copies arrive at the same moment: the unique
    constraint decides, the loser finds the winner's row. An unknown gebeurtenisId is stored too, with
    its own status, so it is shown and never dropped. When the BSN is one of ours, the receipt is written
    to the processing log in the same transaction.
    """
    existing = Notificatie.objects.filter(bericht_id=bericht.bericht_id).first()
    if existing is not None:
        logger.info("DUO-notificatie %s received again; nothing changed", bericht.bericht_id)
        return existing, False
    known = gebeurtenis_get(bericht.gebeurtenis_id) is not None
    try:
        with transaction.atomic():
            notificatie = Notificatie.objects.create(
                bericht_id=bericht.bericht_id,
                bron=bericht.bron,
                doel=bericht.doel,
                gebeurtenis_id=bericht.gebeurtenis_id,
                bsn=bericht.bsn,
                v_nummer=bericht.v_nummer,
                registratie_datum_tijd=bericht.registratie_datum_tijd,
                body=bericht.body,
                status=NotificatieStatus.ONTVANGEN if known else NotificatieStatus.ONBEKENDE_GEBEURTENIS,
            )
            _log_verwerking(notificatie)
    except IntegrityError:
        existing = Notificatie.objects.filter(bericht_id=bericht.bericht_id).first()
        if existing is None:
            raise
        logger.info("DUO-notificatie %s received twice at once; stored once", bericht.bericht_id)
        return existing, False
    logger.info(
        "DUO-notificatie %s stored: gebeurtenis %s%s",
        notificatie.bericht_id,
        notificatie.gebeurtenis_id,
        "" if known else " (onbekend)",
    )
    return notificatie, True


def _log_verwerking(notificatie: Notificatie) -> None:
    if not notificatie.bsn:
        return
    inburgeraar_id = Inburgeraar.objects.filter(bsn=notificatie.bsn).values_list("pk", flat=True).first()
    if inburgeraar_id is None:
        return
    dossier_id = (
        Dossier.objects.filter(inburgeraar_id=inburgeraar_id).order_by("-pk").values_list("pk", flat=True).first()
    )
    logboek_record(
        actor=None,
        action=Action.CREATE,
        purpose=Purpose.KOPPELING,
        subject=f"DUO-notificatie {notificatie.gebeurtenis_id} ontvangen",
        inburgeraar_id=inburgeraar_id,
        dossier_id=dossier_id,
    )


def notificatie_weigering_record(
    *, reden: WeigeringReden, toelichting: str, status_code: int, bericht_id: str, bron: str, doel: str
) -> NotificatieWeigering:
    """Log a refused request to the Notificatie API, in the application log and in a table beheer can see."""
    logger.warning(
        "DUO-notificatie refused (%s, HTTP %s): %s; berichtId=%r bron=%r doel=%r",
        reden,
        status_code,
        toelichting,
        bericht_id,
        bron,
        doel,
    )
    return NotificatieWeigering.objects.create(
        reden=reden,
        toelichting=toelichting[:200],
        status_code=status_code,
        bericht_id=bericht_id[:100],
        bron=bron[:100],
        doel=doel[:100],
    )
