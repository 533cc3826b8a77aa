"""Which rules a PIP version and its inburgeringsaanbod break, as `Problem`s with Dutch messages.

The legal and DUO rules are in openinburgering.rules.leerroute; this module gathers their facts
from the database, adds the checks for a complete beschikking and names the form field of each.
"""

from dataclasses import dataclass
from datetime import date

from django.db.models import Max, Min

from openinburgering.dossiers.models import Dossier
from openinburgering.rules.base import Violation
from openinburgering.rules.enums import Doelgroep
from openinburgering.rules.leerroute import (
    MAP_ROUTES,
    PVT_MIN_HOURS,
    AanbodFacts,
    Leerroute,
    Niveau,
    PipFacts,
    aanbod_violations,
    effective_level,
    pip_violations,
)
from openinburgering.rules.termijnen import inburgeringstermijn

from .exceptions import Problem
from .messages import check_message, violation_message
from .models import DECIDED_PIP_STATUSES, Pip, PipAanbod
from .selectors import first_decided_pip

# The rules' field names for an inburgeringsaanbod → the form's (and model's) field names.
AANBOD_FIELDS = {
    "datum_aanbod": "datum_inburgeringsaanbod",
    "start_opleiding": "verwachte_startdatum_opleiding",
    "einde_opleiding": "verwachte_einddatum_opleiding",
}
ROUTE_OVERWEGING_FIELDS = {
    Leerroute.B1_ROUTE: "overweging_b1_route",
    Leerroute.ONDERWIJSROUTE: "overweging_onderwijsroute",
    Leerroute.Z_ROUTE: "overweging_z_route",
}


@dataclass(frozen=True)
class Termijn:
    start: date
    last_day: date


def termijn_for(pip: Pip, *, dagtekening: date) -> Termijn:
    """The inburgeringstermijn this version will have: the first vastgesteld version's (Wi 11(3)),
    or three years from the day after `dagtekening` when this is the first (Wi 11(1))."""
    first = first_decided_pip(dossier=pip.dossier)
    if first is not None and first.pk != pip.pk and first.inburgeringstermijn_start and first.inburgeringstermijn_einde:
        return Termijn(first.inburgeringstermijn_start, first.inburgeringstermijn_einde)
    computed = inburgeringstermijn(dagtekening)
    return Termijn(computed.start, computed.last_day)


def _problem(violation: Violation, *, field: str | None = None, extra: dict[str, object] | None = None) -> Problem:
    return Problem(
        field=field or violation.field, code=violation.code, message=violation_message(violation, extra=extra)
    )


def _completeness(pip: Pip, doelgroep: Doelgroep) -> list[Violation]:
    """What a PIP beschikking must contain (Wi 13, 15; Bi 3.1, 5.3(4); Awb 3:46; ECLI:NL:RVS:2024:5413)."""
    found: list[Violation] = []
    if not pip.leerroute:
        found.append(Violation("leerroute_verplicht", "leerroute"))
    if pip.pvt_intensiteit_uren is None:
        found.append(Violation("pvt_verplicht", "pvt_intensiteit_uren"))
    elif pip.pvt_intensiteit_uren < PVT_MIN_HOURS.value:
        found.append(Violation("pvt_minimum", "pvt_intensiteit_uren"))
    if pip.map_opgenomen and pip.leerroute in MAP_ROUTES.value and not pip.map_intensiteit.strip():
        found.append(Violation("map_intensiteit_verplicht", "map_intensiteit"))
    if not pip.aantal_voortgangsgesprekken:
        found.append(Violation("voortgangsgesprekken_verplicht", "aantal_voortgangsgesprekken"))
    if not pip.begeleiding_ondersteuning.strip():
        found.append(Violation("begeleiding_verplicht", "begeleiding_ondersteuning"))
    if doelgroep == Doelgroep.ASIELSTATUSHOUDER and not pip.maatschappelijke_begeleiding.strip():
        found.append(Violation("maatschappelijke_begeleiding_verplicht", "maatschappelijke_begeleiding"))
    if not pip.motivering.strip():
        found.append(Violation("motivering_verplicht", "motivering"))
    if pip.leerroute:
        for route, field in ROUTE_OVERWEGING_FIELDS.items():
            if route != pip.leerroute and not getattr(pip, field).strip():
                found.append(Violation("overweging_verplicht", field, {"leerroute": route.value}))
    if pip.versie > 1 and not pip.wijzigingsreden.strip():
        found.append(Violation("wijzigingsreden_verplicht", "wijzigingsreden"))
    return found


def _person_dagtekeningen(dossier: Dossier, *, exclude: Pip) -> tuple[date | None, date | None]:
    """The dagtekening of the person's first and latest vastgesteld PIP, in any dossier (any gemeente we know)."""
    decided = (
        Pip.objects.filter(dossier__inburgeraar_id=dossier.inburgeraar_id, status__in=DECIDED_PIP_STATUSES)
        .exclude(pk=exclude.pk)
        .aggregate(first=Min("dagtekening"), latest=Max("dagtekening"))
    )
    return decided["first"], decided["latest"]


def _vorige_niveau(pip: Pip) -> Niveau | None:
    """The level the version this one replaces had (DUO records B1 when none was given)."""
    vorige = pip.vorige
    if vorige is None or not vorige.leerroute:
        return None
    return effective_level(Leerroute(vorige.leerroute), Niveau(vorige.niveau) if vorige.niveau else None)


