"""A betaalrun's lifecycle: what a user does to it (start, resume, recompute, four eyes, cancel) and asks of it."""

from collections.abc import Sequence
from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from openinburgering.accounts.models import User
from openinburgering.core.exceptions import DomainError
from openinburgering.gemeenten.models import Gemeente
from openinburgering.rules.kalender import month_add, month_of

from ..constants import RunStatus
from ..models import Afrekening, Betaalbestand, Betaalregel, Betaalrun
from ._common import _claim, _enqueue, _require_role, _run_gemeente_ids
from .build import BOUW_LEASE

# Runs that are still being prepared: at most one of these per gemeente and month.
OPEN_RUN_STATUSES = (RunStatus.AANMAKEN, RunStatus.CONCEPT, RunStatus.TER_ACCORDERING)
# A run can be cancelled until its file has been downloaded.
CANCELLABLE_STATUSES = (RunStatus.AANMAKEN, RunStatus.CONCEPT, RunStatus.TER_ACCORDERING, RunStatus.GOEDGEKEURD)
# A betaalrun for a month can be prepared from this many months before it (rent is paid in advance).
MAANDEN_VOORUIT = 2


def next_weekday(day: date) -> date:
    """A bank moves an execution date on a TARGET2 closing day itself; we only avoid weekends."""
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return day


# From approval on, what is in the run is what will be paid: then the letters can go out.
MAANDOVERZICHT_STATUSES = (RunStatus.GOEDGEKEURD, RunStatus.GEEXPORTEERD, RunStatus.VERWERKT)


@transaction.atomic
def betaalrun_maandoverzichten_request(*, run: Betaalrun, actor: User) -> Betaalrun:
    """Have the monthly overview letter made for everyone in the run, in the background."""
    _require_role(actor, _run_gemeente_ids(run))
    if run.status not in MAANDOVERZICHT_STATUSES:
        raise DomainError(_("Maandoverzichten kunnen pas na de goedkeuring worden gemaakt."), code="too_early")
    _enqueue("maandoverzichten_task", run, actor.pk)
    return run


@transaction.atomic
def betaalrun_rapport_request(*, run: Betaalrun, actor: User) -> Betaalrun:
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
    _enqueue("betaalrun_build_task", run)
    return run


@transaction.atomic
def betaalrun_resume(*, run: Betaalrun, actor: User) -> Betaalrun:
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
    _enqueue("betaalrun_build_task", run)
    return run


def _lease_live(run: Betaalrun) -> bool:
    return bool(run.bouwer) and run.bouw_teken_op is not None and run.bouw_teken_op > timezone.now() - BOUW_LEASE


@transaction.atomic
def betaalrun_recompute(*, run: Betaalrun, actor: User) -> Betaalrun:
    """Throw away a concept's settlements and build it again (after benefits or fixed costs were corrected)."""
    _require_role(actor, _run_gemeente_ids(run))
    _claim(run, [RunStatus.CONCEPT], RunStatus.AANMAKEN, voortgang_klaar=0, voortgang_totaal=0, bouwer="")
    _remove_lines(run)
    _enqueue("betaalrun_build_task", run)
    return run


def _remove_lines(run: Betaalrun) -> None:
    Betaalregel.objects.filter(betaalrun=run).delete()
    Afrekening.objects.filter(betaalrun=run).delete()
    Betaalbestand.objects.filter(betaalrun=run).delete()


# --- four eyes ---------------------------------------------------------------------------------


@transaction.atomic
def betaalrun_submit(*, run: Betaalrun, actor: User) -> Betaalrun:
    _require_role(actor, _run_gemeente_ids(run))
    if not run.aantal_regels:
        raise DomainError(_("Deze betaalrun heeft geen betalingen; er is niets te accorderen."), code="empty")
    _claim(run, [RunStatus.CONCEPT], RunStatus.TER_ACCORDERING, ingediend_door=actor, ingediend_op=timezone.now())
    return run


@transaction.atomic
def betaalrun_reject(*, run: Betaalrun, actor: User, reden: str) -> Betaalrun:
    """The second person sends the run back to concept, with a reason."""
    _require_role(actor, _run_gemeente_ids(run))
    if not reden.strip():
        raise DomainError(_("Geef aan waarom u de betaalrun terugstuurt."), field="reden")
    _claim(run, [RunStatus.TER_ACCORDERING], RunStatus.CONCEPT, fout=reden.strip(), ingediend_door=None)
    return run


@transaction.atomic
def betaalrun_approve(*, run: Betaalrun, actor: User) -> Betaalrun:
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
def betaalrun_cancel(*, run: Betaalrun, actor: User) -> Betaalrun:
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
