"""The outbox: every message to DUO is a row, committed with the business change that causes it (issue 5,
part 4), and a worker that sends the rows.

Placing: ``outbox_add`` is called inside the business transaction; a rolled-back change leaves no
message. The drain task is enqueued on commit.

Sending (``outbox_send``), per message in its own transaction, holding the row lock while DUO is
called (``select_for_update(skip_locked=True)`` on PostgreSQL; SQLite serialises writers anyway):

* **Order per person.** A message is sent only when every earlier message (``created_at``, ``id``) for the
  same BSN is VERZONDEN or VERVALLEN. An earlier message that is WACHTEND (also while it backs off),
  GEWEIGERD or VASTGELOPEN blocks the later ones: DUO's order matters (POST PIP, then DELETE PIP), and a
  rejected message needs a person to act (retry it after correcting the data, or let it lapse) before
  anything later about that person may overtake it. The task raised for a rejection says so. Messages
  without a BSN (a new contactpersoon) are not ordered.
* **2xx** → VERZONDEN. **DuoTijdelijkeFout** (5xx, 408, 429, timeout, connection, and a gateway's answer
  without ``API-Version``, which DUO's API never sends) and **401** (our certificate or OIN; fixed once for
  all messages) → retried with the same berichtId, with exponential backoff and jitter, never expiring; a
  message still WACHTEND after ``DUO_OUTBOX_ALERT_AFTER`` hours raises one alert (task + log).
  **409** (DUO documents none; a conflict with the person's state at DUO) → retried the same way, and
  VASTGELOPEN after ``DUO_OUTBOX_CONFLICT_POGINGEN`` 409s in a row. **DuoFoutmeldingen** (400, 403) →
  GEWEIGERD with DUO's fouttekst(en) and a task on the dossier for the klantregisseur. **Anything else**
  (a wrong API-Version, 404, unexpected answer, a bug in the arguments) → VASTGELOPEN and a task for the
  functioneel beheerder.
* **Retry-After** (delta-seconds or HTTP-date, capped at ``DUO_OUTBOX_RETRY_AFTER_MAX``) replaces the
  backoff of the message that got it. On a 429, or on a fault of the way to DUO (below) that carries it,
  it holds the whole outbox: nothing is sent to DUO before that moment (``retry_after_tot``).
* **A fault of the way to DUO** (no answer, 401, 408, 429, 502, 503, 504, a gateway's answer) says nothing
  about the message: the run stops at once instead of trying every due message against a DUO that is
  down (so a down DUO gets one request per run). While messages wait after such faults and nothing was
  tried for ``DUO_OUTBOX_PROBE_INTERVAL`` seconds, a run makes the oldest of them due early: a probe.
  When DUO answers again (a message sent, or refused by DUO itself), the messages that waited on backoff
  from before that run are due at once (``_vrijgeven``); the worker sends them one after the other, so a
  recovering DUO gets one request at a time per worker, and a new 429/503 stops the run again.
* **A person acts** on a GEWEIGERD or VASTGELOPEN message: ``duo_bericht_retry`` (sent again; a new
  berichtId only after a refusal, which had no effect at DUO) or ``duo_bericht_cancel`` (VERVALLEN, with a
  reason). Either unblocks the person's later messages.
* **Known limit**: order is creation order (``created_at``, ``id``). Two business transactions for the
  same person that run at the same moment may commit in the other order. A service that places a message
  should first claim a row of that person (pip_approve's conditional UPDATE of the dossier's PIP does),
  so that on PostgreSQL such transactions run one after the other.
* **A worker killed mid-send** (after DUO received the request, before our commit): the transaction rolls
  back, the row is still WACHTEND with the same ``bericht_id``, and the next run resends it with that
  ``berichtId``, by which DUO recognises the repeat.
"""

from __future__ import annotations

import inspect
import logging
import random
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any, get_type_hints

import httpx
from django.conf import settings
from django.db import connection, transaction
from django.db.models import Exists, Max, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from openinburgering.accounts.constants import Role
from openinburgering.accounts.models import User
from openinburgering.core.exceptions import DomainError, StaleTransition
from openinburgering.dossiers.models import Dossier
from openinburgering.logboek.constants import Action, Purpose
from openinburgering.logboek.services import logboek_record
from openinburgering.taken.constants import TaakSoort
from openinburgering.taken.services import NieuweTaak, taken_raise