def pip_facts(pip: Pip, *, dagtekening: date | None) -> PipFacts:
    dossier = pip.dossier
    eerste, vorige = _person_dagtekeningen(dossier, exclude=pip)
    return PipFacts(
        leerroute=Leerroute(pip.leerroute),
        niveau=Niveau(pip.niveau) if pip.niveau else None,
        doelgroep=Doelgroep(dossier.doelgroep),
        dagtekening=dagtekening,
        geschatte_intensiteit=pip.geschatte_intensiteit,
        map_included=pip.map_opgenomen,
        z_participatie_uren=pip.z_participatie_uren,
        vorige_niveau=_vorige_niveau(pip),
        afschalen_uren=pip.afschalen_uren,
        afschalen_inspanning=pip.afschalen_inspanning,
        is_first_pip=eerste is None,
        plicht_begindatum=dossier.plicht_begindatum,
        vestigingsdatum=dossier.datum_brp_inschrijving,
        eerste_dagtekening=eerste,
        vorige_dagtekening=vorige,
    )


def aanbod_problems(
    pip: Pip, aanbod: PipAanbod, *, dagtekening: date | None, termijn: Termijn | None, prefix: str = ""
) -> list[Problem]:
    """DUO's rules for one inburgeringsaanbod (README, "Inburgeringsaanbod").

    `prefix` names the instelling in each message when the problems are shown with the PIP's.
    """
    if not pip.leerroute:
        return [Problem("leerroute", "leerroute_verplicht", check_message("leerroute_verplicht"))]
    facts = AanbodFacts(
        doelgroep=Doelgroep(pip.dossier.doelgroep),
        leerroute=Leerroute(pip.leerroute),
        has_pip=True,
        instelling_keurmerk=aanbod.instelling.heeft_bow_keurmerk,
        instelling_taalschakel=aanbod.instelling.is_taalschakelinstelling,
        datum_aanbod=aanbod.datum_inburgeringsaanbod,
        start_opleiding=aanbod.verwachte_startdatum_opleiding,
        einde_opleiding=aanbod.verwachte_einddatum_opleiding,
        pip_dagtekening=dagtekening,
        termijn_start=termijn.start if termijn else None,
        termijn_last_day=termijn.last_day if termijn else None,
    )
    extra: dict[str, object] = {"termijn_start": facts.termijn_start, "termijn_last_day": facts.termijn_last_day}
    problems = []
    for violation in aanbod_violations(facts):
        problem = _problem(violation, field=AANBOD_FIELDS.get(violation.field, violation.field), extra=extra)
        if prefix:
            problem = Problem(problem.field, problem.code, f"{prefix}: {problem.message}")
        problems.append(problem)
    return problems


# DUO's combination rules, which no later input can repair: refused as soon as a concept is saved.
COMBINATION_CODES = frozenset(
    {
        "niveau_route",
        "niveau_eerste_pip",
        "intensiteit_alleen_b1_asiel",
        "intensiteit_bereik",
        "map_niet_op_onderwijsroute",
        "participatie_alleen_z",
    }
)


def combination_problems(pip: Pip) -> list[Problem]:
    """The route × level × doelgroep combinations of this concept that DUO and the law refuse."""
    if not pip.leerroute:
        return []
    violations = pip_violations(pip_facts(pip, dagtekening=None))
    return [_problem(violation) for violation in violations if violation.code in COMBINATION_CODES]


def pip_problems(pip: Pip, *, dagtekening: date, termijn: Termijn | None = None) -> list[Problem]:
    """Every rule this version breaks if it were vastgesteld with `dagtekening`: its content, DUO's
    acceptance rules and those of each inburgeringsaanbod (the aanbod's problems have field "aanbod")."""
    doelgroep = Doelgroep(pip.dossier.doelgroep)
    problems = [_problem(violation) for violation in _completeness(pip, doelgroep)]
    if not pip.leerroute:
        return problems
    problems += [_problem(violation) for violation in pip_violations(pip_facts(pip, dagtekening=dagtekening))]
    termijn = termijn or termijn_for(pip, dagtekening=dagtekening)
    carried_over = _aanbod_keys(pip.vorige) if pip.vorige is not None else set()
    for aanbod in pip.aanbod.select_related("instelling"):
        # An aanbod unchanged from the previous version was accepted under that version's dagtekening.
        reference = pip.vorige.dagtekening if pip.vorige and _aanbod_key(aanbod) in carried_over else dagtekening
        for problem in aanbod_problems(
            pip, aanbod, dagtekening=reference, termijn=termijn, prefix=str(aanbod.instelling)
        ):
            problems.append(Problem("aanbod", problem.code, problem.message))
    return problems


AanbodKey = tuple[int, date, date | None, date | None, str]


def _aanbod_key(aanbod: PipAanbod) -> AanbodKey:
    return (
        aanbod.instelling_id,
        aanbod.datum_inburgeringsaanbod,
        aanbod.verwachte_startdatum_opleiding,
        aanbod.verwachte_einddatum_opleiding,
        aanbod.indicator_alfabetisering,
    )


def _aanbod_keys(pip: Pip) -> set[AanbodKey]:
    return {_aanbod_key(aanbod) for aanbod in pip.aanbod.all()}
