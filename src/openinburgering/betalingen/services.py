"""The monthly betaalrun: start, build (in the background), four-eyes, the SEPA file, the bank's answer.

Building a run settles every person with an active ontzorging in its gemeenten for the month:
benefit − fixed costs = leefgeld. It works in batches of people, each batch one transaction
(settlements and their lines together), so a crash loses at most the batch in progress and the
rerun continues where it stopped. The database refuses a second payment of the same obligation
in the same month (see models.py), whatever the code above it does.
"""

import gzip
import hashlib
import io
import logging
import uuid
from collections import defaultdict
from collections.abc import Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.db import IntegrityError, connection, transaction
from django.db.models import Count, Q, QuerySet, Sum
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from openinburgering.accounts.constants import Role
from openinburgering.accounts.models import User
from openinburgering.core.bulk import RowWriter
from openinburgering.core.exceptions import DomainError, StaleTransition
from openinburgering.dossiers.models import Dossier, Inburgeraar
from openinburgering.dossiers.services import dossier_change_record
from openinburgering.gemeenten.models import Gemeente
from openinburgering.logboek.constants import Action, Purpose
from openinburgering.logboek.services import Subject, logboek_record_many
from openinburgering.ontzorgen.models import Ontzorging, VasteLast, VasteLastVersie
from openinburgering.rules.kalender import month_add, month_last_day, month_of
from openinburgering.rules.sepa import PainVersie
from openinburgering.taken.constants import TaakSoort
from openinburgering.taken.services import NieuweTaak, taken_raise
from openinburgering.uitkeringen.models import Uitkering

from . import camt, sepa
from .constants import (
    BETAALRUN_ROLES,
    LIVE_RUN_STATUSES,
    AfrekeningStatus,
    RegelSoort,
    RegelStatus,
    RunStatus,
    Uitsluitingsreden,
)
from .logs import log_people_shown
from .models import Afrekening, Bankafschrift, Betaalbestand, Betaalregel, Betaalrun

if TYPE_CHECKING:
    from openinburgering.core.compat import Task

logger = logging.getLogger(__name__)

BATCH_SIZE = 10_000
CENT = Decimal("0.01")
# Runs that are still being prepared: at most one of these per gemeente and month.
OPEN_RUN_STATUSES = (RunStatus.AANMAKEN, RunStatus.CONCEPT, RunStatus.TER_ACCORDERING)
# A run can be cancelled until its file has been downloaded.
CANCELLABLE_STATUSES = (RunStatus.AANMAKEN, RunStatus.CONCEPT, RunStatus.TER_ACCORDERING, RunStatus.GOEDGEKEURD)
# A betaalrun for a month can be prepared from this many months before it (rent is paid in advance).
MAANDEN_VOORUIT = 2
# A build renews its claim on the run after every batch (a batch of BATCH_SIZE people takes seconds);
# a claim not renewed for this long belongs to a worker that died, and another build may take over.
BOUW_LEASE = timedelta(minutes=5)


def next_weekday(day: date) -> date:
    """A bank moves an execution date on a TARGET2 closing day itself; we only avoid weekends."""
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return day


_E2E_KIND = {RegelSoort.VASTE_LAST: "V", RegelSoort.LEEFGELD: "L"}
E2E_ID_DIGITS = 12


def end_to_end_id(*, soort: RegelSoort, bron_id: int, maand: date) -> str:
    """Stable per obligation and month, so a rerun builds the same id and the unique index refuses a double.

    OI<yyyymm>V<fixed cost id> for a fixed cost, OI<yyyymm>L<ontzorging id> for the leefgeld, the id
    zero-padded to twelve digits: ids of a run then sort in the order they are inserted, which keeps
    the unique index cheap to fill. The SQL that builds the lines of a run writes the same (a test
    holds them equal).
    """
    return f"{_e2e_prefix(soort, maand)}{bron_id:0{E2E_ID_DIGITS}d}"


def _e2e_prefix(soort: RegelSoort, maand: date) -> str:
    return f"OI{maand:%Y%m}{_E2E_KIND[soort]}"


def _nabetaling_prefix(run_maand: date) -> str:
    return f"OI{run_maand:%Y%m}N"


def nabetaling_end_to_end_id(*, vaste_last_id: int, maand: date, run_maand: date) -> str:
    """A fixed cost of `maand` paid later, in the run of `run_maand`: OI<run month>N<month><id> (27 characters)."""
    return f"{_nabetaling_prefix(run_maand)}{maand:%Y%m}{vaste_last_id:0{E2E_ID_DIGITS}d}"


def herbetaling_end_to_end_id(*, regel_id: int, run_maand: date) -> str:
    """A rejected line paid again in the run of `run_maand`: OI<run month>H<rejected line's id>."""
    return f"OI{run_maand:%Y%m}H{regel_id:0{E2E_ID_DIGITS}d}"


def _require_role(actor: User, gemeente_ids: Sequence[int]) -> None:
    if not actor.has_role(*BETAALRUN_ROLES) or not all(actor.scope.covers_gemeente(g) for g in gemeente_ids):
        raise DomainError(_("Alleen een financieel medewerker van deze gemeenten kan dit doen."), code="forbidden")


def _run_gemeente_ids(run: Betaalrun) -> list[int]:
    return list(run.gemeenten.values_list("pk", flat=True))


def _claim(run: Betaalrun, frm: Sequence[str], to: RunStatus, **fields: Any) -> None:
    """Move the run from one of `frm` to `to`, or fail if someone else moved it first."""
    if Betaalrun.objects.filter(pk=run.pk, status__in=frm).update(status=to, **fields) != 1:
        raise StaleTransition(_("De betaalrun is intussen door iemand anders gewijzigd. Laad de pagina opnieuw."))
    run.refresh_from_db()


# The background tasks (tasks.py) call these services, so this module does not import them: tasks.py
# registers each task here when it is imported (BetalingenConfig.ready imports it).
TASKS: dict[str, "Task[..., None]"] = {}


def _enqueue(task_name: str, run: Betaalrun, *args: int) -> None:
    task = TASKS[task_name]
    transaction.on_commit(lambda: task.enqueue(run.pk, *args))


