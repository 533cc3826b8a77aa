"""The net bijstand per person per month (Pw 56a): what the betaalrun withholds the fixed costs from.

Three ways in, one set of rules: entered or corrected by hand (`uitkering_set`), a file of many
(`uitkeringen_import`) or the bijstand administration's API (`uitkeringen_register`). Each is one
transaction: one bad row and nothing is stored. A benefit belongs to an open dossier in the actor's
scope; a BSN without one is "unknown", whether or not it exists elsewhere. A month already settled
in a live betaalrun cannot be changed: the payments were made (or are about to be) with that amount.

A correction writes old → new to the dossier's timeline and the processing log; a new benefit only to
the processing log (a monthly file would otherwise add a timeline line to every dossier each month).
"""

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import TypeVar

from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from openinburgering.accounts.models import User
from openinburgering.core.bulk import RowWriter
from openinburgering.core.exceptions import DomainError, StaleTransition
from openinburgering.core.timeline import euro_label, month_label
from openinburgering.dossiers.models import Dossier
from openinburgering.dossiers.services import dossier_change_record
from openinburgering.logboek.constants import Action, Purpose
from openinburgering.logboek.services import Subject, logboek_record, logboek_record_many
from openinburgering.ontzorgen.betaalstand import betaalstand
from openinburgering.ontzorgen.constants import ONTZORGEN_EDIT_ROLES
from openinburgering.ontzorgen.exceptions import raise_if_any

from .constants import Resultaat, UitkeringBron
from .csv_import import BEDRAG_MAX, RowProblem, UitkeringRij, bedrag_nl, bsn_problem, maand_problem
from .exceptions import UitkeringenRefused, unknown_bsn_message
from .models import Uitkering, UitkeringImport
from .selectors import uitkering_for

# Up to this many keys are looked up with one IN (…) list; a larger file reads the open dossiers in the
# actor's scope, and the benefits and settlements of its months, once, and matches them in Python:
# thousands of IN parameters cost more to build and plan than reading the rows (and both SQLite and
# PostgreSQL cap the number of parameters of one statement).
SCAN_FROM = 5_000
# Rows per INSERT … ON CONFLICT statement for corrections (Django lowers it further where SQLite needs it).
WRITE_BATCH = 2_000
UITKERING_COLUMNS = (
    "dossier_id", "maand", "bedrag", "bron", "uitkering_import_id", "created_by_id", "created_at", "updated_at"
)  # fmt: skip

T = TypeVar("T")


@dataclass(frozen=True)
class UitkeringenResult:
    """What a file or an API request did, row by row (by line number, or by index in the request)."""

    uitkering_import: UitkeringImport | None
    resultaten: dict[int, Resultaat]

    @property
    def aantal(self) -> int:
        return len(self.resultaten)

    def _count(self, resultaat: Resultaat) -> int:
        return sum(1 for value in self.resultaten.values() if value == resultaat)

    @property
    def nieuw(self) -> int:
        return self._count(Resultaat.NIEUW)

    @property
    def gewijzigd(self) -> int:
        return self._count(Resultaat.GEWIJZIGD)

    @property
    def ongewijzigd(self) -> int:
        return self._count(Resultaat.ONGEWIJZIGD)


# --- rules shared by the three ways in -------------------------------------------------------------


