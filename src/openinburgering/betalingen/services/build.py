"""Building a betaalrun in the background: one build at a time (a claim renewed after every batch, taken
over when its worker died), the people settled batch by batch, then the run made a concept."""

import logging
import uuid
from datetime import timedelta
from decimal import Decimal
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Count, Q, Sum
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from openinburgering.accounts.constants import Role
from openinburgering.ontzorgen.models import VasteLastVersie
from openinburgering.taken.constants import TaakSoort
from openinburgering.taken.services import NieuweTaak, taken_raise

from ..constants import AfrekeningStatus, RegelSoort, RegelStatus, RunStatus, Uitsluitingsreden
from ..models import Afrekening, Betaalregel, Betaalrun
from . import afrekeningen
from ._common import CENT, _euro, _run_gemeente_ids
from .afrekeningen import herbetaling_end_to_end_id, settlement_candidates

logger = logging.getLogger(__name__)

BATCH_SIZE = 10_000
# A build renews its claim on the run after every batch (a batch of BATCH_SIZE people takes seconds);
# a claim not renewed for this long belongs to a worker that died, and another build may take over.
BOUW_LEASE = timedelta(minutes=5)


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


def betaalrun_build(run_id: int, *, batch_size: int = BATCH_SIZE) -> None:
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
        remaining = list(settlement_candidates(run).values_list("pk", flat=True))
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
                settled = afrekeningen.settle_batch(run, batch[0], batch[-1])
        except IntegrityError:
            # Someone settled one of these people in another run at the same moment: the database
            # refused the double. Settle the rest of the batch again, without them.
            with transaction.atomic():
                settled = afrekeningen.settle_batch(run, batch[0], batch[-1])
        _build_renew(run.pk, token, voortgang_klaar=done + start + len(batch))
        logger.info("betaalrun %s: %s of %s settled", run.pk, done + start + settled, done + len(remaining))


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