# From approval on, what is in the run is what will be paid: then the letters can go out.
MAANDOVERZICHT_STATUSES = (RunStatus.GOEDGEKEURD, RunStatus.GEEXPORTEERD, RunStatus.VERWERKT)


@transaction.atomic
def betaalrun_maandoverzichten_aanvragen(*, run: Betaalrun, actor: User) -> Betaalrun:
    """Have the monthly overview letter made for everyone in the run, in the background."""
    _require_role(actor, _run_gemeente_ids(run))
    if run.status not in MAANDOVERZICHT_STATUSES:
        raise DomainError(_("Maandoverzichten kunnen pas na de goedkeuring worden gemaakt."), code="too_early")
    _enqueue("maandoverzichten_task", run, actor.pk)
    return run


@transaction.atomic
def betaalrun_rapport_aanvragen(*, run: Betaalrun, actor: User) -> Betaalrun:
    """Have the xlsx report of a large run made in the background (it shows the state of this moment)."""
    _require_role(actor, _run_gemeente_ids(run))
    if run.status in (RunStatus.AANMAKEN, RunStatus.GEANNULEERD):
        raise DomainError(_("Van deze betaalrun is (nog) geen rapport te maken."), code="no_report")
    Betaalrun.objects.filter(pk=run.pk).update(rapport_aangevraagd_op=timezone.now())
    run.refresh_from_db()
    _enqueue("betaalrun_rapport_task", run, actor.pk)
    return run


# --- starting ----------------------------------------------------------------------------------


@transaction.atomic
def betaalrun_start(
    *, actor: User, maand: date, gemeenten: Sequence[Gemeente], uitvoerdatum: date | None = None
) -> Betaalrun:
    """Create a run for `maand` over `gemeenten` and build it in the background."""
    gemeente_ids = sorted({g.pk for g in gemeenten})
    if not gemeente_ids:
        raise DomainError(_("Kies ten minste één gemeente."), field="gemeenten")
    _require_role(actor, gemeente_ids)
    today = timezone.localdate()
    maand = month_of(maand)
    if maand > month_add(month_of(today), MAANDEN_VOORUIT):
        raise DomainError(
            _("Een betaalrun kan ten hoogste %(n)s maanden vooruit worden gemaakt.") % {"n": MAANDEN_VOORUIT},
            field="maand",
        )
    if uitvoerdatum is None:
        uitvoerdatum = next_weekday(today + timedelta(days=1))
    if uitvoerdatum < today:
        raise DomainError(_("De uitvoerdatum ligt in het verleden."), field="uitvoerdatum")
    # Lock the gemeenten: two people starting a run for the same month wait for each other.
    locked = list(Gemeente.objects.select_for_update().filter(pk__in=gemeente_ids).order_by("pk"))
    zonder_rekening = [g.naam for g in locked if not g.iban]
    if zonder_rekening:
        raise DomainError(
            _("Van deze gemeente is geen betaalrekening (IBAN) bekend: %(namen)s. Vul die in bij beheer.")
            % {"namen": ", ".join(zonder_rekening)},
            field="gemeenten",
        )
    busy = (
        Betaalrun.objects.filter(maand=maand, status__in=OPEN_RUN_STATUSES, gemeenten__in=gemeente_ids)
        .values_list("gemeenten__naam", flat=True)
        .distinct()
    )
    if busy:
        raise DomainError(
            _("Voor %(maand)s is al een betaalrun in voorbereiding voor %(namen)s. Rond die eerst af of annuleer hem.")
            % {"maand": date_format(maand, "F Y"), "namen": ", ".join(sorted(set(busy)))},
            field="maand",
        )
    run = Betaalrun.objects.create(maand=maand, uitvoerdatum=uitvoerdatum, created_by=actor)
    run.gemeenten.set(locked)
    _enqueue("betaalrun_opbouwen_task", run)
    return run