def _chunks(items: Sequence[T], size: int = SCAN_FROM) -> Iterator[Sequence[T]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _check_actor(actor: User) -> None:
    if not actor.has_role(*ONTZORGEN_EDIT_ROLES):
        raise DomainError(_("U mag geen uitkeringen vastleggen."), code="forbidden")


def _bedrag_problem(bedrag: Decimal) -> str | None:
    if not bedrag.is_finite() or bedrag <= 0:
        return _("Het bedrag moet groter zijn dan nul.")
    if bedrag != bedrag.quantize(Decimal("0.01")):
        return _("Een bedrag heeft ten hoogste twee cijfers achter de komma.")
    if bedrag > BEDRAG_MAX:
        return _("Het bedrag is te groot: ten hoogste %(max)s.") % {"max": bedrag_nl(BEDRAG_MAX)}
    return None


def _settled(pairs: Iterable[tuple[int, date]]) -> dict[tuple[int, date], str]:
    """Which (dossier, month) pairs are settled in a live betaalrun, with the label of that run's status."""
    return betaalstand().settled_run_statuses(pairs=pairs, scan_from=SCAN_FROM)


def _settled_message(maand: date, run_status: str) -> str:
    """``run_status``: the label of the run's status."""
    return _(
        "De uitkering van %(maand)s is al afgerekend in een betaalrun (status: %(status)s) en kan niet meer "
        "worden gewijzigd. Annuleer eerst die betaalrun, of verwerk het verschil in een volgende maand."
    ) % {"maand": month_label(maand), "status": run_status}


def _record_correction(*, dossier: Dossier, actor: User, maand: date, old: Decimal, new: Decimal) -> None:
    dossier_change_record(
        dossier=dossier,
        actor=actor,
        action="uitkering_gecorrigeerd",
        summary=_("Netto uitkering van %(maand)s gecorrigeerd") % {"maand": month_label(maand)},
        changes=[
            {
                "field": "uitkering",
                "label": _("Netto uitkering %(maand)s") % {"maand": month_label(maand)},
                "old": euro_label(old),
                "new": euro_label(new),
            }
        ],
        subject="uitkering",
    )


# --- one benefit -----------------------------------------------------------------------------------


@transaction.atomic
def uitkering_set(
    *,
    dossier: Dossier,
    maand: date,
    bedrag: Decimal,
    actor: User,
    bron: UitkeringBron = UitkeringBron.HANDMATIG,
) -> Uitkering:
    """Record the net benefit of one person for one month, or correct it.

    The same amount again changes nothing. A correction of a month that a live betaalrun has settled
    is refused. A correction is claimed with a conditional UPDATE on the amount it replaces, so of two
    simultaneous corrections one wins and the other is told to reload.
    """
    _check_actor(actor)
    if actor.scope.is_aanbieder or not actor.scope.covers_gemeente(dossier.gemeente_id):
        raise DomainError(unknown_bsn_message(), field="bsn", code="unknown_bsn")
    if not dossier.is_open:
        raise DomainError(
            _("Dit dossier is gesloten: er worden geen uitkeringen meer voor vastgelegd."), field="bsn", code="closed"
        )
    errors = []
    if problem := maand_problem(maand, today=timezone.localdate()):
        errors.append(DomainError(problem, field="maand"))
    if problem := _bedrag_problem(bedrag):
        errors.append(DomainError(problem, field="bedrag"))
    raise_if_any(errors)

    existing = uitkering_for(dossier=dossier, maand=maand)
    if existing is not None and existing.bedrag == bedrag:
        return existing
    if settled := _settled([(dossier.pk, maand)]):
        raise DomainError(_settled_message(maand, settled[(dossier.pk, maand)]), field="maand", code="settled")

    if existing is None:
        try:
            with transaction.atomic():
                uitkering = Uitkering.objects.create(
                    dossier=dossier, maand=maand, bedrag=bedrag, bron=bron, created_by=actor
                )
        except IntegrityError:
            raise StaleTransition(
                _("Intussen heeft iemand anders een uitkering voor deze maand vastgelegd. Laad de pagina opnieuw.")
            ) from None
        logboek_record(
            actor=actor,
            action=Action.CREATE,
            purpose=Purpose.ONTZORGEN,
            subject="uitkering",
            inburgeraar_id=dossier.inburgeraar_id,
            dossier_id=dossier.pk,
        )
        return uitkering

    claimed = Uitkering.objects.filter(pk=existing.pk, bedrag=existing.bedrag).update(
        bedrag=bedrag, bron=bron, uitkering_import=None, updated_at=timezone.now()
    )
    if claimed != 1:
        raise StaleTransition(_("Intussen heeft iemand anders deze uitkering gewijzigd. Laad de pagina opnieuw."))
    _record_correction(dossier=dossier, actor=actor, maand=maand, old=existing.bedrag, new=bedrag)
    existing.refresh_from_db()
    return existing


# --- many benefits: a file, or a list posted to the API --------------------------------------------


def _regel(n: int) -> str:
    return _("regel %(n)s") % {"n": n}


def _item(n: int) -> str:
    return _("item %(n)s") % {"n": n}


def _open_dossiers_by_bsn(actor: User, bsns: set[str]) -> dict[str, tuple[int, int]]:
    """BSN → (dossier id, inburgeraar id) of the open dossier in the actor's scope (one per person)."""
    base = Dossier.objects.in_scope(actor.scope).open()
    if len(bsns) < SCAN_FROM:
        base = base.filter(inburgeraar__bsn__in=sorted(bsns))
    rows = base.values_list("inburgeraar__bsn", "pk", "inburgeraar_id").iterator(chunk_size=10_000)
    return {bsn: (pk, inburgeraar_id) for bsn, pk, inburgeraar_id in rows if bsn in bsns}


def _existing(pairs: Iterable[tuple[int, date]]) -> dict[tuple[int, date], tuple[int, Decimal]]:
    """(dossier, month) → (pk, amount) of the benefits already stored for these pairs.

    For many dossiers, every benefit of those months is read (the (maand, dossier) index) and matched
    here: a plan that does not depend on the database's statistics of a table that just grew.
    """
    wanted = set(pairs)
    if not wanted:
        return {}
    rows = Uitkering.objects.filter(maand__in=sorted({pair[1] for pair in wanted}))
    dossier_ids = {pair[0] for pair in wanted}
    if len(dossier_ids) < SCAN_FROM:
        rows = rows.filter(dossier_id__in=sorted(dossier_ids))
    found = rows.values_list("dossier_id", "maand", "pk", "bedrag").iterator(chunk_size=10_000)
    return {(d, m): (pk, bedrag) for d, m, pk, bedrag in found if (d, m) in wanted}


def _store(
    *,
    rows: Sequence[UitkeringRij],
    actor: User,
    bron: UitkeringBron,
    plaats: Callable[[int], str],
    uitkering_import: Callable[[], UitkeringImport] | None = None,
) -> UitkeringenResult:
    """Check every row, then write all of them (or raise UitkeringenRefused and write none)."""
    _check_actor(actor)
    today = timezone.localdate()
    problems: list[RowProblem] = []
    first: dict[tuple[str, date], int] = {}
    malformed: set[str] = set()
    for row in rows:
        if problem := bsn_problem(row.bsn):
            problems.append(RowProblem(row.line, "bsn", problem))
            malformed.add(row.bsn)
        if problem := maand_problem(row.maand, today=today):
            problems.append(RowProblem(row.line, "maand", problem))
        if problem := _bedrag_problem(row.bedrag):
            problems.append(RowProblem(row.line, "bedrag", problem))
        key = (row.bsn, row.maand)
        if key in first:
            problems.append(
                RowProblem(
                    row.line,
                    "regel",
                    _("Dubbel: BSN %(bsn)s staat voor %(maand)s al op %(plaats)s.")
                    % {"bsn": row.bsn, "maand": f"{row.maand:%Y-%m}", "plaats": plaats(first[key])},
                    code="duplicate_row",
                )
            )
        else:
            first[key] = row.line

    dossiers = _open_dossiers_by_bsn(actor, {row.bsn for row in rows})
    known = [row for row in rows if row.bsn in dossiers]
    problems.extend(
        RowProblem(row.line, "bsn", unknown_bsn_message(), code="unknown_bsn")
        for row in rows
        if row.bsn not in dossiers and row.bsn not in malformed
    )

    existing = _existing((dossiers[row.bsn][0], row.maand) for row in known)
    resultaten: dict[int, Resultaat] = {}
    changing: list[UitkeringRij] = []
    for row in known:
        stored = existing.get((dossiers[row.bsn][0], row.maand))
        if stored is None:
            resultaten[row.line] = Resultaat.NIEUW
        elif stored[1] != row.bedrag:
            resultaten[row.line] = Resultaat.GEWIJZIGD
        else:
            resultaten[row.line] = Resultaat.ONGEWIJZIGD
            continue
        changing.append(row)
    settled = _settled((dossiers[row.bsn][0], row.maand) for row in changing)
    for row in changing:
        if (status := settled.get((dossiers[row.bsn][0], row.maand))) is not None:
            problems.append(RowProblem(row.line, "maand", _settled_message(row.maand, status), code="settled"))
    if problems:
        raise UitkeringenRefused(sorted(problems, key=lambda p: p.line))

    imported = uitkering_import() if uitkering_import is not None else None
    now = timezone.now()
    bron_value = UitkeringBron(bron).value  # the plain string: COPY does not know Django's choices
    new_rows = [
        (dossiers[row.bsn][0], row.maand, row.bedrag, bron_value, imported.pk if imported else None, actor.pk, now, now)
        for row in changing
        if resultaten[row.line] == Resultaat.NIEUW
    ]
    try:
        # COPY on PostgreSQL; a benefit stored by someone else since the read above breaks the unique
        # constraint (uitkering_one_per_month), and the whole import is refused rather than overwrite it.
        with connection.wrap_database_errors:
            RowWriter().write(Uitkering, UITKERING_COLUMNS, new_rows)
    except IntegrityError:
        raise StaleTransition(
            _("Intussen zijn er uitkeringen voor dezelfde personen en maanden vastgelegd. Probeer het opnieuw.")
        ) from None
    Uitkering.objects.bulk_create(
        [
            Uitkering(
                dossier_id=dossiers[row.bsn][0],
                maand=row.maand,
                bedrag=row.bedrag,
                bron=bron,
                uitkering_import=imported,
                created_by=actor,
            )
            for row in changing
            if resultaten[row.line] == Resultaat.GEWIJZIGD
        ],
        batch_size=WRITE_BATCH,
        update_conflicts=True,
        unique_fields=["dossier", "maand"],
        update_fields=["bedrag", "bron", "uitkering_import", "updated_at"],
    )
    logboek_record_many(
        actor=actor,
        action=Action.CREATE,
        purpose=Purpose.ONTZORGEN,
        subject="uitkering",
        subjects=[
            Subject(inburgeraar_id=dossiers[row.bsn][1], dossier_id=dossiers[row.bsn][0])
            for row in changing
            if resultaten[row.line] == Resultaat.NIEUW
        ],
    )
    corrected = [row for row in changing if resultaten[row.line] == Resultaat.GEWIJZIGD]
    if corrected:
        ids = [dossiers[row.bsn][0] for row in corrected]
        by_id: dict[int, Dossier] = {}
        for chunk in _chunks(ids):
            # Only what the timeline line and the log row need of each dossier.
            by_id.update((d.pk, d) for d in Dossier.objects.filter(pk__in=chunk).only("pk", "inburgeraar_id"))
        for row in corrected:
            dossier_id = dossiers[row.bsn][0]
            _record_correction(
                dossier=by_id[dossier_id],
                actor=actor,
                maand=row.maand,
                old=existing[(dossier_id, row.maand)][1],
                new=row.bedrag,
            )
    return UitkeringenResult(uitkering_import=imported, resultaten=resultaten)


@transaction.atomic
def uitkeringen_import(
    *, rows: Sequence[UitkeringRij], bestandsnaam: str, content_sha256: str, actor: User
) -> UitkeringenResult:
    """Import a parsed file (csv_import.parse_uitkeringen_csv) whole, or nothing of it.

    The same content twice is refused (by its SHA-256): a file that was read is never read again,
    so a double submit or a mix-up of files cannot correct amounts back.
    """
    _check_actor(actor)
    earlier = UitkeringImport.objects.filter(sha256=content_sha256).order_by("created_at").first()
    if earlier is not None:
        raise DomainError(
            _(
                "Dit bestand is al ingelezen op %(datum)s (‘%(naam)s’). Een bestand wordt maar één keer "
                "ingelezen; zet correcties in een nieuw bestand."
            )
            % {
                "datum": date_format(timezone.localtime(earlier.created_at), "j F Y H:i"),
                "naam": earlier.bestandsnaam,
            },
            field="bestand",
            code="duplicate_file",
        )
    if not rows:
        raise DomainError(_("Het bestand bevat geen uitkeringen."), field="bestand")

    def create_import() -> UitkeringImport:
        try:
            with transaction.atomic():
                return UitkeringImport.objects.create(
                    bestandsnaam=bestandsnaam[:200], sha256=content_sha256, aantal=len(rows), created_by=actor
                )
        except IntegrityError as exc:  # the same file, imported by someone else at this very moment
            raise DomainError(
                _("Dit bestand wordt op dit moment al ingelezen."), field="bestand", code="duplicate_file"
            ) from exc

    return _store(rows=rows, actor=actor, bron=UitkeringBron.IMPORT, plaats=_regel, uitkering_import=create_import)


@transaction.atomic
def uitkeringen_register(*, rows: Sequence[UitkeringRij], actor: User) -> UitkeringenResult:
    """Record benefits posted by the bijstand administration (`line` is each item's index).

    Idempotent by nature: posting the same amounts again changes nothing and reports 'ongewijzigd'.
    """
    return _store(rows=rows, actor=actor, bron=UitkeringBron.API, plaats=_item)
