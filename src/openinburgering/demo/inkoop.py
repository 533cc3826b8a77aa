"""Contracts in the demo region (JOURNEYS.md §4, Sanne): the three aanbieders' contracts with several price models,
and their keurmerken, one about to expire and one expired.

Everything is dated from `today`, so the same --today gives the same rows and the start page always has
something to show: the ROC's contract ends within 90 days, the ROC's keurmerk expires within 90 days and the
Taalhuis's expired three weeks ago. The contracts go through the services (as the contract manager), so the
demo holds exactly what the pages would have made; a handful of rows, written in well under a second.
"""

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from openinburgering.aanbod.models import Aanbieder
from openinburgering.accounts.models import User
from openinburgering.gemeenten.models import Gemeente
from openinburgering.inkoop.constants import ComponentChoices as C
from openinburgering.inkoop.constants import Prijsmodel as P
from openinburgering.inkoop.models import Contract, ContractVersie, Perceel
from openinburgering.inkoop.services import PerceelInput, contract_create, contract_version_create

INKOOP_MODELS = (Contract, ContractVersie, Perceel)

# Aanbieder → the last day of its keurmerk, in days from today (negative: expired).
KEURMERK_DAGEN = {
    "Taalschool De Brug": 640,
    "ROC Da Vinci College": 45,  # expires within the 90-day window: a warning
    "Taalhuis Drechtsteden": -21,  # expired: new B1- and Z-route placements of asielstatushouders are refused
}


@dataclass(frozen=True)
class _P:
    component: str
    prijsmodel: str
    tarief: str
    volume: int
    budget: str
    gemeenten: tuple[str, ...] = ()  # CBS codes; empty: every gemeente of the region
    bonus: str | None = None
    bonusvoorwaarde: str = ""
    start: int = 28
    acceptatie: int = 5


def _inputs(percelen: list[_P], gemeenten: dict[str, int]) -> list[PerceelInput]:
    return [
        PerceelInput(
            component=p.component,
            prijsmodel=p.prijsmodel,
            tarief=Decimal(p.tarief),
            volume=p.volume,
            budgetplafond=Decimal(p.budget),
            gemeente_ids=frozenset(gemeenten[c] for c in p.gemeenten) if p.gemeenten else frozenset(gemeenten.values()),
            starttermijn_dagen=p.start,
            acceptatietermijn_werkdagen=p.acceptatie,
            resultaatbonus=Decimal(p.bonus) if p.bonus else None,
            bonusvoorwaarde=p.bonusvoorwaarde,
        )
        for p in percelen
    ]


def load_contracten(*, today: date, actor_id: int) -> dict[str, int]:
    """The keurmerk dates and the contracts, recorded by the contract manager `actor_id` (scope: the region)."""
    actor = User.objects.get(pk=actor_id)
    aanbieders = {a.naam: a for a in Aanbieder.objects.filter(naam__in=KEURMERK_DAGEN)}
    for naam, dagen in KEURMERK_DAGEN.items():
        Aanbieder.objects.filter(pk=aanbieders[naam].pk).update(bow_keurmerk_geldig_tot=today + timedelta(days=dagen))
    gemeenten = dict(Gemeente.objects.values_list("code", "pk"))
    year = today.year

    brug = contract_create(
        actor=actor,
        aanbieder=aanbieders["Taalschool De Brug"],
        kenmerk=f"INK-{year - 1}-001",
        omschrijving="Taaltrajecten B1-route en Z-route, met alfabetisering",
        startdatum=date(year - 1, 1, 1),
        einddatum=date(year + 1, 12, 31),
        percelen=_inputs(
            [
                _P(C.B1_ROUTE, P.PER_TRAJECT, "9850.00", 120, "1182000.00"),
                _P(C.Z_ROUTE, P.PER_UUR, "62.50", 16_000, "1000000.00", start=42),
                _P(
                    C.ALFABETISERING,
                    P.TRAJECT_MET_RESULTAATBONUS,
                    "7500.00",
                    30,
                    "255000.00",
                    ("0505", "0642"),
                    bonus="1000.00",
                    bonusvoorwaarde="Examen A2 lezen en schrijven behaald",
                ),
            ],
            gemeenten,
        ),
    )
    contract_version_create(
        actor=actor,
        contract=brug,
        ingangsdatum=date(year, 1, 1),
        wijzigingsreden="Jaarlijkse indexering van de tarieven; tolkdiensten toegevoegd.",
        percelen=_inputs(
            [
                _P(C.B1_ROUTE, P.PER_TRAJECT, "10150.00", 120, "1218000.00"),
                _P(C.Z_ROUTE, P.PER_UUR, "64.00", 16_000, "1024000.00", start=42),
                _P(
                    C.ALFABETISERING,
                    P.TRAJECT_MET_RESULTAATBONUS,
                    "7725.00",
                    30,
                    "262750.00",
                    ("0505", "0642"),
                    bonus="1000.00",
                    bonusvoorwaarde="Examen A2 lezen en schrijven behaald",
                ),
                _P(C.TOLKDIENSTEN, P.PER_UUR, "48.00", 800, "38400.00", start=7, acceptatie=2),
            ],
            gemeenten,
        ),
    )
    contract_create(
        actor=actor,
        aanbieder=aanbieders["ROC Da Vinci College"],
        kenmerk=f"INK-{year - 1}-002",
        omschrijving="Onderwijsroute: taalschakeltraject",
        startdatum=date(year - 1, 8, 1),
        einddatum=today + timedelta(days=60),  # ends within 90 days: on the start page
        percelen=_inputs(
            [
                _P(
                    C.ONDERWIJSROUTE,
                    P.TRAJECT_MET_RESULTAATBONUS,
                    "17500.00",
                    25,
                    "475000.00",
                    bonus="1500.00",
                    bonusvoorwaarde="Taalschakeltraject afgerond met instroom in mbo, hbo of wo",
                    start=56,
                    acceptatie=10,
                ),
            ],
            gemeenten,
        ),
    )
    contract_create(
        actor=actor,
        aanbieder=aanbieders["Taalhuis Drechtsteden"],
        kenmerk=f"INK-{year}-003",
        omschrijving="KNM, MAP, PVT en maatschappelijke begeleiding",
        startdatum=date(year, 1, 1),
        einddatum=date(year + 2, 6, 30),
        percelen=_inputs(
            [
                _P(C.KNM, P.PER_UUR, "55.00", 3_000, "165000.00", ("0482", "0531", "0590", "0610")),
                _P(C.MAP, P.PER_TRAJECT, "1450.00", 90, "130500.00", ("0482", "0531", "0590", "0610")),
                _P(C.PVT, P.PER_TRAJECT, "650.00", 150, "97500.00"),
                _P(C.MAATSCHAPPELIJKE_BEGELEIDING, P.PER_TRAJECT, "1200.00", 150, "180000.00", start=14),
                _P(C.B1_ROUTE, P.PER_TRAJECT, "9600.00", 40, "384000.00", ("0590", "0610")),
            ],
            gemeenten,
        ),
    )
    return {model._meta.label: model.objects.count() for model in INKOOP_MODELS}
