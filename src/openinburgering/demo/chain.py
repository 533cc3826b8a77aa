"""The chain after the aanmelding, planned: summonses, the brede intake, the leerbaarheidstoets, PIP
versions and the deadlines that follow from them.

Pure like the rest of the plan (demo/generator.py): it draws from the planner's random stream and
touches no database. Two steps per dossier:

- `Chain.timeline(…)` draws the dates on which each step *would* happen: the first summons (the
  dossier moves to brede intake), the appearance, the leerbaarheidstoets, the completed intake
  (→ PIP) and the dagtekening of the first PIP (→ uitvoering). The planner decides from these
  dates which stage a dossier has reached today or when it closed.
- `Chain.rows(…)` turns what happened before that end into rows, as the services would have
  written them (intake.services, pip.services), with their timeline lines.

`Chain.termijnen(…)` then computes the dossier's deadlines with the rules' engine
(rules.dossiertermijnen), as termijnen.services.termijnen_recompute does from the stored rows.
"""

import functools
import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from datetime import time as clock
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from django.utils import translation

from openinburgering.dossiers.constants import Relatie
from openinburgering.intake.constants import (
    Geletterdheid,
    IntakeStatus,
    Opleidingsniveau,
    OproepUitkomstChoices,
    OvertredingSoort,
    Zelfredzaamheid,
)
from openinburgering.pip.models import PipStatus
from openinburgering.pip.services import CONTENT_FIELDS
from openinburgering.rules.dossiertermijnen import (
    Deadline,
    DossierFacts,
    OproepFacts,
    dossier_deadlines,
    next_deadline,
)
from openinburgering.rules.enums import Doelgroep
from openinburgering.rules.intake import (
    GEZONDHEID_AANDACHTSPUNTEN,
    WAARSCHUWING_OPROEP,
    Aandachtspunt,
    LbtResultaat,
    LbtVrijstellingsgrond,
    OproepUitkomst,
)
from openinburgering.rules.kalender import atw_feestdagen, next_working_day
from openinburgering.rules.leerroute import (
    AFSCHALEN_MIN_HOURS,
    PVT_MIN_HOURS,
    Z_ROUTE_PARTICIPATION_HOURS,
    Alfabetisering,
    Leerroute,
    Niveau,
)
from openinburgering.rules.termijnen import inburgeringstermijn, oproep_last_day
from openinburgering.termijnen import services as termijnen_services
from openinburgering.termijnen.services import HORIZON_YEARS

from . import texts
from .draw import Draw, Weighted
from .plans import ChainPlan, EventPlan, GezinslidPlan, IntakePlan, OproepPlan, PersonPlan, PipPlan

TZ = ZoneInfo("Europe/Amsterdam")


# --- dates ------------------------------------------------------------------------------------


@dataclass(slots=True)
class OproepDates:
    verzonden_op: date
    afspraak_op: datetime | None
    uiterste_datum: date
    uitkomst: OproepUitkomst  # what the outcome is once recorded
    uitkomst_op: date


@dataclass(slots=True)
class Timeline:
    """When each step would happen; whether it did depends on today and on when the dossier closed."""

    oproepen: list[OproepDates]
    lbt_aangevraagd: date
    lbt_afgenomen: date
    afgerond: date  # the brede intake is completed: the dossier moves to the PIP stage
    drafted: date  # the PIP concept is started
    submitted: date  # … and offered for sign-off
    dagtekening: date  # … and vastgesteld: the dossier moves to uitvoering

    @property
    def intake(self) -> date:
        """The first summons is sent, which starts the brede intake (intake.services.oproep_send)."""
        return self.oproepen[0].verzonden_op

    @property
    def started(self) -> date:
        """The day the person appeared and the conversations began (the last summons' outcome)."""
        return self.oproepen[-1].uitkomst_op


@dataclass(slots=True)
class Dates:
    """The dates of a dossier up to its first PIP."""

    begin: date  # plicht_begindatum
    kennisgeving: date
    aangemeld: date
    housed: date | None  # asielstatushouders: housed, and registered in the BRP (even if after today)
    registered: date | None
    timeline: Timeline


# The journey's own dossiers (JOURNEYS.md §1): the first few households of the journey klantregisseur
# are these, so that her werkvoorraad has, on top, what the journey describes. Each with the days
# since the PIP's clock started (Bi 5.3(1)).
SCRIPTS: dict[str, int] = {
    "pip_te_laat": 84,  # the PIP awaits sign-off; its ten weeks ran out two weeks ago
    "oproep_verlopen": 35,  # the appointment passed, its outcome is not recorded
    "pip_bijna": 66,  # the PIP is due in a few days
    "tweede_oproep": 45,  # not appeared at the first summons; the second (with a warning) is next week
    "nieuw": 5,  # DUO's notification came in overnight
}


@dataclass(frozen=True)
class Actors:
    worker: str  # username of the klantregisseur who does the work ("" when none)
    worker_label: str
    approver: str  # username of the teamleider who signs PIPs off
    approver_label: str


# Second versions of a vastgesteld PIP: the change, the routes it applies to and its delay after the
# first dagtekening in days (lowest, highest).
WIJZIGINGEN: dict[str, tuple[Leerroute, tuple[int, int]]] = {
    "afschalen": (Leerroute.B1_ROUTE, (330, 720)),
    "B>Z": (Leerroute.B1_ROUTE, (120, 480)),
    "O>B": (Leerroute.ONDERWIJSROUTE, (60, 400)),
}
_KINDS_FROM = {route: [kind for kind, (start, _) in WIJZIGINGEN.items() if start == route] for route in Leerroute}
SECOND_VERSION_SHARE = 0.1  # of first PIPs on a route that can change: a vastgesteld second version, when due
OPEN_CHANGE_SHARE = 0.08  # of those, a change being drafted or awaiting sign-off today (open dossiers)
# Who did not learn to read and write, by highest education followed.
ANALFABEET_SHARE = {Opleidingsniveau.GEEN.value: 0.8, Opleidingsniveau.BASIS.value: 0.15}


