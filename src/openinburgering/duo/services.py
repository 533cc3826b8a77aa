"""Storing what DUO's Notificatie API receives: the notificatie itself, or the refusal."""

import logging
import re
import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db import connection, transaction

from openinburgering.rules.duo import gebeurtenis_get

from .constants import NotificatieStatus, WeigeringReden
from .models import Notificatie, NotificatieConflict, NotificatieWeigering
from .verwerking import enqueue_verwerking

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
    raw: bytes = b""  # the body's bytes as DUO sent them


# A NUL character and lone surrogates cannot be stored in PostgreSQL's jsonb (nor encoded as UTF-8 at all).
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")
REPLACEMENT = "\ufffd"


def storable_json(value: Any) -> Any:
    """``value`` with every NUL character and lone surrogate, in keys and strings, replaced by U+FFFD: what
    every database holds. The original bytes are kept beside it (``body_raw``), so nothing is lost."""
    if isinstance(value, str):
        return _UNSTORABLE.sub(REPLACEMENT, value)
    if isinstance(value, dict):
        return {storable_json(key): storable_json(item) for key, item in value.items()}
    if isinstance(value, list):
        return [storable_json(item) for item in value]
    return value


def notificatie_receive(*, bericht: NotificatieBericht) -> tuple[Notificatie, bool]:
    """Store a notificatie once per berichtId; answers (the notificatie, whether it is new).

    One statement, ``INSERT … ON CONFLICT (bericht_id) DO NOTHING RETURNING id``, in autocommit: a repeated
    berichtId changes nothing, also when two copies arrive at the same moment (the unique index decides),
    and the 201 is sent only after the row is durable. An unknown gebeurtenisId is stored too, with its
    own status, so it is shown and never dropped. A known one asks the worker to process it; the
    processing writes the processing log (the BSN is looked up there, not here, so a burst is fast).
    """
    known = gebeurtenis_get(bericht.gebeurtenis_id) is not None
    body = storable_json(bericht.body)
    if body != bericht.body:
        logger.warning("DUO-notificatie %s holds characters no database stores; replaced by U+FFFD", bericht.bericht_id)
    notificatie = Notificatie(
        bericht_id=bericht.bericht_id,
        bron=bericht.bron,
        doel=bericht.doel,
        gebeurtenis_id=bericht.gebeurtenis_id,
        bsn=bericht.bsn,
        v_nummer=bericht.v_nummer,
        registratie_datum_tijd=bericht.registratie_datum_tijd,
        body=body,
        body_raw=bericht.raw,
        status=NotificatieStatus.ONTVANGEN if known else NotificatieStatus.ONBEKENDE_GEBEURTENIS,
    )
    if not _insert_once(notificatie):
        stored = Notificatie.objects.get(bericht_id=bericht.bericht_id)
        verschillen = _verschillen(stored, notificatie)
        if verschillen:
            _conflict_record(stored, notificatie, verschillen)
        else:
            logger.info("DUO-notificatie %s received again; nothing changed", bericht.bericht_id)
        return stored, False
    logger.info(
        "DUO-notificatie %s stored: gebeurtenis %s%s",
        notificatie.bericht_id,
        notificatie.gebeurtenis_id,
        "" if known else " (onbekend)",
    )
    if known:
        transaction.on_commit(enqueue_verwerking)
    return notificatie, True


def _verschillen(stored: Notificatie, again: Notificatie) -> list[str]:
    """What differs between a stored notificatie and a later one with its berichtId: header and body names."""
    headers = [name for name in ("bron", "doel") if getattr(stored, name) != getattr(again, name)]
    first = stored.body if isinstance(stored.body, dict) else {}
    second = again.body if isinstance(again.body, dict) else {}
    fields = sorted(key for key in first.keys() | second.keys() if first.get(key, ...) != second.get(key, ...))
    return headers + fields


def _conflict_record(stored: Notificatie, again: Notificatie, verschillen: list[str]) -> NotificatieConflict:
    """DUO's contract answers a known berichtId 201; another message under it is kept and shown, not dropped."""
    logger.warning(
        "DUO-notificatie berichtId %s received again with another content (%s); the first stands, this one is "
        "recorded as a conflict",
        stored.bericht_id,
        ", ".join(verschillen),
    )
    return NotificatieConflict.objects.create(
        notificatie=stored,
        bron=again.bron,
        doel=again.doel,
        gebeurtenis_id=again.gebeurtenis_id,
        body=again.body,
        body_raw=again.body_raw or b"",
        verschillen=verschillen,
    )


def _insert_once(notificatie: Notificatie) -> bool:
    """Insert the row unless its berichtId is there; sets its pk and answers whether it was inserted."""
    meta = Notificatie._meta
    fields = [f for f in meta.concrete_fields if not f.primary_key]
    values = [f.get_db_prep_save(f.pre_save(notificatie, add=True), connection) for f in fields]
    quote = connection.ops.quote_name
    unique, pk = quote(str(meta.get_field("bericht_id").column)), quote(str(meta.pk.column))
    sql = (
        f"INSERT INTO {quote(meta.db_table)} ({', '.join(quote(str(f.column)) for f in fields)}) "  # noqa: S608
        f"VALUES ({', '.join(['%s'] * len(fields))}) "
        f"ON CONFLICT ({unique}) DO NOTHING RETURNING {pk}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, values)
        row = cursor.fetchone()
    if row is None:
        return False
    notificatie.pk = row[0]
    notificatie._state.adding = False
    return True


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
