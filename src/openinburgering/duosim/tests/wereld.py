"""A small, fixed DUO world for the tests (today is conftest.VANDAAG, 2026-06-01)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from openinburgering.duosim import Simulator
from openinburgering.duosim.state import PipRegistratie

from .conftest import ANDERE_GEMEENTE, GEMEENTE

ONBEKEND_BSN = "999993653"  # valid elfproef, never added
BOW_INSTELLING = "0000100001"
TST_INSTELLING = "0000200001"
INSTELLING_ZONDER_KEURMERK = "0000300001"


def pip(dagtekening: str, leerroute: str = "B", **extra: object) -> dict[str, object]:
    return {"dagtekeningPip": dagtekening, "leerroute": leerroute, **extra}


@dataclass
class Wereld:
    b1: str  # asiel, B1-route PIP of GEMEENTE, termijn running, lots of data
    zroute: str  # asiel, Z-route PIP of GEMEENTE, termijn running
    zonder_pip: str  # asiel, no PIP, no termijn
    pip_los: str  # PIP of GEMEENTE, no termijn, no hours: the PIP may be withdrawn
    elders: str  # lives in ANDERE_GEMEENTE
    gezin: str  # gezinsmigrant with a PIP
    contactpersoon: int  # of GEMEENTE, linked to b1
    contactpersoon_los: int  # of GEMEENTE, not linked


def bouw_wereld(sim: Simulator) -> Wereld:
    state = sim.state
    b1 = state.persoon_toevoegen(
        gemeente_oin=GEMEENTE,
        plicht_begindatum=date(2025, 1, 10),
        termijn_start=date(2025, 3, 1),
        termijn_eind=date(2028, 3, 1),
        termijn_wijzigingsdatum=date(2025, 3, 1),
        cursusdeelnameuren=40,
        map_datum=date(2026, 2, 1),
        map_gemeente_oin=GEMEENTE,
        pvt_datum=date(2025, 9, 1),
        pvt_gemeente_oin=GEMEENTE,
        uren={GEMEENTE: {"TaallesEnKnmBredeIntake": 10}},
        aanbod={"0000100002": {"indicatorAlfabetiseringsonderwijs": "NVT"}},
    )
    b1.pips.append(
        PipRegistratie(GEMEENTE, pip("2025-03-01", niveau="B1", geschatteIntensiteitB1Route=600), date(2025, 3, 1))
    )
    b1.doelgroep_historie.append({"indeling": "Gezinsmigrant en overige migrant", "begindatum": "2024-06-01",
                                  "einddatum": "2025-01-09"})  # fmt: skip
    b1.termijn_historie.append({"einddatum": "2028-03-01", "wijzigingsdatum": "2025-03-01"})
    b1.lbt_resultaten.append({"resultaat": "B1-route haalbaar", "behaaldeScore": "61,50", "benodigdeScore": "55,00",
                              "datumAfname": "2025-02-10"})  # fmt: skip
    b1.examenresultaten.append({"examendatum": "2026-05-12", "resultaat": "Gezakt", "onderdeel": "LE", "niveau": "B1"})
    gedeeltelijk = {"reden": "OPL", "oordeel": "Toekenning", "examenonderdeel": "LE", "examenniveau": "B1"}
    b1.vrijstellingen.append({"GedeeltelijkeVrijstelling": gedeeltelijk})
    b1.ontheffingen.append({"GedeeltelijkeOntheffing": {"oordeel": "Toekenning", "datumOordeel": "2026-04-01",
                                                        "grond": "MED", "examenonderdeel": "SP"}})  # fmt: skip

    zroute = state.persoon_toevoegen(
        gemeente_oin=GEMEENTE,
        plicht_begindatum=date(2023, 11, 1),
        termijn_start=date(2024, 1, 1),
        termijn_eind=date(2027, 1, 1),
    )
    zroute.pips.append(PipRegistratie(GEMEENTE, pip("2024-01-01", "Z", niveau="A2"), date(2024, 1, 1)))

    zonder_pip = state.persoon_toevoegen(gemeente_oin=GEMEENTE, plicht_begindatum=date(2026, 4, 1))
    zonder_pip.lbt_examennummer = None

    pip_los = state.persoon_toevoegen(gemeente_oin=GEMEENTE, plicht_begindatum=date(2026, 1, 5))
    pip_los.pips.append(PipRegistratie(GEMEENTE, pip("2026-03-01", niveau="B1"), date(2026, 3, 1)))

    elders = state.persoon_toevoegen(gemeente_oin=ANDERE_GEMEENTE, plicht_begindatum=date(2026, 1, 5))

    gezin = state.persoon_toevoegen(gemeente_oin=GEMEENTE, asiel=False, plicht_begindatum=date(2026, 1, 5))
    gezin.pips.append(PipRegistratie(GEMEENTE, pip("2026-02-01", niveau="B1"), date(2026, 2, 1)))

    gegevens = {"naam": "Anna de Jong", "email": "a.dejong@dordrecht.example", "telefoonnummer": "078 1234567"}
    cp = state.contactpersoon_toevoegen(gemeente_oin=GEMEENTE, gegevens=gegevens)
    los = state.contactpersoon_toevoegen(gemeente_oin=GEMEENTE, gegevens=gegevens)
    b1.contactpersoon_ids[GEMEENTE] = cp.id
    return Wereld(b1.bsn, zroute.bsn, zonder_pip.bsn, pip_los.bsn, elders.bsn, gezin.bsn, cp.id, los.id)
