"""The deadline engine: every current term of one dossier, from its facts, with its legal basis and status.

Pure: the caller gathers the facts (termijnen.services) and stores the result. A deadline is
*actionable* when the gemeente must act before it (set the PIP, record the summons); the others
inform (the bezwaar term runs, the route-change window closes) and are never "overdue".
"""

from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum
from typing import Any

from .base import Rule
from .enums import Doelgroep
from .intake import OproepUitkomst
from .termijnen import (
    BEZWAARTERMIJN,
    INBURGERINGSTERMIJN,
    OPROEP_TERMIJN,
    PIP_NA_INFORMATIE_DERDEN,
    PIP_TERMIJN,
    ROUTEWIJZIGING_TERMIJN,
    Inburgeringstermijn,
    bezwaartermijn_end,
    inburgeringstermijn,
    pip_deadline,
    pip_termijn_start,
)


class DeadlineKind(StrEnum):
    OPROEP_BREDE_INTAKE = "oproep_brede_intake"
    PIP_VASTSTELLEN = "pip_vaststellen"
    BEZWAAR_PIP = "bezwaar_pip"
    ROUTEWIJZIGING = "routewijziging"
    INBURGERINGSTERMIJN = "inburgeringstermijn"


class DeadlineStatus(StrEnum):
    OPEN = "open"
    MET = "gehaald"
    OVERDUE = "verlopen"
    SUSPENDED = "opgeschort"  # the clock stands still (Bi 5.3(2): awaiting a third party)
    LAPSED = "verstreken"  # an informative term has ended


@dataclass(frozen=True)
class OproepFacts:
    volgnummer: int
    verzonden_op: date
    uiterste_datum: date  # the appointment, or the end of the term the college set
    uitkomst: OproepUitkomst | None = None
    uitkomst_op: date | None = None


@dataclass(frozen=True)
class DossierFacts:
    doelgroep: Doelgroep
    is_open: bool = True
    kennisgeving: date | None = None
    brp_inschrijving: date | None = None
    information_requested: date | None = None
    information_received: date | None = None
    oproepen: tuple[OproepFacts, ...] = ()
    # The first vastgesteld PIP fixes the inburgeringstermijn (Wi 11(3)); the latest one runs the bezwaar term.
    eerste_pip_dagtekening: date | None = None
    laatste_pip_bekendmaking: date | None = None
    # The inburgeringstermijn as DUO holds it (start inclusive, einddatum exclusive, as DUO's API gives
    # them): the legal term, with DUO's extensions. Without it the term is computed from the first PIP.
    duo_termijn_start: date | None = None
    duo_termijn_einde: date | None = None


@dataclass(frozen=True)
class Deadline:
    kind: DeadlineKind
    due: date | None
    status: DeadlineStatus
    basis: Rule[Any]
    actionable: bool
    met_on: date | None = None
    late: bool = False  # met, but after the due date
    params: dict[str, object] = field(default_factory=dict)


def _status(*, due: date | None, met_on: date | None, today: date, actionable: bool) -> DeadlineStatus:
    if met_on is not None:
        return DeadlineStatus.MET
    if due is None:
        return DeadlineStatus.SUSPENDED
    if today > due:
        return DeadlineStatus.OVERDUE if actionable else DeadlineStatus.LAPSED
    return DeadlineStatus.OPEN