@transaction.atomic
def betaalrun_hervatten(*, run: Betaalrun, actor: User) -> Betaalrun:
    """Queue the build again (after a crash or a lost worker): it continues where it stopped.

    Refused while a build still holds a live claim: that worker lives, and a second build would only stop.
    """
    _require_role(actor, _run_gemeente_ids(run))
    run.refresh_from_db()
    if run.status == RunStatus.AANMAKEN and _lease_live(run):
        assert run.bouw_teken_op is not None
        raise DomainError(
            _(
                "De betaalrun wordt nog gemaakt: het achtergrondproces gaf om %(tijd)s nog een teken van leven. "
                "Hervatten kan als het langer dan %(minuten)s minuten stilstaat."
            )
            % {
                "tijd": date_format(timezone.localtime(run.bouw_teken_op), "H:i:s"),
                "minuten": int(BOUW_LEASE.total_seconds() // 60),
            },
            code="bezig",
        )
    _claim(run, [RunStatus.AANMAKEN], RunStatus.AANMAKEN, fout="")
    _enqueue("betaalrun_opbouwen_task", run)
    return run


def _lease_live(run: Betaalrun) -> bool:
    return bool(run.bouwer) and run.bouw_teken_op is not None and run.bouw_teken_op > timezone.now() - BOUW_LEASE


@transaction.atomic
def betaalrun_herberekenen(*, run: Betaalrun, actor: User) -> Betaalrun:
    """Throw away a concept's settlements and build it again (after benefits or fixed costs were corrected)."""
    _require_role(actor, _run_gemeente_ids(run))
    _claim(run, [RunStatus.CONCEPT], RunStatus.AANMAKEN, voortgang_klaar=0, voortgang_totaal=0, bouwer="")
    _remove_lines(run)
    _enqueue("betaalrun_opbouwen_task", run)
    return run


def _remove_lines(run: Betaalrun) -> None:
    Betaalregel.objects.filter(betaalrun=run).delete()
    Afrekening.objects.filter(betaalrun=run).delete()
    Betaalbestand.objects.filter(betaalrun=run).delete()


# --- building ----------------------------------------------------------------------------------


def _candidates(run: Betaalrun) -> QuerySet[Ontzorging]:
    """Who still has to be settled in this run: active in the month, in its gemeenten, not yet settled."""
    maand, last = run.maand, month_last_day(run.maand)
    settled_elsewhere = Afrekening.objects.filter(
        maand=maand, status=AfrekeningStatus.OPGENOMEN, betaalrun__status__in=LIVE_RUN_STATUSES
    ).values("ontzorging_id")
    return (
        Ontzorging.objects.active_in(maand, last)
        .filter(dossier__gemeente__in=_run_gemeente_ids(run))
        .exclude(pk__in=Afrekening.objects.filter(betaalrun=run).values("ontzorging_id"))
        .exclude(pk__in=settled_elsewhere)
        .order_by("pk")
    )


class _ClaimLost(Exception):
    """Another build took the run over (this worker's lease ran out): this one stops."""


def _build_claim(run_id: int, token: str) -> bool:
    """Claim the build of the run (a conditional UPDATE, so on SQLite and PostgreSQL alike only one of
    two workers wins): free, or held by a worker whose lease ran out."""
    now = timezone.now()
    free = Q(bouwer="") | Q(bouw_teken_op__isnull=True) | Q(bouw_teken_op__lte=now - BOUW_LEASE)
    claimed = Betaalrun.objects.filter(free, pk=run_id, status=RunStatus.AANMAKEN).update(
        bouwer=token, bouw_teken_op=now
    )
    return claimed == 1


def _build_renew(run_id: int, token: str, **fields: Any) -> None:
    """Show this build lives (and save its progress); stop if another build took the run over."""
    renewed = Betaalrun.objects.filter(pk=run_id, status=RunStatus.AANMAKEN, bouwer=token).update(
        bouw_teken_op=timezone.now(), **fields
    )
    if renewed != 1:
        raise _ClaimLost


def betaalrun_opbouwen(run_id: int, *, batch_size: int = BATCH_SIZE) -> None:
    """Build the run: settle every candidate, batch by batch. Safe to run again at any point.

    One build at a time: a second worker (a repeated task, a resume while the first still lives) finds the
    run claimed and stops at once, without touching it.
    """
    token = uuid.uuid4().hex
    if not _build_claim(run_id, token):
        logger.info("betaalrun %s: not built here (finished, cancelled, or another build holds it)", run_id)
        return
    run = Betaalrun.objects.get(pk=run_id)
    try:
        remaining = list(_candidates(run).values_list("pk", flat=True))
        done = Afrekening.objects.filter(betaalrun=run).count()
        _build_renew(run.pk, token, voortgang_totaal=done + len(remaining), voortgang_klaar=done)
        _build(run, token, remaining, done, batch_size)
        _finish(run, token)
    except _ClaimLost:
        logger.warning("betaalrun %s: another build took over; this one stops", run_id)
    except Exception as exc:
        # The page says so (with "hervatten"); the batches that were committed stay and count. The claim
        # is released, so a resume can start at once.
        Betaalrun.objects.filter(pk=run.pk, bouwer=token).update(
            bouwer="",
            fout=_("Het maken van de betaalrun is gestopt (%(fout)s). Hervat hem als de oorzaak is verholpen.")
            % {"fout": type(exc).__name__},
        )
        raise


def _build(run: Betaalrun, token: str, remaining: list[int], done: int, batch_size: int) -> None:
    for start in range(0, len(remaining), batch_size):
        batch = remaining[start : start + batch_size]
        # By id range, not by a list of ids: the queries stay small, and a rerun after a crash settles
        # exactly who in the range is still a candidate.
        try:
            with transaction.atomic():
                settled = _settle_batch(run, batch[0], batch[-1])
        except IntegrityError:
            # Someone settled one of these people in another run at the same moment: the database
            # refused the double. Settle the rest of the batch again, without them.
            with transaction.atomic():
                settled = _settle_batch(run, batch[0], batch[-1])
        _build_renew(run.pk, token, voortgang_klaar=done + start + len(batch))
        logger.info("betaalrun %s: %s of %s settled", run.pk, done + start + settled, done + len(remaining))


def _tables() -> dict[str, str]:
    qn = connection.ops.quote_name
    models_ = {
        "afrekening": Afrekening, "regel": Betaalregel, "ontzorging": Ontzorging, "uitkering": Uitkering,
        "vaste_last": VasteLast, "versie": VasteLastVersie, "dossier": Dossier, "inburgeraar": Inburgeraar,
        "gemeente": Gemeente, "betaalrun": Betaalrun,
    }  # fmt: skip
    tables = {name: qn(model._meta.db_table) for name, model in models_.items()}
    tables["owed"] = _OWED_SQL.format(**tables)
    return tables


def _yyyymm(column: str) -> str:
    """SQL for a date column as yyyymm text, on PostgreSQL and SQLite."""
    if connection.vendor == "postgresql":
        return f"to_char({column}, 'YYYYMM')"
    return f"strftime('%%Y%%m', {column})"


# The settlement of one person, in SQL that PostgreSQL and SQLite both run. Amounts are rounded to
# cents where they are compared or stored: exact on PostgreSQL (numeric), and on SQLite (the demo),
# where amounts are floats, it keeps 0.10 + 0.20 equal to 0.30.
# What is still owed for earlier months of the people in an id range (params: first, last, run month): a
# fixed cost recorded after its month was settled in an exported run. Such a month has a settlement but no
# line for this fixed cost (no line at all: a line the bank rejected is paid again only when released). Only
# exported runs count: until its file is out, a run can be cancelled and its month settled again.
_OWED_SQL = """
    SELECT prev.ontzorging_id, prev.maand, vl.id AS vaste_last_id, v.id AS versie_id, v.bedrag, v.crediteur,
           v.iban, v.bic, v.kenmerk_soort, v.kenmerk
    FROM {afrekening} prev
    JOIN {betaalrun} pr ON pr.id = prev.betaalrun_id AND pr.status IN ('geexporteerd', 'verwerkt')
    JOIN {vaste_last} vl ON vl.ontzorging_id = prev.ontzorging_id
    JOIN {versie} v ON v.vaste_last_id = vl.id AND v.van_maand <= prev.maand
         AND (v.tot_en_met_maand IS NULL OR v.tot_en_met_maand >= prev.maand)
    WHERE prev.ontzorging_id BETWEEN %s AND %s AND prev.status = 'opgenomen' AND prev.maand < %s
      AND NOT EXISTS (
          SELECT 1 FROM {regel} r
          WHERE r.vaste_last_id = vl.id AND r.maand = prev.maand AND r.soort = 'vaste_last'
            AND r.herbetaling_van_id IS NULL
      )
"""

# The settlement of one person, in SQL that PostgreSQL and SQLite both run. Amounts are rounded to
# cents where they are compared or stored: exact on PostgreSQL (numeric), and on SQLite (the demo),
# where amounts are floats, it keeps 0.10 + 0.20 equal to 0.30. What is owed for earlier months
# (nabetalingen) is withheld too: that month's leefgeld was paid without it.
_SETTLE_SQL = """
INSERT INTO {afrekening}
    (betaalrun_id, ontzorging_id, dossier_id, gemeente_id, maand, status, reden, uitkering, inhoudingen,
     nabetalingen, leefgeld)
SELECT %s, p.id, p.dossier_id, p.gemeente_id, %s,
       CASE WHEN p.reden = '' THEN 'opgenomen' ELSE 'uitgesloten' END, p.reden,
       p.uitkering, p.inhoudingen, p.nabetalingen, ROUND(p.uitkering - p.inhoudingen, 2)
FROM (
    SELECT c.*,
           CASE WHEN c.uitkering IS NULL THEN 'geen_uitkering'
                WHEN c.uitkering < c.inhoudingen THEN 'lasten_hoger'
                WHEN c.leefgeld_in_betaalrun AND c.uitkering > c.inhoudingen AND c.iban = '' THEN 'geen_rekening'
                ELSE '' END AS reden
    FROM (
        SELECT o.id, o.dossier_id, d.gemeente_id, o.iban, g.leefgeld_in_betaalrun, u.bedrag AS uitkering,
               ROUND(COALESCE(l.inhoudingen, 0) + COALESCE(n.nabetalingen, 0), 2) AS inhoudingen,
               ROUND(COALESCE(n.nabetalingen, 0), 2) AS nabetalingen
        FROM {ontzorging} o
        JOIN {dossier} d ON d.id = o.dossier_id
        JOIN {gemeente} g ON g.id = d.gemeente_id
        LEFT JOIN {uitkering} u ON u.dossier_id = o.dossier_id AND u.maand = %s
        LEFT JOIN (
            SELECT vl.ontzorging_id, SUM(v.bedrag) AS inhoudingen
            FROM {versie} v JOIN {vaste_last} vl ON vl.id = v.vaste_last_id
            WHERE vl.ontzorging_id BETWEEN %s AND %s AND v.van_maand <= %s
              AND (v.tot_en_met_maand IS NULL OR v.tot_en_met_maand >= %s)
            GROUP BY vl.ontzorging_id
        ) l ON l.ontzorging_id = o.id
        LEFT JOIN (
            SELECT owed.ontzorging_id, SUM(owed.bedrag) AS nabetalingen
            FROM ({owed}) owed
            GROUP BY owed.ontzorging_id
        ) n ON n.ontzorging_id = o.id
        WHERE o.id IN ({candidates})
    ) c
) p
"""

# One line per fixed cost that applies in the month, for each person included.
_FIXED_COST_LINES_SQL = """
INSERT INTO {regel}
    (betaalrun_id, afrekening_id, gemeente_id, soort, vaste_last_id, vaste_last_versie_id, maand, end_to_end_id,
     bedrag, crediteur, iban, bic, kenmerk_soort, kenmerk, status, reden_code, reden_tekst)
SELECT a.betaalrun_id, a.id, a.gemeente_id, 'vaste_last', vl.id, v.id, a.maand,
       %s || SUBSTR('000000000000' || CAST(vl.id AS TEXT), LENGTH(CAST(vl.id AS TEXT)) + 1),
       v.bedrag, v.crediteur, v.iban, v.bic, v.kenmerk_soort, v.kenmerk,
       'open', '', ''
FROM {afrekening} a
JOIN {vaste_last} vl ON vl.ontzorging_id = a.ontzorging_id AND vl.ontzorging_id BETWEEN %s AND %s
JOIN {versie} v ON v.vaste_last_id = vl.id AND v.van_maand <= %s
     AND (v.tot_en_met_maand IS NULL OR v.tot_en_met_maand >= %s)
WHERE a.betaalrun_id = %s AND a.status = 'opgenomen' AND a.ontzorging_id BETWEEN %s AND %s
ORDER BY a.id, vl.id
"""

# One line per fixed cost and earlier month still owed (a nabetaling), for each person included: the line
# keeps the month it pays (so the once-per-month index holds it to one payment) and has its own EndToEndId:
# OI<run month>N<month paid><fixed cost id>.
_NABETALING_LINES_SQL = """
INSERT INTO {regel}
    (betaalrun_id, afrekening_id, gemeente_id, soort, vaste_last_id, vaste_last_versie_id, maand, end_to_end_id,
     bedrag, crediteur, iban, bic, kenmerk_soort, kenmerk, status, reden_code, reden_tekst)
SELECT a.betaalrun_id, a.id, a.gemeente_id, 'vaste_last', owed.vaste_last_id, owed.versie_id, owed.maand,
       %s || {yyyymm} || SUBSTR('000000000000' || CAST(owed.vaste_last_id AS TEXT),
                                LENGTH(CAST(owed.vaste_last_id AS TEXT)) + 1),
       owed.bedrag, owed.crediteur, owed.iban, owed.bic, owed.kenmerk_soort, owed.kenmerk,
       'open', '', ''
FROM {afrekening} a
JOIN ({owed}) owed ON owed.ontzorging_id = a.ontzorging_id
WHERE a.betaalrun_id = %s AND a.status = 'opgenomen' AND a.ontzorging_id BETWEEN %s AND %s
ORDER BY a.id, owed.maand, owed.vaste_last_id
"""

# The leefgeld, where the gemeente pays it in the run and something is left.
_LEEFGELD_LINES_SQL = """
INSERT INTO {regel}
    (betaalrun_id, afrekening_id, gemeente_id, soort, vaste_last_id, vaste_last_versie_id, maand, end_to_end_id,
     bedrag, crediteur, iban, bic, kenmerk_soort, kenmerk, status, reden_code, reden_tekst)
SELECT a.betaalrun_id, a.id, a.gemeente_id, 'leefgeld', NULL, NULL, a.maand,
       %s || SUBSTR('000000000000' || CAST(a.ontzorging_id AS TEXT), LENGTH(CAST(a.ontzorging_id AS TEXT)) + 1),
       a.leefgeld,
       SUBSTR(CASE WHEN o.rekeninghouder <> '' THEN o.rekeninghouder
                   ELSE TRIM(REPLACE(i.voornamen || ' ' || i.voorvoegsel || ' ' || i.geslachtsnaam, '  ', ' ')) END,
              1, 70),
       o.iban, '', 'vrij', %s, 'open', '', ''
FROM {afrekening} a
JOIN {ontzorging} o ON o.id = a.ontzorging_id
JOIN {dossier} d ON d.id = a.dossier_id
JOIN {inburgeraar} i ON i.id = d.inburgeraar_id
JOIN {gemeente} g ON g.id = a.gemeente_id
WHERE a.betaalrun_id = %s AND a.status = 'opgenomen' AND a.leefgeld > 0 AND g.leefgeld_in_betaalrun
  AND a.ontzorging_id BETWEEN %s AND %s
ORDER BY a.id
"""


def _settle_batch(run: Betaalrun, first: int, last: int) -> int:
    """Settle the candidates with ids `first`..`last` in one go, in the database: their settlements,
    then their lines. Returns how many people were settled (included or left out)."""
    if connection.vendor == "postgresql":
        # Not waiting for the disk at each batch's commit is safe here: a batch lost in a server crash
        # is settled again by the rerun (it is idempotent), and PostgreSQL never keeps half a batch.
        # The run's final commit (synchronous) flushes every batch before it becomes a concept.
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL synchronous_commit TO OFF")
    maand = run.maand
    candidates, params = _candidates(run).filter(pk__gte=first, pk__lte=last).values("pk").query.sql_with_params()
    tables = _tables()
    with connection.cursor() as cursor:
        cursor.execute(
            _SETTLE_SQL.format(candidates=candidates, **tables),
            [run.pk, maand, maand, first, last, maand, maand, first, last, maand, *params],
        )
        settled = int(cursor.rowcount)
    _insert_lines(run, first, last, tables)
    return settled


def _insert_lines(run: Betaalrun, first: int, last: int, tables: dict[str, str]) -> None:
    maand = run.maand
    vaste_last_prefix, leefgeld_prefix = (_e2e_prefix(soort, maand) for soort in RegelSoort)
    leefgeld_tekst = _("Leefgeld %(maand)s") % {"maand": f"{maand:%m-%Y}"}
    with connection.cursor() as cursor:
        cursor.execute(
            _FIXED_COST_LINES_SQL.format(**tables), [vaste_last_prefix, first, last, maand, maand, run.pk, first, last]
        )
        cursor.execute(
            _NABETALING_LINES_SQL.format(yyyymm=_yyyymm("owed.maand"), **tables),
            [_nabetaling_prefix(maand), first, last, maand, run.pk, first, last],
        )
        cursor.execute(_LEEFGELD_LINES_SQL.format(**tables), [leefgeld_prefix, leefgeld_tekst, run.pk, first, last])


def _insert_herbetalingen(run: Betaalrun) -> None:
    """Lines the bank rejected and someone released, of the run's gemeenten, paid again in this run: the
    same amount for the same month, to the account as recorded now (the latest terms of the fixed cost,
    the person's account for the leefgeld). The line stays with the settlement of the month it pays, so
    it is paid also when the person is not in this run (the ontzorging ended); it is not withheld again,
    since the bank gave the money back to the gemeente."""
    released = list(
        Betaalregel.objects.filter(
            status=RegelStatus.GEWEIGERD,
            opnieuw_betalen_op__isnull=False,
            herbetaling__isnull=True,
            gemeente_id__in=_run_gemeente_ids(run),
        ).select_related("afrekening__ontzorging", "afrekening__dossier__inburgeraar")
    )
    if not released:
        return
    latest: dict[int, VasteLastVersie] = {}
    for versie in VasteLastVersie.objects.filter(vaste_last_id__in={r.vaste_last_id for r in released}).order_by(
        "van_maand"
    ):
        latest[versie.vaste_last_id] = versie
    lines = []
    for regel in released:
        afrekening = regel.afrekening
        common = {
            "betaalrun": run, "afrekening": afrekening, "gemeente_id": regel.gemeente_id, "soort": regel.soort,
            "maand": regel.maand, "bedrag": regel.bedrag, "herbetaling_van": regel,
            "end_to_end_id": herbetaling_end_to_end_id(regel_id=regel.pk, run_maand=run.maand),
        }  # fmt: skip
        if regel.soort == RegelSoort.VASTE_LAST and regel.vaste_last_id is not None:
            versie = latest[regel.vaste_last_id]
            lines.append(
                Betaalregel(
                    **common,
                    vaste_last_id=regel.vaste_last_id,
                    vaste_last_versie=versie,
                    crediteur=versie.crediteur,
                    iban=versie.iban,
                    bic=versie.bic,
                    kenmerk_soort=versie.kenmerk_soort,
                    kenmerk=versie.kenmerk,
                )
            )
        elif afrekening.ontzorging.iban:
            ontzorging = afrekening.ontzorging
            naam = ontzorging.rekeninghouder or str(afrekening.dossier.inburgeraar)
            lines.append(
                Betaalregel(
                    **common,
                    crediteur=naam[:70],
                    iban=ontzorging.iban,
                    kenmerk_soort="vrij",
                    kenmerk=_("Leefgeld %(maand)s") % {"maand": f"{regel.maand:%m-%Y}"},
                )
            )
    Betaalregel.objects.bulk_create(lines)


def run_totals(run: Betaalrun) -> dict[str, Any]:
    """Counts and sums from the database (never from memory): what the file's control sums must equal."""
    regels = Betaalregel.objects.filter(betaalrun=run).aggregate(aantal=Count("pk"), totaal=Sum("bedrag"))
    afrekeningen = Afrekening.objects.filter(betaalrun=run).aggregate(
        personen=Count("pk", filter=Q(status=AfrekeningStatus.OPGENOMEN)),
        uitgesloten=Count("pk", filter=Q(status=AfrekeningStatus.UITGESLOTEN)),
    )
    return {
        "aantal_regels": regels["aantal"],
        "totaal_bedrag": (regels["totaal"] or Decimal(0)).quantize(CENT),
        "aantal_personen": afrekeningen["personen"],
        "aantal_uitgesloten": afrekeningen["uitgesloten"],
    }


@transaction.atomic
def _finish(run: Betaalrun, token: str) -> None:
    """The build is complete: totals, a task for every person left out, and the run becomes a concept.
    The error of a build that stopped before (this one's predecessor) no longer holds: it is cleared.
    Released rejected lines are paid again here, once per run rather than per batch."""
    if not Betaalrun.objects.filter(pk=run.pk, status=RunStatus.AANMAKEN, bouwer=token).exists():
        return  # cancelled meanwhile, or taken over by another build
    _insert_herbetalingen(run)
    totals = run_totals(run)
    finished = Betaalrun.objects.filter(pk=run.pk, status=RunStatus.AANMAKEN, bouwer=token).update(
        status=RunStatus.CONCEPT, fout="", bouwer="", bouw_teken_op=timezone.now(), **totals
    )
    if finished != 1:
        return  # cancelled meanwhile, or taken over by another build
    maand_label = date_format(run.maand, "F Y")
    uitgesloten = Afrekening.objects.filter(betaalrun=run, status=AfrekeningStatus.UITGESLOTEN).values_list(
        "pk", "gemeente_id", "dossier_id", "reden", "uitkering", "inhoudingen"
    )
    taken_raise(
        [
            NieuweTaak(
                gemeente_id=gemeente_id,
                dossier_id=dossier_id,
                soort=TaakSoort.ONTZORGEN_UITGESLOTEN,
                rol=Role.FINANCIEEL_MEDEWERKER,
                titel=_("Niet betaald in %(maand)s: %(reden)s")
                % {"maand": maand_label, "reden": Uitsluitingsreden(reden).label.lower()},
                toelichting=_("Uitkering: %(uitkering)s. Vaste lasten: %(lasten)s.")
                % {"uitkering": _euro(uitkering), "lasten": _euro(inhoudingen)},
                sleutel=f"afrekening:{pk}",
            )
            for pk, gemeente_id, dossier_id, reden, uitkering, inhoudingen in uitgesloten
        ]
    )


def _euro(value: Decimal | None) -> str:
    if value is None:
        return _("onbekend")
    return "€ " + f"{value:,.2f}".replace(",", "_").replace(".", ",").replace("_", ".")


# --- four eyes ---------------------------------------------------------------------------------


@transaction.atomic
def betaalrun_indienen(*, run: Betaalrun, actor: User) -> Betaalrun:
    _require_role(actor, _run_gemeente_ids(run))
    if not run.aantal_regels:
        raise DomainError(_("Deze betaalrun heeft geen betalingen; er is niets te accorderen."), code="empty")
    _claim(run, [RunStatus.CONCEPT], RunStatus.TER_ACCORDERING, ingediend_door=actor, ingediend_op=timezone.now())
    return run


@transaction.atomic
def betaalrun_afkeuren(*, run: Betaalrun, actor: User, reden: str) -> Betaalrun:
    """The second person sends the run back to concept, with a reason."""
    _require_role(actor, _run_gemeente_ids(run))
    if not reden.strip():
        raise DomainError(_("Geef aan waarom u de betaalrun terugstuurt."), field="reden")
    _claim(run, [RunStatus.TER_ACCORDERING], RunStatus.CONCEPT, fout=reden.strip(), ingediend_door=None)
    return run


@transaction.atomic
def betaalrun_goedkeuren(*, run: Betaalrun, actor: User) -> Betaalrun:
    """Four eyes: neither who started the run nor who submitted it may approve it."""
    _require_role(actor, _run_gemeente_ids(run))
    if actor.pk in (run.created_by_id, run.ingediend_door_id):
        raise DomainError(
            _("Vier ogen: wie de betaalrun maakte of indiende, kan hem niet zelf goedkeuren."), code="four_eyes"
        )
    today = timezone.localdate()
    uitvoerdatum = max(run.uitvoerdatum, today)
    _claim(
        run,
        [RunStatus.TER_ACCORDERING],
        RunStatus.GOEDGEKEURD,
        goedgekeurd_door=actor,
        goedgekeurd_op=timezone.now(),
        uitvoerdatum=uitvoerdatum,
        fout="",
    )
    _enqueue("betaalrun_bestanden_task", run)
    return run


@transaction.atomic
def betaalrun_annuleren(*, run: Betaalrun, actor: User) -> Betaalrun:
    """Cancel a run that has not been exported: its lines go, so the people can be paid in another run."""
    _require_role(actor, _run_gemeente_ids(run))
    _claim(
        run,
        CANCELLABLE_STATUSES,
        RunStatus.GEANNULEERD,
        geannuleerd_door=actor,
    )
    _remove_lines(run)
    return run


# --- the SEPA file -----------------------------------------------------------------------------


def _overboekingen(run: Betaalrun, gemeente_id: int) -> Iterator[sepa.Overboeking]:
    rows = (
        Betaalregel.objects.filter(betaalrun=run, gemeente_id=gemeente_id)
        .order_by("pk")
        .values_list("end_to_end_id", "bedrag", "crediteur", "iban", "bic", "kenmerk_soort", "kenmerk")
    )
    # All at once (one gemeente: ~100 MB for 250,000 lines): twice as fast as a server-side cursor.
    return map(sepa.Overboeking._make, list(rows))


@dataclass(frozen=True)
class _Bestand:
    gemeente: Gemeente
    versie: PainVersie
    msg_id: str
    aantal: int
    totaal: Decimal
    content: bytes


def _write(run: Betaalrun, gemeente: Gemeente, aantal: int, totaal: Decimal, created: datetime) -> _Bestand:
    versie = PainVersie(gemeente.pain_versie)
    msg_id = f"OI{run.pk}G{gemeente.code}T{created:%Y%m%d%H%M%S}"
    out = io.BytesIO()
    sepa.write_pain001(
        out,
        versie=versie,
        msg_id=msg_id,
        created_at=created,
        debiteur=sepa.Debiteur(naam=gemeente.naam, iban=gemeente.iban, bic=gemeente.bic),
        uitvoerdatum=run.uitvoerdatum,
        overboekingen=_overboekingen(run, gemeente.pk),
        nb_of_txs=aantal,
        ctrl_sum=totaal,
    )
    return _Bestand(gemeente, versie, msg_id, aantal, totaal, out.getvalue())


BESTAND_COLUMNS = (
    "betaalrun_id", "gemeente_id", "pain_versie", "msg_id", "aantal", "totaal", "content_gzip", "sha256", "created_at",
)  # fmt: skip


def betaalrun_bestanden_maken(run_id: int) -> None:
    """Write, validate and store one SEPA file per gemeente; nothing is stored unless every file is valid.

    While one file is being validated (libxml2 parses and checks the XSD without holding Python's
    lock), the next one is fetched and written: on two cores that takes a third off a large run.
    """
    run = Betaalrun.objects.get(pk=run_id)
    if run.status != RunStatus.GOEDGEKEURD or run.bestanden.exists():
        return
    created = timezone.localtime()
    per_gemeente = (
        Betaalregel.objects.filter(betaalrun=run)
        .values("gemeente_id")
        .annotate(aantal=Count("pk"), totaal=Sum("bedrag"))
        .order_by("gemeente_id")
    )
    gemeenten = {g.pk: g for g in run.gemeenten.all()}
    checked: list[tuple[_Bestand, Future[list[str]]]] = []
    problems: list[str] = []
    with ThreadPoolExecutor(max_workers=1) as validator:
        for row in per_gemeente:
            gemeente = gemeenten[row["gemeente_id"]]
            try:
                bestand = _write(run, gemeente, row["aantal"], Decimal(row["totaal"]).quantize(CENT), created)
            except sepa.SepaError as exc:
                problems = [f"{gemeente.naam}: {exc}"]
                break
            checked.append((bestand, validator.submit(sepa.validate_pain001, bestand.content, bestand.versie)))
        for bestand, future in checked:
            problems += [f"{bestand.gemeente.naam}: {problem}" for problem in future.result()]
    if problems:
        message = _("Het betaalbestand is ongeldig: %(problemen)s") % {"problemen": "; ".join(problems[:5])}
        Betaalrun.objects.filter(pk=run.pk).update(fout=message)
        logger.error("betaalrun %s: invalid SEPA file: %s", run.pk, problems[:20])
        return
    files = [
        (
            run.pk, b.gemeente.pk, b.versie.value, b.msg_id, b.aantal, b.totaal, gzip.compress(b.content, 1),
            hashlib.sha256(b.content).hexdigest(), created,
        )
        for b, _future in checked
    ]  # fmt: skip
    with transaction.atomic():
        # Lock the run: a second worker on the same run waits here, then finds the files stored.
        locked = Betaalrun.objects.select_for_update().filter(pk=run.pk, status=RunStatus.GOEDGEKEURD)
        if not locked.exists() or Betaalbestand.objects.filter(betaalrun=run).exists():
            return
        locked.update(fout="")
        # COPY, not an INSERT with the file as a parameter: Django binds parameters client-side,
        # which makes PostgreSQL parse a hex literal twice the size of the (compressed) file.
        RowWriter().write(Betaalbestand, BESTAND_COLUMNS, files)


@transaction.atomic
def betaalbestand_download(*, bestand: Betaalbestand, actor: User) -> Betaalbestand:
    """Hand out the stored file; the first download marks the run exported. Logged per person paid."""
    run = bestand.betaalrun
    _require_role(actor, [bestand.gemeente_id])
    if run.status not in (RunStatus.GOEDGEKEURD, RunStatus.GEEXPORTEERD, RunStatus.VERWERKT):
        raise DomainError(_("Dit betaalbestand is niet (meer) beschikbaar."), code="unavailable")
    Betaalrun.objects.filter(pk=run.pk, status=RunStatus.GOEDGEKEURD).update(
        status=RunStatus.GEEXPORTEERD, geexporteerd_door=actor, geexporteerd_op=timezone.now()
    )
    log_people_shown(run, actor, Action.EXPORT, "SEPA-betaalbestand", gemeente_id=bestand.gemeente_id)
    return bestand


# --- the bank's answer (camt.053 / camt.054) ---------------------------------------------------


@dataclass(frozen=True)
class Bijzonderheid:
    end_to_end_id: str
    melding: str


@transaction.atomic
def bankafschrift_import(*, actor: User, bestandsnaam: str, content: bytes) -> Bankafschrift:
    """Mark lines paid or rejected from a camt.053/.054 file; a rejection becomes a task with the bank's reason.

    Only lines of exported runs in the user's gemeenten are touched; anything else in the file is
    reported as unknown (never revealing whether it belongs to another gemeente). A file is read once.
    """
    if not actor.has_role(*BETAALRUN_ROLES):
        raise DomainError(_("Alleen een financieel medewerker kan bankafschriften inlezen."), code="forbidden")
    sha = hashlib.sha256(content).hexdigest()
    earlier = Bankafschrift.objects.filter(sha256=sha).first()
    if earlier:
        raise DomainError(
            _("Dit bestand is al ingelezen op %(datum)s.")
            % {"datum": date_format(timezone.localtime(earlier.created_at), "j F Y H:i")},
            field="bestand",
        )
    try:
        meldingen = camt.parse_camt(content)
    except camt.CamtError as exc:
        raise DomainError(str(exc), field="bestand") from exc
    regels = {
        r.end_to_end_id: r
        for r in Betaalregel.objects.select_for_update()
        .filter(
            end_to_end_id__in={m.end_to_end_id for m in meldingen},
            gemeente_id__in=actor.scope.gemeente_ids,
            betaalrun__status__in=(RunStatus.GEEXPORTEERD, RunStatus.VERWERKT),
        )
        .only("pk", "end_to_end_id", "bedrag", "status", "gemeente_id", "afrekening_id", "betaalrun_id")
    }
    bijzonderheden: list[Bijzonderheid] = []
    betaald: dict[date | None, list[int]] = defaultdict(list)
    geweigerd: list[tuple[Betaalregel, camt.BankMelding]] = []
    for melding in meldingen:
        regel = regels.get(melding.end_to_end_id)
        if regel is None:
            bijzonderheden.append(Bijzonderheid(melding.end_to_end_id, _("Onbekende betaling")))
        elif melding.bedrag != regel.bedrag:
            bijzonderheden.append(
                Bijzonderheid(
                    melding.end_to_end_id,
                    _("Bedrag wijkt af: bank %(bank)s, betaalrun %(run)s")
                    % {"bank": _euro(melding.bedrag), "run": _euro(regel.bedrag)},
                )
            )
        elif melding.uitkomst == camt.Uitkomst.GEWEIGERD:
            geweigerd.append((regel, melding))
        elif regel.status == RegelStatus.OPEN:
            betaald[melding.boekdatum].append(regel.pk)
    today = timezone.localdate()
    # A payment booked and returned in the same file counts as rejected only.
    returned = {regel.pk for regel, _melding in geweigerd}
    betaald = {day: [pk for pk in ids if pk not in returned] for day, ids in betaald.items()}
    for boekdatum, ids in betaald.items():
        Betaalregel.objects.filter(pk__in=ids, status=RegelStatus.OPEN).update(
            status=RegelStatus.BETAALD, verwerkt_op=boekdatum or today
        )
    # A return can follow a booking days later: a rejection overrides "paid".
    for regel, melding in geweigerd:
        Betaalregel.objects.filter(pk=regel.pk).update(
            status=RegelStatus.GEWEIGERD,
            reden_code=melding.reden_code[:10],
            reden_tekst=melding.reden_tekst[:300],
            verwerkt_op=melding.boekdatum or today,
        )
    dossier_ids = dict(
        Afrekening.objects.filter(pk__in={r.afrekening_id for r, _m in geweigerd}).values_list("pk", "dossier_id")
    )
    taken_raise(
        [
            NieuweTaak(
                gemeente_id=regel.gemeente_id,
                dossier_id=dossier_ids[regel.afrekening_id],
                soort=TaakSoort.BETALING_GEWEIGERD,
                rol=Role.FINANCIEEL_MEDEWERKER,
                titel=_("Betaling geweigerd door de bank: %(reden)s")
                % {"reden": melding.reden_tekst or melding.reden_code or _("geen reden opgegeven")},
                toelichting=_("Betaling %(id)s van %(bedrag)s. Redencode van de bank: %(code)s.")
                % {"id": regel.end_to_end_id, "bedrag": _euro(regel.bedrag), "code": melding.reden_code or "—"},
                sleutel=f"betaalregel:{regel.pk}:geweigerd",
            )
            for regel, melding in geweigerd
        ]
    )
    run_ids = {r.betaalrun_id for r in regels.values()}
    for run_id in run_ids:
        if not Betaalregel.objects.filter(betaalrun_id=run_id, status=RegelStatus.OPEN).exists():
            Betaalrun.objects.filter(pk=run_id, status=RunStatus.GEEXPORTEERD).update(status=RunStatus.VERWERKT)
    afschrift = Bankafschrift.objects.create(
        bestandsnaam=bestandsnaam[:200],
        sha256=sha,
        aantal_betaald=sum(len(ids) for ids in betaald.values()),
        aantal_geweigerd=len(geweigerd),
        aantal_onbekend=len(bijzonderheden),
        bijzonderheden=[{"endToEndId": b.end_to_end_id, "melding": b.melding} for b in bijzonderheden],
        created_by=actor,
    )
    logboek_record_many(
        actor=actor,
        action=Action.UPDATE,
        purpose=Purpose.ONTZORGEN,
        subject="bankafschrift",
        subjects=(
            Subject(inburgeraar_id, dossier_id)
            for dossier_id, inburgeraar_id in Afrekening.objects.filter(
                pk__in={r.afrekening_id for r in regels.values()}
            ).values_list("dossier_id", "dossier__inburgeraar_id")
        ),
    )
    return afschrift


@transaction.atomic
def betaalregel_opnieuw_betalen(*, regel: Betaalregel, actor: User) -> Betaalregel:
    """Release a line the bank rejected: the first run of its gemeente built after this pays it again (its
    own line and EndToEndId, the same month and amount, to the account as recorded then; correct the
    account first if it was wrong). Once per rejected line."""
    _require_role(actor, [regel.gemeente_id])
    released = Betaalregel.objects.filter(
        pk=regel.pk, status=RegelStatus.GEWEIGERD, opnieuw_betalen_op__isnull=True
    ).update(opnieuw_betalen_door=actor, opnieuw_betalen_op=timezone.now())
    if released != 1:
        raise DomainError(
            _("Alleen een betaling die de bank heeft geweigerd, kan (één keer) opnieuw worden betaald."),
            code="niet_geweigerd",
        )
    regel.refresh_from_db()
    afrekening = Afrekening.objects.select_related("dossier").get(pk=regel.afrekening_id)
    dossier_change_record(
        dossier=afrekening.dossier,
        actor=actor,
        action="ontzorgen_opnieuw_betalen",
        summary=_(
            "Geweigerde betaling %(id)s van %(bedrag)s (%(maand)s) wordt opnieuw betaald in de volgende betaalrun"
        )
        % {"id": regel.end_to_end_id, "bedrag": _euro(regel.bedrag), "maand": date_format(regel.maand, "F Y")},
        subject="ontzorgen",
    )
    return regel
