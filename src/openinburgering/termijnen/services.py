"""Recomputing a dossier's deadlines when its facts change; called inside the transaction of the change.

The facts come from the apps that own them, through providers.py (this app imports no chain app).
"""

from collections.abc import Iterable
from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone

from openinburgering.rules.dossiertermijnen import Deadline, DossierFacts, dossier_deadlines, next_deadline

from .models import Termijn
from .providers import DeadlineDossier, dossier_facts, dossier_owner
from .selectors import feestdagen

# Deadlines are computed over this many years after the kennisgeving (the inburgeringstermijn is
# three years, plus the Atw's run-on into the next year).
HORIZON_YEARS = 5


def termijn_values(deadline: Deadline, *, today: date) -> dict[str, Any]:
    """The field values of the Termijn row that stores `deadline` (also used by the demo loader)."""
    return {
        "soort": deadline.kind.value,
        "uiterste_datum": deadline.due,
        "status": deadline.status.value,
        "actie_nodig": deadline.actionable,
        "gehaald_op": deadline.met_on,
        "te_laat": deadline.late,
        "grondslag": deadline.basis.source,
        "grondslag_url": deadline.basis.source_url,
        "grondslag_geverifieerd": deadline.basis.verified,
        "details": {
            key: value.isoformat() if isinstance(value, date) else value for key, value in deadline.params.items()
        },
        "computed_on": today,
    }


def _row(dossier_id: int, deadline: Deadline, today: date) -> Termijn:
    return Termijn(dossier_id=dossier_id, **termijn_values(deadline, today=today))


def deadlines_for(*, facts: DossierFacts, today: date) -> list[Deadline]:
    first = facts.kennisgeving or today
    return dossier_deadlines(facts, today=today, feestdagen=feestdagen(first.year, first.year + HORIZON_YEARS))


@transaction.atomic
def termijnen_recompute(*, dossier: DeadlineDossier, today: date | None = None) -> list[Termijn]:
    """Recompute and store every deadline of `dossier`, and its next actionable one for the werkvoorraad."""
    today = today or timezone.localdate()
    deadlines = deadlines_for(facts=dossier_facts(dossier=dossier), today=today)
    Termijn.objects.filter(dossier_id=dossier.pk).delete()
    rows = Termijn.objects.bulk_create([_row(dossier.pk, deadline, today) for deadline in deadlines])
    upcoming = next_deadline(deadlines)
    dossier_owner().store_next_deadline(
        dossier, upcoming.due if upcoming else None, upcoming.kind.value if upcoming else ""
    )
    return rows


def termijnen_recompute_all(*, dossiers: Iterable[DeadlineDossier] | None = None, today: date | None = None) -> int:
    """Recompute many dossiers, every open one by default (after a rule or a gelijkgestelde dag changed),
    one transaction each."""
    count = 0
    for dossier in dossier_owner().open_dossiers() if dossiers is None else dossiers:
        termijnen_recompute(dossier=dossier, today=today)
        count += 1
    return count