_MINUTES = tuple(clock(minute // 60, minute % 60) for minute in range(24 * 60))
# Many dossiers share a dagtekening: the term of each is computed once.
_inburgeringstermijn = functools.cache(inburgeringstermijn)


def _score(hundredths: int) -> str:
    """A score as DUO writes it: "123,45"."""
    return f"{hundredths // 100},{hundredths % 100:02d}"


def _age(born: date, on: date) -> int:
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


class Chain:
    """Plans the chain of one dossier at a time, from the planner's draw."""

    def __init__(
        self,
        *,
        draw: Draw,
        today: date,
        format_date: Callable[[date], str],
        extra_feestdagen: Iterable[date] = (),
    ) -> None:
        self.draw = draw
        self.today = today
        self.format_date = format_date
        self.extra_feestdagen = tuple(sorted(set(extra_feestdagen)))
        # Appointments and summons terms: every year a dossier can touch, with a spare one.
        self.feestdagen = atw_feestdagen(range(2021, today.year + HORIZON_YEARS + 3), extra=self.extra_feestdagen)
        self._deadline_feestdagen: dict[int, frozenset[date]] = {}
        self.oproep_count = Weighted((1, 2, 3), (85, 11, 4))
        self.opleiding = {asiel: Weighted(*texts.OPLEIDING_WEIGHTS[asiel]) for asiel in (True, False)}
        self.taalniveau = {asiel: Weighted(*texts.TAALNIVEAU_WEIGHTS[asiel]) for asiel in (True, False)}
        # Health-related aandachtspunten belong to the health section (intake.services): only the few
        # intakes with one carry them.
        punten, weights = texts.AANDACHTSPUNT_WEIGHTS
        general = [(p, w) for p, w in zip(punten, weights, strict=True) if p not in GEZONDHEID_AANDACHTSPUNTEN]
        health = [(p, w) for p, w in zip(punten, weights, strict=True) if p in GEZONDHEID_AANDACHTSPUNTEN]
        self.aandachtspunten = Weighted([p for p, _ in general], [w for _, w in general])
        self.gezondheid_punten = Weighted([p for p, _ in health], [w for _, w in health])
        self.punten_count = Weighted((0, 1, 2, 3), (35, 35, 20, 10))
        self.gesprekken = Weighted((2, 3, 4, 5, 6), (10, 25, 40, 15, 10))
        with translation.override("nl"):
            self.uitkomst_label = {value: str(label) for value, label in OproepUitkomstChoices.choices}

    # small parts

    def at(self, day: date, *, earliest: int = 8 * 60 + 30, latest: int = 16 * 60 + 30) -> datetime:
        """An office-hours moment on `day`, as an aware datetime."""
        return datetime.combine(day, _MINUTES[self.draw.between(earliest, latest)], tzinfo=TZ)

    def working_day(self, day: date) -> date:
        return next_working_day(day, feestdagen=self.feestdagen)

    def _appointment(self, sent: date) -> datetime:
        day = self.working_day(sent + self.draw.days(5, 14))
        slot = self.draw.between(0, 13)  # half hours from 9:00 to 15:30
        return datetime.combine(day, clock(9 + slot // 2, 30 * (slot % 2)), tzinfo=TZ)

    def _record_delay(self) -> timedelta:
        """How long after the appointment its outcome is recorded: mostly the same day."""
        roll = self.draw.random()
        return timedelta(0) if roll < 0.7 else self.draw.days(1, 5) if roll < 0.88 else self.draw.days(5, 30)

    def deadline_feestdagen(self, kennisgeving: date | None) -> frozenset[date]:
        """The holidays termijnen.services.deadlines_for uses for a dossier (its horizon after the kennisgeving)."""
        first = (kennisgeving or self.today).year
        if first not in self._deadline_feestdagen:
            extra = [day for day in self.extra_feestdagen if first <= day.year <= first + HORIZON_YEARS + 1]
            self._deadline_feestdagen[first] = atw_feestdagen(range(first, first + HORIZON_YEARS + 2), extra=extra)
        return self._deadline_feestdagen[first]

    # the dates

    def timeline(self, *, first_summons: date, slow: bool, pip_not_before: date | None) -> Timeline:
        """Every step from the first summons on. `slow`: this gemeente (or person) takes its time;
        `pip_not_before`: the BRP registration, before which DUO refuses a PIP's dagtekening
        (rules.leerroute: dagtekening_voor_vestiging)."""
        draw = self.draw
        oproepen = []
        sent = first_summons
        count = draw.weighted(self.oproep_count)
        for volgnummer in range(1, count + 1):
            if draw.chance(0.9):
                afspraak: datetime | None = self._appointment(sent)
                assert afspraak is not None
                uiterste = afspraak.date()
                came = uiterste
            else:  # "make an appointment within the term"
                afspraak = None
                uiterste = oproep_last_day(sent, feestdagen=self.feestdagen)
                came = sent + draw.days(3, max(3, (uiterste - sent).days))
            if volgnummer < count:
                uitkomst, recorded = OproepUitkomst.NIET_VERSCHENEN, uiterste + self._record_delay()
            else:
                uitkomst, recorded = OproepUitkomst.VERSCHENEN, min(came, uiterste) + self._record_delay()
            oproepen.append(OproepDates(sent, afspraak, uiterste, uitkomst, recorded))
            sent = self.working_day(recorded + draw.days(0, 6))
        started = oproepen[-1].uitkomst_op
        aangevraagd = started + draw.days(0, 5)
        afgenomen = self.working_day(aangevraagd + draw.days(5, 14))
        afgerond = started + (draw.days(21, 100) if slow else draw.days(4, 14))
        afgerond = max(afgerond, afgenomen + draw.days(1, 4))
        drafted = afgerond + draw.days(0, 3)
        dagtekening = self.working_day(drafted + (draw.days(20, 90) if slow else draw.days(7, 28)))
        if pip_not_before is not None and dagtekening <= pip_not_before:
            dagtekening = self.working_day(pip_not_before + draw.days(1, 14))
        # Waiting for sign-off takes about a third of the PIP stage.
        waiting = 1 + int((dagtekening - drafted).days * (0.1 + 0.45 * draw.random()))
        submitted = max(drafted, dagtekening - timedelta(days=waiting))
        return Timeline(oproepen, aangevraagd, afgenomen, afgerond, drafted, submitted, dagtekening)

    def script(self, kind: str, *, asiel: bool) -> "Dates":
        """The dates of one of the journey's dossiers (SCRIPTS), relative to today."""
        draw, today = self.draw, self.today
        wd = self.working_day
        pip_clock = today - timedelta(days=SCRIPTS[kind])
        if asiel:  # housed and registered on the day the PIP's clock started
            registered: date | None = pip_clock
            housed: date | None = pip_clock - draw.days(0, 3)
            assert housed is not None
            begin = housed - draw.days(60, 150)
            kennisgeving = begin + draw.days(3, 42)
            aangemeld = kennisgeving + draw.days(0, 7)
        else:
            registered = housed = None
            kennisgeving = pip_clock
            begin = kennisgeving - draw.days(3, 42)
            aangemeld = kennisgeving + draw.days(0, 3)
        if kind == "nieuw":  # DUO's notification came in overnight
            aangemeld = today - timedelta(days=1)
            return Dates(
                begin,
                kennisgeving,
                aangemeld,
                housed,
                registered,
                self.timeline(first_summons=wd(today + draw.days(3, 10)), slow=False, pip_not_before=registered),
            )

        def appointment(day: date) -> datetime:
            return datetime.combine(day, clock(9 + draw.between(0, 6)), tzinfo=TZ)

        def later(days: int) -> date:  # a step that has not happened yet
            return wd(today + timedelta(days=days))

        sent = wd(pip_clock + draw.days(2, 5))
        came = wd(sent + draw.days(6, 10))
        oproepen = [OproepDates(sent, appointment(came), came, OproepUitkomst.VERSCHENEN, came)]
        if kind == "oproep_verlopen":  # the appointment was last week; its outcome is not recorded
            missed = today - timedelta(days=draw.between(4, 6))
            while wd(missed) != missed:
                missed -= timedelta(days=1)
            oproepen = [
                OproepDates(
                    wd(missed - draw.days(10, 14)), appointment(missed), missed, OproepUitkomst.VERSCHENEN, later(14)
                )
            ]
        elif kind == "tweede_oproep":  # not appeared; the second summons, with a warning, is for next week
            recorded = came + timedelta(days=1)
            second = wd(recorded + draw.days(1, 3))
            next_week = later(draw.between(5, 9))
            oproepen = [
                OproepDates(sent, appointment(came), came, OproepUitkomst.NIET_VERSCHENEN, recorded),
                OproepDates(second, appointment(next_week), next_week, OproepUitkomst.VERSCHENEN, next_week),
            ]
        started = oproepen[-1].uitkomst_op
        if kind == "pip_bijna":  # the intake is done and the PIP is being written; due in a few days
            steps = (
                started + timedelta(days=1),
                wd(started + timedelta(days=8)),
                today - timedelta(days=6),
                today - timedelta(days=5),
                later(20),
                later(30),
            )
        elif kind == "pip_te_laat":  # offered for sign-off last week, after the ten weeks ran out
            steps = (
                started + timedelta(days=1),
                wd(started + timedelta(days=9)),
                today - timedelta(days=21),
                today - timedelta(days=19),
                today - timedelta(days=draw.between(4, 8)),
                later(5),
            )
        else:
            steps = (later(15), later(25), later(30), later(31), later(40), later(45))
        return Dates(begin, kennisgeving, aangemeld, housed, registered, Timeline(oproepen, *steps))

    # the rows

    def rows(
        self,
        *,
        t: Timeline,
        end: date,
        is_open: bool,
        asiel: bool,
        doelgroep: Doelgroep,
        person: PersonPlan,
        gezinsleden: Sequence[GezinslidPlan],
        actors: Actors,
    ) -> tuple[ChainPlan, list[EventPlan]]:
        """What happened before `end` (today, or the day the dossier closed), as rows and timeline lines."""
        result = ChainPlan()
        lines: list[EventPlan] = []
        if t.intake >= end:
            return result, lines
        draw = self.draw
        worker = actors.worker

        def line(at: datetime, action: str, summary: str, *, by_approver: bool = False) -> None:
            actor, label = (actors.approver, actors.approver_label) if by_approver else (worker, actors.worker_label)
            lines.append(EventPlan(at=at, actor=actor, actor_label=label, action=action, summary=summary, changes="[]"))

        # What the intake found; drawn for everyone who got this far, so the rest of the draw does not
        # depend on how far the intake went.
        opleiding = draw.weighted(self.opleiding[asiel])
        beroep, sector = draw.pick(texts.BEROEPEN[texts.OPLEIDING_GROEP[Opleidingsniveau(opleiding)]])
        latin = person.nationaliteit in texts.LATIJNS_SCHRIFT
        if draw.chance(ANALFABEET_SHARE.get(opleiding, 0.0)):
            geletterdheid = Geletterdheid.ANALFABEET.value
        else:
            geletterdheid = (Geletterdheid.GEALFABETISEERD if latin else Geletterdheid.ANDERS_GEALFABETISEERD).value
        taalniveau = draw.weighted(self.taalniveau[asiel])
        eerste_taal = person.talen.split(",")[0].strip()
        tolk = eerste_taal if taalniveau in ("geen", "A0") and eerste_taal != "Engels" else ""
        age = _age(person.geboortedatum, t.dagtekening)
        route = self._route(opleiding=opleiding, geletterdheid=geletterdheid, age=age)

        # Summonses (Wi 14(1)-(2)) and the overtredingen of Wi 22(1).
        for volgnummer, o in enumerate(t.oproepen, start=1):
            if o.verzonden_op >= end:
                break
            sent_at = self.at(o.verzonden_op)
            values: dict[str, Any] = {
                "volgnummer": volgnummer,
                "verzonden_op": o.verzonden_op,
                "afspraak_op": o.afspraak_op,
                "locatie": draw.pick(texts.LOCATIES) if o.afspraak_op else "",
                "tolk_taal": tolk,
                "uiterste_datum": o.uiterste_datum,
                "is_waarschuwing": volgnummer == WAARSCHUWING_OPROEP.value,
                "uitkomst": "",
                "uitkomst_op": None,
                "created_at": sent_at,
            }
            plan = OproepPlan(values)
            with_warning = ", met schriftelijke waarschuwing" if values["is_waarschuwing"] else ""
            line(sent_at, "intake.oproep", f"Oproep {volgnummer} voor de brede intake verstuurd{with_warning}")
            if o.uitkomst_op < end:
                values["uitkomst"], values["uitkomst_op"] = o.uitkomst.value, o.uitkomst_op
                if o.uitkomst == OproepUitkomst.NIET_VERSCHENEN:
                    # Timeline lines are kept to the steps that matter later (the load stays fast):
                    # an overtreding, not every appearance.
                    recorded_at = self.at(o.uitkomst_op)
                    line(
                        recorded_at,
                        "intake.oproep_uitkomst",
                        f"Uitkomst oproep {volgnummer}: {self.uitkomst_label[o.uitkomst.value]}",
                    )
                    plan.overtreding = {
                        "soort": OvertredingSoort.NIET_VERSCHENEN.value,
                        "vastgesteld_op": o.uitkomst_op,
                        "vastgesteld_door": worker,
                        "created_at": recorded_at,
                    }
            result.oproepen.append(plan)

        # The brede intake itself.
        started = t.started < end
        afgerond = t.afgerond < end
        intake: dict[str, Any] = {
            "status": (
                IntakeStatus.AFGEROND if afgerond else IntakeStatus.IN_UITVOERING if started else IntakeStatus.GEPLAND
            ).value,
            "started_at": t.started if started else None,
            "completed_at": t.afgerond if afgerond else None,
            "tolk_taal": tolk,
            "talen": person.talen,
            "aandachtspunten": "[]",
            "created_at": self.at(t.intake),
            "updated_by": worker,
        }
        last_change = t.started if started else t.intake
        gezondheid = None
        if started:
            last_change = t.afgerond if afgerond else max(t.started, min(end - timedelta(days=1), t.afgerond))
            sections = self._sections(
                opleiding=opleiding,
                beroep=beroep,
                sector=sector,
                geletterdheid=geletterdheid,
                taalniveau=taalniveau,
                asiel=asiel,
                gezinsleden=gezinsleden,
                on=t.started,
            )
            for names in sections:
                if afgerond or draw.chance(0.6):
                    intake.update(names)
            intake["alleen_gesprek_gemeld"] = afgerond or draw.chance(0.7)
            punten = self._aandachtspunten(
                analfabeet=geletterdheid == Geletterdheid.ANALFABEET,
                gezinshereniging=asiel and any(lid.relatie == Relatie.PARTNER and not lid.bsn for lid in gezinsleden),
            )
            if draw.chance(0.3):
                intake["uren_taal_knm_intake"] = Decimal(draw.between(2, 24))
            if draw.chance(0.15):
                intake["uren_participatie_intake"] = Decimal(draw.between(2, 12))
            if afgerond and draw.chance(0.06):  # a few, short and neutral (special category data)
                lichamelijk, gevolgen = draw.pick(texts.GEZONDHEID)
                if draw.chance(0.5):
                    punten.add(draw.weighted(self.gezondheid_punten))
                    lichamelijk, gevolgen = "", draw.pick(texts.GEZONDHEID_MET_AANDACHTSPUNT)
                gezondheid = {
                    "lichamelijke_gezondheid": lichamelijk,
                    "gevolgen_voor_traject": gevolgen,
                    "updated_at": self.at(t.afgerond, latest=12 * 60),
                    "updated_by": worker,
                }
            elif afgerond:  # the app completes an intake only with health recorded (Bi 5.2(1)(c))
                gezondheid = {
                    "lichamelijke_gezondheid": texts.GEEN_BIJZONDERHEDEN,
                    "updated_at": self.at(t.afgerond, latest=12 * 60),
                    "updated_by": worker,
                }
            intake["aandachtspunten"] = json.dumps([punt.value for punt in Aandachtspunt if punt in punten])
        intake["updated_at"] = self.at(last_change, earliest=12 * 60 + 30) if started else intake["created_at"]
        result.intake = IntakePlan(intake, gezondheid)
        if afgerond:
            line(self.at(t.afgerond, earliest=12 * 60 + 30), "intake.afgerond", "Brede intake afgerond")

        # The leerbaarheidstoets (Wi 14(3)(a)): the result follows the route the college will choose.
        if started and t.lbt_aangevraagd < end:
            result.lbt = self._lbt(t=t, end=end, route=route, worker=worker)

        # The PIP.
        if afgerond:
            result.pips = self._pips(
                t=t,
                end=end,
                is_open=is_open,
                route=route,
                asiel=asiel,
                doelgroep=doelgroep,
                geletterdheid=geletterdheid,
                sector=sector,
                gezinsleden=gezinsleden,
                actors=actors,
                line=line,
            )
        return result, lines

    def _route(self, *, opleiding: str, geletterdheid: str, age: int) -> Leerroute:
        """~70% B1-route, ~15% onderwijsroute (young people with schooling), ~15% Z-route."""
        draw = self.draw
        schooled = opleiding in (
            Opleidingsniveau.VOORTGEZET,
            Opleidingsniveau.BEROEPS,
            Opleidingsniveau.HOGER_BEROEPS,
            Opleidingsniveau.UNIVERSITAIR,
        )
        if age < 28 and schooled and geletterdheid != Geletterdheid.ANALFABEET and draw.chance(0.5):
            return Leerroute.ONDERWIJSROUTE
        z = {Opleidingsniveau.GEEN: 0.5, Opleidingsniveau.BASIS: 0.3, Opleidingsniveau.ONBEKEND: 0.3}.get(
            Opleidingsniveau(opleiding), 0.07
        )
        z += 0.2 if age >= 50 else 0.0
        z += 0.15 if geletterdheid == Geletterdheid.ANALFABEET else 0.0
        return Leerroute.Z_ROUTE if draw.chance(z) else Leerroute.B1_ROUTE

    def _sections(
        self,
        *,
        opleiding: str,
        beroep: str,
        sector: str,
        geletterdheid: str,
        taalniveau: str,
        asiel: bool,
        gezinsleden: Sequence[GezinslidPlan],
        on: date,
    ) -> list[dict[str, Any]]:
        """The intake's sections, each as the fields a klantregisseur fills in together."""
        draw = self.draw
        lo, hi = texts.JAREN_ONDERWIJS[opleiding]
        worked = opleiding != Opleidingsniveau.GEEN and draw.chance(0.75)
        werkervaring = (
            draw.pick(texts.WERKERVARING).format(jaren=draw.between(2, 15), beroep=beroep.lower())
            if worked
            else draw.pick(texts.GEEN_WERKERVARING)
        )
        if not worked:
            sector = draw.pick(texts.GEEN_WERKERVARING_SECTORS)
        zelfredzaamheid = draw.pick(
            (Zelfredzaamheid.LAAG, Zelfredzaamheid.GEMIDDELD, Zelfredzaamheid.GEMIDDELD, Zelfredzaamheid.HOOG)
        ).value
        ages = sorted(
            _age(lid.geboortedatum, on)
            for lid in gezinsleden
            if lid.relatie == Relatie.KIND and lid.geboortedatum and lid.geboortedatum <= on
        )
        young = [age for age in ages if age < 4]
        return [
            {  # opleiding en werkervaring
                "hoogste_opleiding": opleiding,
                "jaren_onderwijs": draw.between(lo, hi) if opleiding != Opleidingsniveau.ONBEKEND else None,
                "diplomas": draw.pick(texts.DIPLOMAS[opleiding]),
                "werkervaring": werkervaring,
                "beroep_herkomstland": beroep if worked else "",
            },
            {  # persoonlijke omstandigheden
                "gezinssituatie": _gezinssituatie(gezinsleden, ages),
                "omstandigheden_toelichting": draw.pick(texts.OMSTANDIGHEDEN) if draw.chance(0.2) else "",
                "financiele_situatie": draw.pick(texts.FINANCIELE_SITUATIE[asiel]) if draw.chance(0.5) else "",
                "sociaal_netwerk": draw.pick(texts.SOCIAAL_NETWERK) if draw.chance(0.5) else "",
                "motivatie": draw.pick(texts.MOTIVATIE) if draw.chance(0.6) else "",
            },
            {  # VVE
                "vve_van_toepassing": bool(young),
                "vve_toelichting": (
                    f"Kind van {young[0]} jaar; aangemeld bij de peuteropvang met VVE." if young else ""
                ),
            },
            {  # taalniveau
                "geletterdheid": geletterdheid,
                "taalniveau_nl": taalniveau,
                "taal_toelichting": draw.pick(texts.TAAL_TOELICHTING) if draw.chance(0.6) else "",
            },
            {  # arbeidsparticipatie
                "arbeid_wensen": draw.pick(texts.ARBEID_WENSEN).format(sector=sector),
                "arbeid_mogelijkheden": draw.pick(texts.ARBEID_MOGELIJKHEDEN).format(sector=sector),
                "beschikbaar_uren_per_week": draw.pick((16, 20, 24, 32, 36, 40)),
                "arbeid_toelichting": draw.pick(texts.ARBEID_TOELICHTING),
            },
            {  # zelfredzaamheid
                "zelfredzaamheid": zelfredzaamheid,
                "zelfredzaamheid_toelichting": draw.pick(texts.ZELFREDZAAMHEID_TOELICHTING[zelfredzaamheid]),
            },
        ]

    def _aandachtspunten(self, *, analfabeet: bool, gezinshereniging: bool) -> set[Aandachtspunt]:
        """Aandachtspunten outside the health section (stored in the enum's order, as the services do)."""
        draw = self.draw
        chosen = {draw.weighted(self.aandachtspunten) for _ in range(draw.weighted(self.punten_count))}
        if analfabeet and draw.chance(0.5):
            chosen.add(Aandachtspunt.LAAGGELETTERDHEID)
        if gezinshereniging and draw.chance(0.6):
            chosen.add(Aandachtspunt.GEZINSHERENIGING)
        return chosen

    def _lbt(self, *, t: Timeline, end: date, route: Leerroute, worker: str) -> dict[str, Any]:
        draw = self.draw
        lbt: dict[str, Any] = {
            "aangevraagd_op": t.lbt_aangevraagd,
            "updated_at": self.at(t.lbt_aangevraagd),
            "updated_by": worker,
        }
        roll = draw.random()
        exempt = route == Leerroute.Z_ROUTE and roll < 0.12
        if exempt:  # Wi 14(6): no test for a visual or auditory impairment
            grond = draw.pick((LbtVrijstellingsgrond.VISUEEL, LbtVrijstellingsgrond.AUDITIEF))
            lbt.update(
                vrijgesteld=True,
                vrijstellingsgrond=grond.value,
                vrijgesteld_op=t.lbt_aangevraagd,
                vrijstelling_toelichting="Verklaring van de behandelaar ontvangen.",
            )
            return lbt
        lbt["examennummer"] = f"LB{draw.between(10_000_000, 99_999_999)}"
        if t.lbt_afgenomen >= end:
            return lbt  # requested; DUO's result has not arrived
        if route == Leerroute.Z_ROUTE:
            resultaat = (
                LbtResultaat.ONBEKEND
                if roll < 0.15
                else LbtResultaat.B1_HAALBAAR
                if roll < 0.2
                else LbtResultaat.B1_NIET_HAALBAAR
            )
        elif route == Leerroute.B1_ROUTE and roll < 0.07:
            resultaat = LbtResultaat.B1_NIET_HAALBAAR if roll < 0.05 else LbtResultaat.ONBEKEND
        else:
            resultaat = LbtResultaat.B1_HAALBAAR
        lbt.update(afgenomen_op=t.lbt_afgenomen, resultaat=resultaat.value, updated_at=self.at(t.lbt_afgenomen))
        if resultaat != LbtResultaat.ONBEKEND:
            haalbaar = resultaat == LbtResultaat.B1_HAALBAAR
            lbt["behaalde_score"] = _score(draw.between(10_000, 17_999) if haalbaar else draw.between(3_000, 9_999))
            lbt["benodigde_score"] = _score(10_000)
        return lbt

    def _content(
        self,
        *,
        route: Leerroute,
        asiel: bool,
        doelgroep: Doelgroep,
        geletterdheid: str,
        sector: str,
        young_child: bool,
        complete: bool = True,
    ) -> dict[str, Any]:
        """What a klantregisseur writes in a PIP on `route` (pip.services.CONTENT_FIELDS)."""
        draw = self.draw
        b, z = Leerroute.B1_ROUTE, Leerroute.Z_ROUTE
        niveau = {b: Niveau.B1.value, Leerroute.ONDERWIJSROUTE: Niveau.B1.value}.get(route, "")
        if route == z and draw.chance(0.6):
            niveau = Niveau.A2.value  # Z-route: A2 exams are optional (Bi 3.14(7))
        alfabetisering = Alfabetisering.NIET_VAN_TOEPASSING
        if route != Leerroute.ONDERWIJSROUTE:
            if geletterdheid == Geletterdheid.ANALFABEET:
                alfabetisering = Alfabetisering.ANALFABEET
            elif geletterdheid == Geletterdheid.ANDERS_GEALFABETISEERD and draw.chance(0.5):
                alfabetisering = Alfabetisering.ANDERS_ALFABEET
        with_map = route != Leerroute.ONDERWIJSROUTE
        participatie = Z_ROUTE_PARTICIPATION_HOURS.value[doelgroep] if route == z else 0
        content: dict[str, Any] = {
            "leerroute": route.value,
            "niveau": niveau,
            "alfabetisering": alfabetisering.value,
            "geschatte_intensiteit": 50 * draw.between(12, 32) if route == b and asiel else None,
            "map_opgenomen": with_map,
            "map_intensiteit": draw.pick(texts.MAP_INTENSITEIT) if with_map else "",
            "pvt_intensiteit_uren": PVT_MIN_HOURS.value + draw.between(0, 12),
            "pvt_invulling": draw.pick(texts.PVT_INVULLING),
            "z_participatie_uren": participatie or None,
            "maatschappelijke_begeleiding": draw.pick(texts.MAATSCHAPPELIJKE_BEGELEIDING) if asiel else "",
            "begeleiding_ondersteuning": draw.pick(texts.BEGELEIDING),
            "aantal_voortgangsgesprekken": draw.weighted(self.gesprekken),
            "vve_afspraken": texts.VVE_AFSPRAKEN if young_child else "",
            "ontzorgen": asiel and draw.chance(0.9),
            "doelen": draw.pick(texts.DOELEN[route.value]).format(sector=sector),
        }
        if complete:
            content["motivering"] = texts.MOTIVERING[route.value]
            for other in Leerroute:
                if other != route:
                    content[f"overweging_{_ROUTE_FIELD[other]}"] = texts.OVERWEGING[(route.value, other.value)]
        return content

    def _aanbod(self, *, route: Leerroute, alfabetisering: str, from_day: date, last_day: date) -> dict[str, Any]:
        """An inburgeringsaanbod at a keurmerk instelling, dated on or after the PIP (DUO's rules)."""
        draw = self.draw
        instelling = (
            "ROC Da Vinci College"
            if route == Leerroute.ONDERWIJSROUTE
            else draw.pick(
                ("Taalschool De Brug", "Taalschool De Brug", "Taalhuis Drechtsteden", "ROC Da Vinci College")
            )
        )
        datum = from_day + draw.days(0, 10)
        start = datum + draw.days(7, 28)
        return {
            "instelling": instelling,
            "datum_inburgeringsaanbod": datum,
            "verwachte_startdatum_opleiding": start,
            "verwachte_einddatum_opleiding": min(start + draw.days(300, 700), last_day),
            "indicator_alfabetisering": alfabetisering,
        }

    def _pips(
        self,
        *,
        t: Timeline,
        end: date,
        is_open: bool,
        route: Leerroute,
        asiel: bool,
        doelgroep: Doelgroep,
        geletterdheid: str,
        sector: str,
        gezinsleden: Sequence[GezinslidPlan],
        actors: Actors,
        line: Callable[..., None],
    ) -> list[PipPlan]:
        draw = self.draw
        young_child = any(
            lid.relatie == Relatie.KIND and lid.geboortedatum and 0 <= _age(lid.geboortedatum, t.afgerond) < 4
            for lid in gezinsleden
        )
        decided = t.dagtekening < end
        if not decided and not is_open:
            return []  # closed during the PIP stage: the concept was never finished
        submitted = t.submitted < end
        content = self._content(
            route=route,
            asiel=asiel,
            doelgroep=doelgroep,
            geletterdheid=geletterdheid,
            sector=sector,
            young_child=young_child,
            complete=decided or submitted or draw.chance(0.5),
        )
        drafted_at = self.at(min(t.drafted, end - timedelta(days=1)))
        v1: dict[str, Any] = {
            **content,
            "uuid": draw.uuid4(),
            "versie": 1,
            "drafted_by": actors.worker,
            "drafted_at": drafted_at,
        }
        if not decided:
            if submitted:
                v1.update(
                    status=PipStatus.TER_ACCORDERING.value,
                    submitted_by=actors.worker,
                    submitted_at=max(drafted_at, self.at(t.submitted)),
                )
                line(v1["submitted_at"], "pip_ingediend", "PIP versie 1 ter accordering aangeboden")
            else:
                v1["status"] = PipStatus.CONCEPT.value
                line(drafted_at, "pip_concept", "PIP in concept opgesteld")
            plan = PipPlan(v1)
            if asiel and (submitted or draw.chance(0.5)):  # the offer starts once the PIP is set
                plan.aanbod.append(
                    self._aanbod(
                        route=route,
                        alfabetisering=content["alfabetisering"],
                        from_day=self.today + timedelta(days=3),
                        last_day=_inburgeringstermijn(self.today).last_day,
                    )
                )
            return [plan]

        termijn = _inburgeringstermijn(t.dagtekening)
        approved_at = self.at(t.dagtekening)
        v1.update(
            status=PipStatus.VASTGESTELD.value,
            submitted_by=actors.worker,
            submitted_at=max(drafted_at, self.at(t.submitted, latest=12 * 60)),
            approved_by=actors.approver,
            approved_at=approved_at,
            dagtekening=t.dagtekening,
            bekendmaking=t.dagtekening,
            inburgeringstermijn_start=termijn.start,
            inburgeringstermijn_einde=termijn.last_day,
        )
        line(
            approved_at,
            "pip_vastgesteld",
            f"PIP versie 1 vastgesteld (dagtekening {self.format_date(t.dagtekening)})",
            by_approver=True,
        )
        first = PipPlan(v1)
        if asiel and draw.chance(0.75):
            first.aanbod.append(
                self._aanbod(
                    route=route,
                    alfabetisering=content["alfabetisering"],
                    from_day=t.dagtekening,
                    last_day=termijn.last_day,
                )
            )
        pips = [first]

        # A change of the PIP: a second version, vastgesteld (the first is vervangen) or on its way.
        roll = draw.random()
        kinds = _KINDS_FROM[route]
        if not kinds or roll >= SECOND_VERSION_SHARE + OPEN_CHANGE_SHARE:
            return pips
        kind = draw.pick(kinds)
        lo, hi = WIJZIGINGEN[kind][1]
        if roll < SECOND_VERSION_SHARE:  # vastgesteld, if its day has come
            day = self.working_day(t.dagtekening + draw.days(lo, hi))
            if kind == "B>Z":  # within the first eighteen months (Bi 5.4(1))
                day = min(day, termijn.route_change_last_day())
            decided = day < end
        else:  # being drafted or awaiting sign-off today, no sooner than such a change can come
            day = end - draw.days(1, 20)
            decided = False
            if not is_open or day < t.dagtekening + timedelta(days=lo):
                return pips
            if kind == "B>Z" and day > termijn.route_change_last_day():
                return pips
        if decided or roll >= SECOND_VERSION_SHARE:
            pips.append(
                self._second_version(
                    first=first,
                    kind=kind,
                    day=day,
                    asiel=asiel,
                    doelgroep=doelgroep,
                    geletterdheid=geletterdheid,
                    sector=sector,
                    young_child=young_child,
                    actors=actors,
                    line=line,
                    decided=decided,
                )
            )
        return pips

    def _second_version(
        self,
        *,
        first: PipPlan,
        kind: str,
        day: date,
        asiel: bool,
        doelgroep: Doelgroep,
        geletterdheid: str,
        sector: str,
        young_child: bool,
        actors: Actors,
        line: Callable[..., None],
        decided: bool,
    ) -> PipPlan:
        """Version 2: vastgesteld on `day` (the first becomes vervangen), or drafted on `day` and still open."""
        draw = self.draw
        v1 = first.values
        route = {"B>Z": Leerroute.Z_ROUTE, "O>B": Leerroute.B1_ROUTE}.get(kind, Leerroute(v1["leerroute"]))
        if route.value == v1["leerroute"]:
            content = {key: v1[key] for key in CONTENT_FIELDS if key in v1}
        else:
            content = self._content(
                route=route,
                asiel=asiel,
                doelgroep=doelgroep,
                geletterdheid=geletterdheid,
                sector=sector,
                young_child=young_child,
            )
        if kind == "afschalen":
            content["niveau"] = Niveau.A2.value  # allowed on a later PIP (FIRST_PIP_EXCLUDED_LEVEL)
            content["afschalen_uren"] = AFSCHALEN_MIN_HOURS.value + draw.between(0, 300)  # Bi 5.5
            content["afschalen_inspanning"] = True
        reden = texts.WIJZIGING[kind].format(uren=AFSCHALEN_MIN_HOURS.value)
        v2: dict[str, Any] = {
            **content,
            "uuid": draw.uuid4(),
            "versie": 2,
            "wijzigingsreden": reden,
            "drafted_by": actors.worker,
            "drafted_at": self.at(day - draw.days(3, 20) if decided else day),
            "inburgeringstermijn_start": v1["inburgeringstermijn_start"],
            "inburgeringstermijn_einde": v1["inburgeringstermijn_einde"],
        }
        v2["drafted_at"] = max(v2["drafted_at"], v1["approved_at"] + timedelta(days=1))
        plan = PipPlan(v2)
        termijn_einde = v1["inburgeringstermijn_einde"]
        if decided:
            approved_at = self.at(day)
            v1["status"] = PipStatus.VERVANGEN.value
            v2.update(
                status=PipStatus.VASTGESTELD.value,
                submitted_by=actors.worker,
                submitted_at=max(v2["drafted_at"], approved_at - timedelta(days=2)),
                approved_by=actors.approver,
                approved_at=approved_at,
                dagtekening=day,
                bekendmaking=day,
            )
            line(
                approved_at,
                "pip_vastgesteld",
                f"PIP versie 2 vastgesteld (dagtekening {self.format_date(day)})",
                by_approver=True,
            )
            line(approved_at, "pip_vervangen", "PIP versie 1 vervangen", by_approver=True)
            if first.aanbod:
                aanbod = self._aanbod(
                    route=route, alfabetisering=content["alfabetisering"], from_day=day, last_day=termijn_einde
                )
                if route.value == v1["leerroute"]:
                    aanbod["instelling"] = first.aanbod[0]["instelling"]  # the same school, a new offer
                plan.aanbod.append(aanbod)
        else:
            if draw.chance(0.65):
                v2.update(
                    status=PipStatus.TER_ACCORDERING.value,
                    submitted_by=actors.worker,
                    submitted_at=v2["drafted_at"] + timedelta(hours=1),
                )
                line(v2["submitted_at"], "pip_ingediend", "PIP versie 2 ter accordering aangeboden")
            else:
                v2["status"] = PipStatus.CONCEPT.value
                line(v2["drafted_at"], "pip_concept", f"Nieuwe versie 2 van de PIP opgesteld: {reden}"[:300])
        return plan

    # deadlines

    def termijnen(self, *, facts: DossierFacts) -> tuple[list[dict[str, Any]], Deadline | None]:
        """The dossier's Termijn rows and the werkvoorraad's next deadline, as termijnen_recompute stores them."""
        deadlines = dossier_deadlines(facts, today=self.today, feestdagen=self.deadline_feestdagen(facts.kennisgeving))
        return [termijn_values(deadline, today=self.today) for deadline in deadlines], next_deadline(deadlines)


def termijn_values(deadline: Deadline, *, today: date) -> dict[str, Any]:
    """A Termijn row's values for `deadline`, as termijnen.services stores them, with details as JSON text."""
    values = termijnen_services.termijn_values(deadline, today=today)
    values["details"] = json.dumps(values["details"])
    return values


def dossier_facts(
    *,
    doelgroep: Doelgroep,
    is_open: bool,
    kennisgeving: date | None,
    brp_inschrijving: date | None,
    rows: ChainPlan,
) -> DossierFacts:
    """The engine's facts from the planned rows, as termijnen.services.dossier_facts reads them from the tables."""
    decided = [p.values for p in rows.pips if p.values["status"] in (PipStatus.VASTGESTELD, PipStatus.VERVANGEN)]
    latest = max(decided, key=lambda values: values["versie"]) if decided else None
    return DossierFacts(
        doelgroep=doelgroep,
        is_open=is_open,
        kennisgeving=kennisgeving,
        brp_inschrijving=brp_inschrijving,
        oproepen=tuple(
            OproepFacts(
                volgnummer=o.values["volgnummer"],
                verzonden_op=o.values["verzonden_op"],
                uiterste_datum=o.values["uiterste_datum"],
                uitkomst=OproepUitkomst(o.values["uitkomst"]) if o.values["uitkomst"] else None,
                uitkomst_op=o.values["uitkomst_op"],
            )
            for o in rows.oproepen
        ),
        eerste_pip_dagtekening=min((values["versie"], values["dagtekening"]) for values in decided)[1]
        if decided
        else None,
        laatste_pip_bekendmaking=(latest["bekendmaking"] or latest["dagtekening"]) if latest else None,
    )


_ROUTE_FIELD = {
    Leerroute.B1_ROUTE: "b1_route",
    Leerroute.ONDERWIJSROUTE: "onderwijsroute",
    Leerroute.Z_ROUTE: "z_route",
}


def _gezinssituatie(gezinsleden: Sequence[GezinslidPlan], child_ages: list[int]) -> str:
    partner = next((lid for lid in gezinsleden if lid.relatie == Relatie.PARTNER), None)
    if partner is None:
        text = "Alleenstaand"
    elif not partner.bsn:
        text = "Gehuwd; de partner woont nog in het buitenland"
    else:
        text = "Woont samen met de partner"
    if child_ages:
        count = len(child_ages)
        word = ("een kind", "twee kinderen", "drie kinderen", "vier kinderen", "vijf kinderen")[min(count, 5) - 1]
        ages = ", ".join(str(age) for age in child_ages[:-1]) + (" en " if count > 1 else "") + str(child_ages[-1])
        text += f", {word} ({ages} jaar)"
    return text + "."