from .clients import (
    DuoClientConfig,
    DuoClients,
    DuoConflict,
    DuoFout,
    DuoFoutmeldingen,
    DuoGatewayAntwoord,
    DuoNietGeauthenticeerd,
    DuoNietGevonden,
    DuoTeVeelVerzoeken,
)
from .models import DuoApi, DuoBericht, DuoBerichtStatus
from .oins import ClientsPerOin, bron_oin_for, default_bron_oin

if TYPE_CHECKING:
    from openinburgering.core.compat import Task

logger = logging.getLogger(__name__)

# Statuses after which a later message for the same person may go.
DONE = (DuoBerichtStatus.VERZONDEN, DuoBerichtStatus.VERVALLEN)
MUTATING_PREFIXES = ("post_", "put_", "delete_")
# Answers that say nothing about the message but about the way to DUO: every message would fail alike now.
# (None: no answer at all.) A 500 is left out: DUO's application may fail on this one message only.
STORING_STATUS = (None, 401, 408, 429, 502, 503, 504)
# Messages not released early when DUO answers again: a 409 keeps its own count, a 429 its Retry-After.
EIGEN_TEMPO_STATUS = (409, 429)


def outbox_add(
    *,
    dossier: Dossier | None,
    api: DuoApi | str,
    operatie: str,
    args: dict[str, Any],
    gemeente_id: int | None = None,
) -> DuoBericht:
    """Write one message to DUO: ``clients.<api>.<operatie>(**args)``. Call inside the business transaction.

    ``args`` must be JSON (dates as ISO strings, as DUO's schemas want them). ``gemeente_id`` is needed
    only without a dossier (the tasks about the message go to that gemeente).
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("outbox_add must be called inside the transaction of the business change")
    api = DuoApi(api)
    method = getattr(_client_class(api), operatie, None)
    if not operatie.startswith(MUTATING_PREFIXES) or not callable(method):
        raise ValueError(f"{api}.{operatie} is not a message to DUO")
    try:  # the arguments must fit the client method now, not fail in the worker later
        inspect.signature(method).bind(None, **args)
    except TypeError as exc:
        raise ValueError(f"{api}.{operatie}: {exc}") from exc
    if dossier is not None:
        gemeente_id = dossier.gemeente_id
    if gemeente_id is None:
        raise ValueError("a message without a dossier needs a gemeente_id")
    bericht = DuoBericht.objects.create(
        gemeente_id=gemeente_id,
        dossier=dossier,
        bsn=str(args.get("bsn", "")),
        api=api,
        operatie=operatie,
        args=args,
        volgende_poging_op=timezone.now(),
    )
    transaction.on_commit(enqueue_drain)
    return bericht


# The background tasks (tasks.py) call this module and verwerking, so neither imports them: tasks.py
# registers each task here when it is imported (DuoConfig.ready imports it).
TASKS: dict[str, Task[..., None]] = {}


def enqueue_drain() -> None:
    TASKS["outbox_task"].enqueue()


def _client_class(api: DuoApi) -> type:
    hint: type = get_type_hints(DuoClients)[api.value]
    return hint


@dataclass
class Uitkomst:
    """What one run of ``outbox_send`` did."""

    verzonden: int = 0
    opnieuw: int = 0
    geweigerd: int = 0
    vastgelopen: int = 0
    geblokkeerd: int = 0
    alarmen: int = 0
    vrijgegeven: int = 0  # messages on backoff made due at once because DUO answered again
    verkend: bool = False  # a waiting message was sent early as a probe
    antwoord_van_duo: bool = False  # DUO itself answered in this run (sent, or refused by DUO)
    storing: bool = False  # the run stopped at a fault of the way to DUO, or DUO asked to wait
    gepauzeerd_tot: datetime | None = None  # DUO's Retry-After holds the outbox until then
    details: list[str] = field(default_factory=list)

    @property
    def voortgang(self) -> bool:
        """Whether another run now could do more: something happened and DUO is not down or holding us off."""
        return bool(self.verzonden or self.geweigerd or self.vastgelopen or (self.opnieuw and not self.storing))


def config_from_settings() -> DuoClientConfig | None:
    """The client configuration from the DUO_* settings, or None when DUO_BASE_URL is empty (nothing sent)."""
    if not settings.DUO_BASE_URL:
        return None
    cert: str | tuple[str, str] | None = None
    if settings.DUO_CLIENT_CERT_FILE:
        cert = (
            (settings.DUO_CLIENT_CERT_FILE, settings.DUO_CLIENT_KEY_FILE)
            if settings.DUO_CLIENT_KEY_FILE
            else settings.DUO_CLIENT_CERT_FILE
        )
    bron = default_bron_oin()
    if bron is None:
        logger.error("DUO_BASE_URL is set but no OIN of our own is known (DUO_EIGEN_OINS, or a gemeente's OIN)")
        return None
    return DuoClientConfig(
        base_url=settings.DUO_BASE_URL,
        bron_oin=bron,
        doel_oin=settings.DUO_OIN,
        cert=cert,
        verify=settings.DUO_CA_FILE or True,
        connect_timeout=float(settings.DUO_TIMEOUT_CONNECT),
        read_timeout=float(settings.DUO_TIMEOUT_READ),
    )


def backoff(pogingen: int, *, rng: random.Random | None = None) -> timedelta:
    """Wait before the next try after ``pogingen`` failed tries: base · 2^(n-1), capped, "equal jitter"
    (between half and all of it) so that messages failed together do not return together."""
    base = float(settings.DUO_OUTBOX_BACKOFF_BASE)
    cap = float(settings.DUO_OUTBOX_BACKOFF_CAP)
    delay = min(cap, base * 2 ** min(max(pogingen - 1, 0), 32))
    return timedelta(seconds=delay * (rng or random).uniform(0.5, 1.0))


def retry_after(exc: DuoFout) -> timedelta | None:
    """The wait DUO's answer asked for with Retry-After, capped at DUO_OUTBOX_RETRY_AFTER_MAX (a gateway may
    send an absurd value); None without one."""
    if exc.retry_after is None:
        return None
    return min(exc.retry_after, timedelta(seconds=settings.DUO_OUTBOX_RETRY_AFTER_MAX))


def is_storing(exc: DuoFout) -> bool:
    """A fault of the way to DUO (see STORING_STATUS), not of this message."""
    return isinstance(exc, DuoGatewayAntwoord | DuoNietGeauthenticeerd) or (
        exc.retryable and not isinstance(exc, DuoConflict) and exc.status in STORING_STATUS
    )


def pauze_tot(now: datetime | None = None) -> datetime | None:
    """Until when DUO asked (Retry-After on a 429 or an outage) that nothing be sent; None when it did not."""
    now = now or timezone.now()
    tot: datetime | None = DuoBericht.objects.filter(
        status=DuoBerichtStatus.WACHTEND, retry_after_tot__gt=now
    ).aggregate(tot=Max("retry_after_tot"))["tot"]
    return tot


def _blocked(bericht: DuoBericht) -> bool:
    if not bericht.bsn:
        return False
    earlier = Q(created_at__lt=bericht.created_at) | Q(created_at=bericht.created_at, pk__lt=bericht.pk)
    return DuoBericht.objects.filter(earlier, bsn=bericht.bsn).exclude(status__in=DONE).exists()


def _due(*, blocked: bool) -> QuerySet[DuoBericht]:
    """WACHTEND messages whose time has come that may go now (``blocked=False``) or are held back because an
    earlier message for the same BSN is not VERZONDEN or VERVALLEN (``blocked=True``)."""
    due = DuoBericht.objects.filter(status=DuoBerichtStatus.WACHTEND, volgende_poging_op__lte=timezone.now())
    if blocked:
        return due.exclude(bsn="").filter(_earlier_unsent())
    return _unblocked(due)


def _earlier_unsent() -> Exists:
    return Exists(
        DuoBericht.objects.filter(bsn=OuterRef("bsn"))
        .filter(Q(created_at__lt=OuterRef("created_at")) | Q(created_at=OuterRef("created_at"), pk__lt=OuterRef("pk")))
        .exclude(status__in=DONE)
    )


def _unblocked(qs: QuerySet[DuoBericht]) -> QuerySet[DuoBericht]:
    return qs.filter(~_earlier_unsent() | Q(bsn=""))


def _op_backoff(now: datetime) -> QuerySet[DuoBericht]:
    """WACHTEND messages that failed and wait on backoff, not for a 409 or a Retry-After of their own."""
    return (
        DuoBericht.objects.filter(status=DuoBerichtStatus.WACHTEND, volgende_poging_op__gt=now, pogingen__gt=0)
        .exclude(laatste_status_code__in=EIGEN_TEMPO_STATUS)
        .exclude(retry_after_tot__gt=now)
    )


def _vrijgeven(*, voor: datetime) -> int:
    """DUO answers again: the messages waiting on backoff since a try before ``voor`` (the run's start) are
    due now. Returns how many. A message that failed in this run waits for the next one (a message DUO
    cannot handle is tried once per run at most, not in a loop)."""
    now = timezone.now()
    released = _op_backoff(now).filter(laatste_poging_op__lt=voor).update(volgende_poging_op=now)
    if released:
        logger.info("DUO antwoordt weer: %d wachtende berichten gaan nu", released)
    return released


def _verkennen() -> bool:
    """Nothing is due, but messages wait on backoff: when no message was tried for DUO_OUTBOX_PROBE_INTERVAL
    seconds, make the oldest of them (that may go) due now, to learn whether DUO is back."""
    now = timezone.now()
    recent = now - timedelta(seconds=settings.DUO_OUTBOX_PROBE_INTERVAL)
    if DuoBericht.objects.filter(status=DuoBerichtStatus.WACHTEND, laatste_poging_op__gt=recent).exists():
        return False
    pk = _unblocked(_op_backoff(now)).order_by("created_at", "pk").values_list("pk", flat=True).first()
    if pk is None:
        return False
    return DuoBericht.objects.filter(pk=pk, volgende_poging_op__gt=now).update(volgende_poging_op=now) == 1


def outbox_send(*, config: DuoClientConfig, transport: httpx.BaseTransport | None = None, limit: int = 100) -> Uitkomst:
    """Try up to ``limit`` due messages, oldest first, in order per person. Safe to run in parallel.

    Held-back messages are left out in the query, so a backlog behind a refused message never crowds out
    other people's messages. Rounds repeat while they make progress: a person's second message goes in
    the same run as the first.
    """
    uitkomst = Uitkomst()
    started = timezone.now()
    clients = ClientsPerOin(config, transport=transport)
    try:
        uitkomst.geblokkeerd = _due(blocked=True).count()
        if not _due(blocked=False).exists() and not pauze_tot():
            uitkomst.verkend = _verkennen()
        tried = 0
        released = False
        while tried < limit:
            if (tot := pauze_tot()) is not None:
                uitkomst.gepauzeerd_tot, uitkomst.storing = tot, True
                break
            candidates = list(
                _due(blocked=False).order_by("created_at", "pk").values_list("pk", flat=True)[: limit - tried]
            )
            progress = 0
            for pk in candidates:
                if not _verzend_een(pk, clients, uitkomst):
                    continue
                progress += 1
                if uitkomst.storing:
                    break
                if uitkomst.antwoord_van_duo and not released:  # once per run, at DUO's first answer
                    released = True
                    uitkomst.vrijgegeven = _vrijgeven(voor=started)
            if not progress or uitkomst.storing:
                break
            tried += progress
    finally:
        clients.close()
    return uitkomst


def _verzend_een(pk: int, per_oin: ClientsPerOin, uitkomst: Uitkomst) -> bool:
    """Try one message; False when it was skipped (taken by another worker, no longer due, or blocked)."""
    with transaction.atomic():
        qs = DuoBericht.objects.filter(pk=pk, status=DuoBerichtStatus.WACHTEND, volgende_poging_op__lte=timezone.now())
        if connection.features.has_select_for_update_skip_locked:
            qs = qs.select_for_update(skip_locked=True)
        bericht = qs.first()
        if bericht is None:
            return False
        if _blocked(bericht):  # an earlier message of this person appeared or failed since the query
            return False
        # The gemeente (or its uitvoeringsorganisatie) the message is about is its bron (DUO's README).
        clients = per_oin(bron_oin_for(bericht.gemeente_id, per_oin.config.bron_oin))
        method = getattr(getattr(clients, bericht.api), bericht.operatie)
        bericht.pogingen += 1
        bericht.laatste_poging_op = timezone.now()
        bericht.retry_after_tot = None
        try:
            antwoord = method(**bericht.args, bericht_id=str(bericht.bericht_id))
        except DuoFout as exc:
            if isinstance(exc, DuoFoutmeldingen | DuoNietGevonden | DuoConflict):
                uitkomst.antwoord_van_duo = True
            _fout(bericht, exc, uitkomst)
        except Exception as exc:  # a bug in the arguments: retrying will not help
            logger.exception(
                "DUO bericht %s (%s.%s) kon niet worden gemaakt", bericht.bericht_id, bericht.api, bericht.operatie
            )
            _vastgelopen(bericht, f"{type(exc).__name__}: {exc}", None, uitkomst)
        else:
            bericht.status = DuoBerichtStatus.VERZONDEN
            bericht.verzonden_op = timezone.now()
            bericht.antwoord = antwoord if isinstance(antwoord, dict | list) else None
            bericht.laatste_status_code = None
            bericht.conflicten = 0
            uitkomst.verzonden += 1
            uitkomst.antwoord_van_duo = True
            if bericht.dossier_id is not None:  # a person's data left for DUO: the Logboek Dataverwerkingen
                logboek_record(
                    actor=None,
                    action=Action.EXPORT,
                    purpose=Purpose.KOPPELING,
                    subject=f"Bericht aan DUO: {_wat(bericht)} (berichtId {bericht.bericht_id})",
                    inburgeraar_id=Dossier.objects.filter(pk=bericht.dossier_id)
                    .values_list("inburgeraar_id", flat=True)
                    .first(),
                    dossier_id=bericht.dossier_id,
                )
            logger.info("DUO bericht %s (%s.%s) verzonden", bericht.bericht_id, bericht.api, bericht.operatie)
        bericht.save()
        return True


def _fout(bericht: DuoBericht, exc: DuoFout, uitkomst: Uitkomst) -> None:
    bericht.laatste_fout = str(exc)[:2000]
    bericht.laatste_status_code = exc.status
    bericht.foutteksten = list(exc.foutteksten)
    bericht.conflicten = bericht.conflicten + 1 if isinstance(exc, DuoConflict) else 0
    if isinstance(exc, DuoConflict) and bericht.conflicten >= settings.DUO_OUTBOX_CONFLICT_POGINGEN:
        _vastgelopen(
            bericht,
            f"{exc}\n{exc.fouttekst}\n\nDUO antwoordde {bericht.conflicten} keer op rij 409 (conflict). DUO beschrijft "
            "dit antwoord niet; kijk bij DUO of het bericht (berichtId) al verwerkt is, en verstuur het opnieuw of "
            "laat het vervallen.",
            exc.status,
            uitkomst,
        )
    elif exc.retryable or isinstance(exc, DuoNietGeauthenticeerd):
        now = timezone.now()
        wait = retry_after(exc)
        if is_storing(exc):
            uitkomst.storing = True  # stop this run: the next message would meet the same fault
            if wait is None and isinstance(exc, DuoTeVeelVerzoeken):
                wait = backoff(bericht.pogingen)  # a 429 without Retry-After holds everything for a backoff
            if wait is not None:
                bericht.retry_after_tot = now + wait
        bericht.volgende_poging_op = now + (wait if wait is not None else backoff(bericht.pogingen))
        uitkomst.opnieuw += 1
        logger.warning(
            "DUO bericht %s poging %d mislukt: %s; volgende poging %s",
            bericht.bericht_id,
            bericht.pogingen,
            exc,
            bericht.volgende_poging_op.isoformat(),
        )
    elif isinstance(exc, DuoFoutmeldingen):
        bericht.status = DuoBerichtStatus.GEWEIGERD
        uitkomst.geweigerd += 1
        logger.warning("DUO bericht %s geweigerd: %s %s", bericht.bericht_id, exc, exc.fouttekst)
        fouttekst = exc.fouttekst or str(exc)
        _taak(
            bericht,
            soort=TaakSoort.DUO_GEWEIGERD,
            rol=Role.KLANTREGISSEUR if bericht.dossier_id else Role.FUNCTIONEEL_BEHEERDER,
            titel=f"DUO weigerde {_wat(bericht)}: {fouttekst.splitlines()[0]}",
            toelichting=(
                f"DUO weigerde het bericht {_wat(bericht)} (berichtId {bericht.bericht_id}) met:\n{fouttekst}\n\n"
                "Latere berichten aan DUO over deze persoon wachten tot dit bericht opnieuw is verstuurd "
                "(na het herstellen van de gegevens) of is vervallen."
            ),
        )
    else:
        _vastgelopen(bericht, str(exc), exc.status, uitkomst)


def _vastgelopen(bericht: DuoBericht, fout: str, status: int | None, uitkomst: Uitkomst) -> None:
    bericht.status = DuoBerichtStatus.VASTGELOPEN
    bericht.laatste_fout = fout[:2000]
    bericht.laatste_status_code = status
    uitkomst.vastgelopen += 1
    logger.error("DUO bericht %s vastgelopen: %s", bericht.bericht_id, fout)
    _taak(
        bericht,
        soort=TaakSoort.DUO_VASTGELOPEN,
        rol=Role.FUNCTIONEEL_BEHEERDER,
        titel=f"Bericht aan DUO vastgelopen: {_wat(bericht)}",
        toelichting=(
            f"Het bericht {_wat(bericht)} (berichtId {bericht.bericht_id}) kan niet worden verzonden:\n{fout}\n\n"
            "Latere berichten aan DUO over deze persoon wachten tot dit bericht opnieuw is verstuurd of is vervallen."
        ),
    )


def _wat(bericht: DuoBericht) -> str:
    """What the message does, in Dutch ("PIP doorgeven"), for task titles and the processing log."""
    from .labels import operatie_label

    return operatie_label(bericht.operatie)


def _taak(bericht: DuoBericht, *, soort: TaakSoort, rol: str, titel: str, toelichting: str) -> None:
    taken_raise(
        [
            NieuweTaak(
                gemeente_id=bericht.gemeente_id,
                dossier_id=bericht.dossier_id,
                soort=soort,
                rol=rol,
                titel=titel,
                toelichting=toelichting,
                sleutel=f"duo:{soort}:{bericht.uuid}",
            )
        ]
    )


def outbox_alert(*, now: datetime | None = None) -> int:
    """Raise one alert (task for the functioneel beheerder and a logged error) per message still WACHTEND
    after DUO_OUTBOX_ALERT_AFTER hours. Returns how many alerts were raised."""
    now = now or timezone.now()
    grens = now - timedelta(hours=settings.DUO_OUTBOX_ALERT_AFTER)
    count = 0
    for bericht in DuoBericht.objects.filter(
        status=DuoBerichtStatus.WACHTEND, created_at__lt=grens, gealarmeerd_op__isnull=True
    ).order_by("created_at", "pk")[:1000]:
        with transaction.atomic():
            if DuoBericht.objects.filter(pk=bericht.pk, gealarmeerd_op__isnull=True).update(gealarmeerd_op=now) != 1:
                continue  # another worker raised it
            logger.error(
                "DUO bericht %s (%s.%s) wacht sinds %s (%d pogingen; laatste fout: %s)",
                bericht.bericht_id,
                bericht.api,
                bericht.operatie,
                bericht.created_at.isoformat(),
                bericht.pogingen,
                bericht.laatste_fout or "-",
            )
            _taak(
                bericht,
                soort=TaakSoort.DUO_VERTRAAGD,
                rol=Role.FUNCTIONEEL_BEHEERDER,
                titel=f"Bericht aan DUO wacht sinds {timezone.localtime(bericht.created_at):%d-%m-%Y %H:%M}",
                toelichting=(
                    f"Het bericht {_wat(bericht)} (berichtId {bericht.bericht_id}) is na {bericht.pogingen} "
                    f"pogingen nog niet door DUO ontvangen. Laatste fout: {bericht.laatste_fout or '-'}\n"
                    "Het wordt opnieuw geprobeerd; het vervalt niet."
                ),
            )
            count += 1
    return count


# Who may resend a stuck message or let it lapse: beheer, and whoever works the person's dossier.
BERICHT_ROLES = (Role.FUNCTIONEEL_BEHEERDER, Role.KLANTREGISSEUR, Role.TEAMLEIDER)


def _require_allowed(bericht: DuoBericht, actor: User) -> None:
    if not actor.has_role(*BERICHT_ROLES) or not actor.scope.covers_gemeente(bericht.gemeente_id):
        raise DomainError(_("U mag dit bericht aan DUO niet behandelen."), code="forbidden")


@transaction.atomic
def duo_bericht_retry(*, bericht: DuoBericht, actor: User) -> DuoBericht:
    """Send a GEWEIGERD or VASTGELOPEN message again, now, with the same arguments.

    A GEWEIGERD message had no effect at DUO, so it gets a new berichtId (DUO might answer a known one
    with its earlier refusal). A VASTGELOPEN one keeps its berichtId: DUO may have processed it (a
    wrong API-Version on a 2xx), and the same berichtId keeps a resend from having a second effect.
    """
    _require_allowed(bericht, actor)
    fresh = DuoBericht.objects.get(pk=bericht.pk)
    changes: dict[str, Any] = {
        "status": DuoBerichtStatus.WACHTEND,
        "volgende_poging_op": timezone.now(),
        "conflicten": 0,
        "retry_after_tot": None,
    }
    if fresh.status == DuoBerichtStatus.GEWEIGERD:
        changes["bericht_id"] = uuid.uuid4()
    claimed = (
        DuoBericht.objects.filter(pk=bericht.pk, status=fresh.status)
        .filter(status__in=[DuoBerichtStatus.GEWEIGERD, DuoBerichtStatus.VASTGELOPEN])
        .update(**changes)
    )
    if claimed != 1:
        raise StaleTransition(_("Dit bericht is niet (meer) geweigerd of vastgelopen. Laad de pagina opnieuw."))
    logger.info("DUO bericht %s opnieuw aangeboden door %s", bericht.uuid, actor.username)
    transaction.on_commit(enqueue_drain)
    return DuoBericht.objects.get(pk=bericht.pk)


@transaction.atomic
def duo_bericht_cancel(*, bericht: DuoBericht, actor: User, reden: str) -> DuoBericht:
    """Let a message that was not delivered lapse (VERVALLEN): it is never sent, and the person's later
    messages are no longer held back by it."""
    _require_allowed(bericht, actor)
    if not reden.strip():
        raise DomainError(_("Schrijf op waarom dit bericht niet meer naar DUO gaat."), field="reden")
    claimed = DuoBericht.objects.filter(
        pk=bericht.pk,
        status__in=[DuoBerichtStatus.WACHTEND, DuoBerichtStatus.GEWEIGERD, DuoBerichtStatus.VASTGELOPEN],
    ).update(
        status=DuoBerichtStatus.VERVALLEN,
        laatste_fout=f"Vervallen door {actor.username}: {reden.strip()}"[:2000],
    )
    if claimed != 1:
        raise StaleTransition(_("Dit bericht is al verzonden of vervallen. Laad de pagina opnieuw."))
    logger.info("DUO bericht %s vervallen door %s: %s", bericht.uuid, actor.username, reden.strip())
    transaction.on_commit(enqueue_drain)
    return DuoBericht.objects.get(pk=bericht.pk)


__all__ = [
    "Uitkomst",
    "backoff",
    "config_from_settings",
    "duo_bericht_cancel",
    "duo_bericht_retry",
    "outbox_add",
    "outbox_alert",
    "outbox_send",
    "pauze_tot",
    "retry_after",
]
