"""What the web app (app.py) and the control page (html.py) need of the simulator, and the scenarios the
control page offers. The simulator (simulator.py) builds its web app, so app.py and html.py know it only by
this protocol: the modules import each other one way.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from .state import DuoState, VerzondenNotificatie
from .storingen import Storingen


@dataclass(frozen=True)
class Scenario:
    naam: str
    omschrijving: str  # Dutch, for the control page
    gebeurtenissen: str


SCENARIOS: tuple[Scenario, ...] = (
    Scenario("nieuw-asiel", "Nieuwe inburgeringsplichtige (asielstatushouder)", "SS139"),
    Scenario("nieuw-regulier", "Nieuwe inburgeringsplichtige (gezinsmigrant)", "SS101"),
    Scenario("examen", "Examenresultaat bekend", "SS199"),
    Scenario("verlengd", "Termijn ambtshalve verlengd", "SS103"),
    Scenario("diploma", "Diploma behaald (inburgeringsplicht voldaan)", "SS106"),
    Scenario("verhuisd", "Verhuisd naar deze gemeente", "SS120 / SS121"),
    Scenario("tijdelijke-vrijstelling", "Tijdelijke vrijstelling toegekend", "SS109"),
    Scenario("overleden", "Persoon is overleden", "SS111"),
    Scenario("verzoek-afgewezen", "Verzoek verlenging afgewezen", "SS113"),
)
SCENARIO_NAMEN = tuple(s.naam for s in SCENARIOS)


@dataclass
class ScenarioResultaat:
    scenario: str
    bsn: str
    gebeurtenis_id: str
    gemeente_oin: str
    notificaties: list[VerzondenNotificatie] = field(default_factory=list)


class SimulatorLike(Protocol):
    duo_oin: str
    product_url: str | None
    accept_unknown_gemeenten: bool
    state: DuoState
    storingen: Storingen

    def scenario(self, naam: str, *, gemeente_oin: str, bsn: str | None = None) -> ScenarioResultaat: ...