def _pip(facts: DossierFacts, *, today: date, feestdagen: frozenset[date]) -> Deadline | None:
    start = pip_termijn_start(
        kennisgeving=facts.kennisgeving,
        brp_inschrijving=facts.brp_inschrijving,
        awaiting_registration=facts.doelgroep == Doelgroep.ASIELSTATUSHOUDER,
    )
    if start is None or (not facts.is_open and facts.eerste_pip_dagtekening is None):
        return None
    clock = pip_deadline(
        start=start,
        information_requested=facts.information_requested,
        information_received=facts.information_received,
        feestdagen=feestdagen,
    )
    met_on = facts.eerste_pip_dagtekening
    return Deadline(
        kind=DeadlineKind.PIP_VASTSTELLEN,
        due=clock.end,
        status=_status(due=clock.end, met_on=met_on, today=today, actionable=True),
        basis=PIP_NA_INFORMATIE_DERDEN if clock.extended else PIP_TERMIJN,
        actionable=True,
        met_on=met_on,
        late=bool(met_on and clock.end and met_on > clock.end),
        params={"start": start, "regular_end": clock.regular_end},
    )


def _oproep(facts: DossierFacts, *, today: date) -> Deadline | None:
    if not facts.oproepen:
        return None
    latest = max(facts.oproepen, key=lambda oproep: oproep.volgnummer)
    if latest.uitkomst is None and not facts.is_open:
        return None
    return Deadline(
        kind=DeadlineKind.OPROEP_BREDE_INTAKE,
        due=latest.uiterste_datum,
        status=_status(due=latest.uiterste_datum, met_on=latest.uitkomst_op, today=today, actionable=True),
        basis=OPROEP_TERMIJN,
        actionable=True,
        met_on=latest.uitkomst_op,
        params={"volgnummer": latest.volgnummer, "uitkomst": latest.uitkomst or ""},
    )


def dossier_deadlines(facts: DossierFacts, *, today: date, feestdagen: frozenset[date]) -> list[Deadline]:
    """Every current deadline of the dossier, ordered by due date (suspended ones last)."""
    found = [d for d in (_oproep(facts, today=today), _pip(facts, today=today, feestdagen=feestdagen)) if d]
    if facts.laatste_pip_bekendmaking is not None:
        due = bezwaartermijn_end(facts.laatste_pip_bekendmaking, feestdagen=feestdagen)
        found.append(
            Deadline(
                kind=DeadlineKind.BEZWAAR_PIP,
                due=due,
                status=_status(due=due, met_on=None, today=today, actionable=False),
                basis=BEZWAARTERMIJN,
                actionable=False,
                params={"bekendmaking": facts.laatste_pip_bekendmaking},
            )
        )
    termijn = _termijn(facts)
    if termijn is not None:
        for kind, due, basis in (
            (DeadlineKind.ROUTEWIJZIGING, termijn.route_change_last_day(), ROUTEWIJZIGING_TERMIJN),
            (DeadlineKind.INBURGERINGSTERMIJN, termijn.last_day, INBURGERINGSTERMIJN),
        ):
            found.append(
                Deadline(
                    kind=kind,
                    due=due,
                    status=_status(due=due, met_on=None, today=today, actionable=False),
                    basis=basis,
                    actionable=False,
                    params={"start": termijn.start},
                )
            )
    return sorted(found, key=lambda d: (d.due is None, d.due or date.max, d.kind.value))


def _termijn(facts: DossierFacts) -> Inburgeringstermijn | None:
    """DUO's inburgeringstermijn when we have it (SS102, extended by SS103/SS104), else our own computation."""
    if facts.duo_termijn_start is not None and facts.duo_termijn_einde is not None:
        return Inburgeringstermijn(
            start=facts.duo_termijn_start,
            last_day=facts.duo_termijn_einde - timedelta(days=1),
            duo_einddatum=facts.duo_termijn_einde,
        )
    if facts.eerste_pip_dagtekening is not None:
        return inburgeringstermijn(facts.eerste_pip_dagtekening)
    return None


def next_deadline(deadlines: list[Deadline]) -> Deadline | None:
    """The deadline the werkvoorraad shows: the earliest actionable one that is still open or overdue."""
    pending = [
        d for d in deadlines if d.actionable and d.due and d.status in (DeadlineStatus.OPEN, DeadlineStatus.OVERDUE)
    ]
    return min(pending, key=lambda d: d.due or date.max, default=None)
