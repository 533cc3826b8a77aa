"""Recomputing a dossier's deadlines when its facts change; called inside the transaction of the change."""

from collections.abc import Iterable
from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone

from openinburgering.dossiers.models import Dossier
from openinburgering.rules.dossiertermijnen import Deadline, DossierFacts, dossier_deadlines, next_deadline
from openinburgering.rules.enums import Doelgroep

from .models import Termijn
from .selectors import feestdagen

# Deadlines are computed over this many years after the kennisgeving (the inburgeringstermijn is
# three years, plus the Atw's run-on into the next year).
HORIZON_YEARS = 5


def dossier_facts(*, dossier: Dossier) -> DossierFacts:
    """Everything the deadline engine needs to know about one dossier, from the apps that own it."""
    from openinburgering.intake.selectors import oproep_facts_for
    from openinburgering.pip.selectors import pip_termijn_facts

    pip = pip_termijn_facts(dossier=dossier)
    return DossierFacts(
        doelgroep=Doelgroep(dossier.doelgroep),
        is_open=dossier.is_open,
        kennisgeving=dossier.datum_kennisgeving,
        brp_inschrijving=dossier.datum_brp_inschrijving,
        information_requested=pip.information_requested,
        information_received=pip.information_received,
        oproepen=oproep_facts_for(dossier=dossier),
        eerste_pip_dagtekening=pip.eerste_pip_dagtekening,
        laatste_pip_bekendmaking=pip.laatste_pip_bekendmaking,
        duo_termijn_start=dossier.duo_termijn_start,
        duo_termijn_einde=dossier.duo_termijn_einde,
    )


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
def termijnen_recompute(*, dossier: Dossier, today: date | None = None) -> list[Termijn]:
    """Recompute and store every deadline of `dossier`, and its next actionable one for the werkvoorraad."""
    today = today or timezone.localdate()
    deadlines = deadlines_for(facts=dossier_facts(dossier=dossier), today=today)
    Termijn.objects.filter(dossier=dossier).delete()
    rows = Termijn.objects.bulk_create([_row(dossier.pk, deadline, today) for deadline in deadlines])
    upcoming = next_deadline(deadlines)
    dossier.termijn_datum = upcoming.due if upcoming else None
    dossier.termijn_soort = upcoming.kind.value if upcoming else ""
    Dossier.objects.filter(pk=dossier.pk).update(
        termijn_datum=dossier.termijn_datum, termijn_soort=dossier.termijn_soort
    )
    return rows


def termijnen_recompute_all(*, dossiers: Iterable[Dossier], today: date | None = None) -> int:
    """Recompute many dossiers (after a rule or a gelijkgestelde dag changed), one transaction each."""
    count = 0
    for dossier in dossiers:
        termijnen_recompute(dossier=dossier, today=today)
        count += 1
    return count
