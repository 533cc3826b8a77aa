"""The legal terms of the chain from kennisgeving to PIP, each once, with its source and Atw status.

Each term is a `Term`: its length, whether the Algemene termijnenwet moves its end (only terms set
in a law or AMvB and not excluded by Atw 4; see kalender.py), and the rule it comes from.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from .base import Rule
from .kalender import TermLength, TermUnit, atw_applies, next_working_day, period_last_day, term_end

WI_URL = "https://wetten.overheid.nl/BWBR0044770/2025-10-21"
BI_URL = "https://wetten.overheid.nl/BWBR0045555/2026-04-02"
AWB_URL = "https://wetten.overheid.nl/BWBR0005537"


@dataclass(frozen=True)
class Term:
    length: TermLength
    # The term is set in a law or AMvB (Atw 1, 5); whether its end moves also depends on Atw 4.
    statutory: bool

    @property
    def atw(self) -> bool:
        return self.statutory and atw_applies(self.length)


PIP_TERMIJN = Rule(
    value=Term(TermLength(10, TermUnit.WEEKS), statutory=True),
    source=(
        "Bi 5.3(1): the college sets the PIP within ten weeks after the day DUO notified the duty in writing, "
        "or after the day of BRP registration in the gemeente if that is later; Bi 5.3(3) the same after a move"
    ),
    source_url=f"{BI_URL}#Artikel5.3",
    valid_from=date(2022, 1, 1),
)

PIP_NA_INFORMATIE_DERDEN = Rule(
    value=Term(TermLength(2, TermUnit.WEEKS), statutory=True),
    source=(
        "Bi 5.3(2): while the college awaits information from a third party it may set the PIP later, "
        "then no later than two weeks after that information is received"
    ),
    source_url=f"{BI_URL}#Artikel5.3",
    valid_from=date(2022, 1, 1),
)

BEZWAARTERMIJN = Rule(
    value=Term(TermLength(6, TermUnit.WEEKS), statutory=True),
    source=(
        "Awb 6:7 and 6:8: bezwaar within six weeks, from the day after the decision was made known; "
        "Awb 6:9: a posted objection is in time if posted before the end and received within a week after it"
    ),
    source_url=f"{AWB_URL}#Hoofdstuk6",
    valid_from=date(1994, 1, 1),
)

BEZWAAR_POSTREGEL = Rule(
    value=TermLength(1, TermUnit.WEEKS),
    source="Awb 6:9(2): a posted objection counts if posted in time and received within a week after the term",
    source_url=f"{AWB_URL}#Hoofdstuk6",
    valid_from=date(1994, 1, 1),
)

INBURGERINGSTERMIJN = Rule(
    value=Term(TermLength(3, TermUnit.YEARS), statutory=True),
    source=(
        "Wi 11(1): three years from the day after the dagtekening of the PIP (a term in years: no Atw, art. 4); "
        "Wi 11(3): a later PIP does not move its start"
    ),
    source_url=f"{WI_URL}#Artikel11",
    valid_from=date(2022, 1, 1),
)

ROUTEWIJZIGING_TERMIJN = Rule(
    value=Term(TermLength(18, TermUnit.MONTHS), statutory=True),
    source=(
        "Bi 5.4(1): the leerroute can be changed up to one and a half years after the start of the "
        "inburgeringstermijn (onderwijsroute → B1-route always); more than three months: no Atw (art. 4)"
    ),
    source_url=f"{BI_URL}#Artikel5.4",
    valid_from=date(2022, 1, 1),
)

BREDE_INTAKE_OPROEPEN = Rule(
    value=3,
    source=(
        "Wi 14(2) and Wi 22: after a warning and a boete with a new term, the college completes the brede "
        "intake without the person once they did not appear or cooperate after three summonses"
    ),
    source_url=f"{WI_URL}#Artikel14",
    valid_from=date(2022, 1, 1),
)

# The college sets the term of a summons itself (Wi 14(1)): not a term in a law, so the Atw does
# not apply; we still never let it end on a non-working day (domain brief §5, good practice).
OPROEP_TERMIJN = Rule(
    value=Term(TermLength(2, TermUnit.WEEKS), statutory=False),
    source="Wi 14(1): the college sets the term of the summons; two weeks is this product's default (beleid)",
    source_url=f"{WI_URL}#Artikel14",
    valid_from=date(2022, 1, 1),
    verified=False,
)

BOETE_NIEUWE_TERMIJN_MAX = Rule(
    value=TermLength(2, TermUnit.MONTHS),
    source="Wi 22(2): the boetebesluit sets a new term of at most two months for the brede intake",
    source_url=f"{WI_URL}#Artikel22",
    valid_from=date(2022, 1, 1),
)


def term_last_day(event: date, term: Rule[Term], *, feestdagen: frozenset[date]) -> date:
    """The last day of `term`, which starts the day after `event`."""
    return term_end(event, term.value.length, feestdagen=feestdagen, atw=term.value.atw)


def pip_termijn_start(
    *, kennisgeving: date | None, brp_inschrijving: date | None, awaiting_registration: bool
) -> date | None:
    """The day the PIP's ten weeks count from (Bi 5.3(1)), or None while the clock has not started.

    `awaiting_registration`: the person is not yet registered in the BRP of this gemeente (an
    asielstatushouder still in the AZC); the clock then starts on registration.
    """
    if kennisgeving is None:
        return None
    if brp_inschrijving is None:
        return None if awaiting_registration else kennisgeving
    return max(kennisgeving, brp_inschrijving)


@dataclass(frozen=True)
class PipDeadline:
    start: date
    regular_end: date  # ten weeks (Bi 5.3(1))
    end: date | None  # None while suspended awaiting a third party (Bi 5.3(2))
    extended: bool  # the end follows from information received (Bi 5.3(2))


def pip_deadline(
    *,
    start: date,
    information_requested: date | None = None,
    information_received: date | None = None,
    feestdagen: frozenset[date],
) -> PipDeadline:
    """The last day to set the PIP, including the Bi 5.3(2) deviation for information from a third party.

    The deviation counts only if the information was asked before the ten weeks ran out. While it
    has not arrived, there is no end date; once it has, the end is two weeks after receipt, but
    never earlier than the regular end.
    """
    regular = term_last_day(start, PIP_TERMIJN, feestdagen=feestdagen)
    if information_requested is None or information_requested > regular:
        return PipDeadline(start=start, regular_end=regular, end=regular, extended=False)
    if information_received is None:
        return PipDeadline(start=start, regular_end=regular, end=None, extended=True)
    after_receipt = term_last_day(information_received, PIP_NA_INFORMATIE_DERDEN, feestdagen=feestdagen)
    return PipDeadline(
        start=start, regular_end=regular, end=max(regular, after_receipt), extended=after_receipt > regular
    )


def bezwaartermijn_end(bekendmaking: date, *, feestdagen: frozenset[date]) -> date:
    """Last day to lodge bezwaar against a decision made known on `bekendmaking` (Awb 6:7-6:8, Atw)."""
    return term_last_day(bekendmaking, BEZWAARTERMIJN, feestdagen=feestdagen)


@dataclass(frozen=True)
class Inburgeringstermijn:
    start: date  # inclusive: the day after the dagtekening
    last_day: date  # inclusive
    duo_einddatum: date  # exclusive, as DUO's Inburgeringstermijn API gives it

    def route_change_last_day(self) -> date:
        """Bi 5.4(1): the last day on which the leerroute may still be changed (except O → B).

        Eighteen months whose first day is the start of the inburgeringstermijn (kalender.period_last_day):
        from 31 August 2026 to 29 February 2028, from 31 March 2026 to 30 September 2027.
        """
        return period_last_day(self.start, ROUTEWIJZIGING_TERMIJN.value.length)


def inburgeringstermijn(dagtekening: date) -> Inburgeringstermijn:
    """Wi 11(1): three years from the day after the dagtekening of the first PIP.

    A period of three years (36 months) whose first day is the day after the dagtekening
    (kalender.period_last_day), as DUO states it: einddatum (exclusive) = start + 3 years. A dagtekening
    of 28 February 2029 starts the term on 1 March 2029 and ends it on 29 February 2032. DUO is the
    source of this term (SS102); this is the shadow computation shown until DUO's own arrives.
    """
    start = dagtekening + timedelta(days=1)
    last_day = period_last_day(start, INBURGERINGSTERMIJN.value.length)
    return Inburgeringstermijn(start=start, last_day=last_day, duo_einddatum=last_day + timedelta(days=1))


def oproep_last_day(verzonden: date, *, feestdagen: frozenset[date], term: Term | None = None) -> date:
    """The last day to respond to a brede intake summons sent on `verzonden` (college-set; never a non-working day)."""
    chosen = term or OPROEP_TERMIJN.value
    return next_working_day(chosen.length.after(verzonden), feestdagen=feestdagen)
