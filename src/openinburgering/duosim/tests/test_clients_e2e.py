"""The product's own typed DUO clients against the simulator over real HTTP (a thread server).

Every client operation works end to end, so both sides read DUO's specs the same way.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from openinburgering.duo.clients import (
    DuoClientConfig,
    DuoClients,
    DuoNietGeautoriseerd,
    DuoNietGevonden,
    DuoTijdelijkeFout,
    clients_for,
)
from openinburgering.duosim import RunningSimulator, Simulator, serve_in_thread

from .conftest import DUO_OIN, GEMEENTE, VANDAAG
from .wereld import BOW_INSTELLING, ONBEKEND_BSN, Wereld, bouw_wereld


@pytest.fixture
def running() -> Iterator[RunningSimulator]:
    simulator = Simulator(duo_oin=DUO_OIN, rng_seed=3)
    simulator.state.vandaag_override = VANDAAG
    with serve_in_thread(simulator) as running:
        yield running


@pytest.fixture
def wereld(running: RunningSimulator) -> Wereld:
    return bouw_wereld(running.simulator)


@pytest.fixture
def duo(running: RunningSimulator) -> Iterator[DuoClients]:
    clients = clients_for(DuoClientConfig(base_url=running.url, bron_oin=GEMEENTE, doel_oin=DUO_OIN, read_timeout=5))
    yield clients
    clients.close()


def test_every_client_operation_end_to_end(duo: DuoClients, wereld: Wereld, running: RunningSimulator) -> None:
    state = running.simulator.state
    b1 = wereld.b1
    # Contactpersoon
    created = duo.contactpersoon.post_contactpersoon(
        {"naam": "Jan-Willem van 't Hof", "email": "jw@dordrecht.example", "telefoonnummer": "+31 78 1234567"}
    )
    cp_id = created["id"]
    assert created["contactpersoongegevens"]["naam"] == "Jan-Willem van 't Hof"
    duo.contactpersoon.put_contactpersoon(
        cp_id, {"naam": "J. van 't Hof", "email": "jw@x.nl", "telefoonnummer": "0781"}
    )
    duo.contactpersoon.post_contactpersoon_persoon(cp_id, b1)
    assert state.personen[b1].contactpersoon_ids[GEMEENTE] == cp_id  # the earlier koppeling is overwritten
    duo.contactpersoon.delete_contactpersoon_persoon(cp_id, b1)
    duo.contactpersoon.post_contactpersoon_persoon(cp_id, b1)
    duo.contactpersoon.delete_contactpersoon(cp_id)
    assert GEMEENTE not in state.personen[b1].contactpersoon_ids  # deleting removes the koppelingen
    # Examen
    assert {t["onderdeel"] for t in duo.examen.get_gratis_pogingen(b1)} == {"KNM", "LE", "LU", "SC", "SP"}
    assert duo.examen.get_resultaten(b1)[0]["resultaat"] == "Gezakt"
    # Gevolgde uren
    duo.gevolgde_uren.put_uren_taalles_knm(b1, {"uren": 120})
    duo.gevolgde_uren.put_uren_participatieactiviteiten(b1, {"uren": 40})
    duo.gevolgde_uren.put_uren_participatie_taalles(b1, {"uren": 8})
    assert duo.gevolgde_uren.get_uren(b1) == [
        {"gemeentecode": "0505", "TaallesEnKnmBredeIntake": {"uren": 120},
         "ParticipatieactiviteitenBredeIntake": {"uren": 40}, "ParticipatieAlsTaalles": {"uren": 8}}
    ]  # fmt: skip
    # Inburgeringsaanbod
    assert any(i["instellingsnummer"] == BOW_INSTELLING for i in duo.inburgeringsaanbod.get_instellingen())
    aanbod = {"datumInburgeringsaanbod": "2025-04-01", "indicatorAlfabetiseringsonderwijs": "NVT"}
    duo.inburgeringsaanbod.post_inburgeringsaanbod(b1, BOW_INSTELLING, aanbod)  # type: ignore[typeddict-item]
    assert state.personen[b1].aanbod[BOW_INSTELLING] == aanbod
    duo.inburgeringsaanbod.delete_inburgeringsaanbod(b1, BOW_INSTELLING)
    assert BOW_INSTELLING not in state.personen[b1].aanbod
    # Inburgeringsplicht
    assert duo.inburgeringsplicht.get_doelgroep(b1)["indeling"] == "Asielstatushouder"
    assert duo.inburgeringsplicht.get_doelgroep_historie(b1)[0]["einddatum"] == "2025-01-09"
    assert duo.inburgeringsplicht.get_inburgeringsplicht(b1)["begindatum"] == "2025-01-10"
    assert duo.inburgeringsplicht.get_inburgeringsplicht_historie(b1)[0]["indicatorInburgeringsplicht"] is True
    # Inburgeringstermijn
    assert duo.inburgeringstermijn.get_inburgeringstermijn(b1)["einddatum"] == "2028-03-01"
    assert duo.inburgeringstermijn.get_inburgeringstermijn_historie(b1)
    assert {g["code"] for g in duo.inburgeringstermijn.get_verlengingsgronden()} >= {"MED"}
    # Leerbaarheidstoets
    assert duo.leerbaarheidstoets.get_examennummer(b1)["examennummer"].startswith("LBT")
    assert duo.leerbaarheidstoets.get_resultaten(b1)[0]["behaaldeScore"] == "61,50"
    duo.leerbaarheidstoets.delete_examennummer(b1)
    with pytest.raises(DuoNietGevonden):
        duo.leerbaarheidstoets.get_examennummer(b1)
    # MAP, PVT, Z-route
    duo.map_pvt_zroute.put_map(b1, {"datumEindgesprekMap": "2026-05-20"})
    assert duo.map_pvt_zroute.get_map(b1) == {"datumEindgesprekMap": "2026-05-20"}
    duo.map_pvt_zroute.put_pvt(b1, {"datumOndertekeningPvt": "2026-05-21"})
    assert duo.map_pvt_zroute.get_pvt(b1) == {"datumOndertekeningPvt": "2026-05-21"}
    duo.map_pvt_zroute.put_zroute(wereld.zroute, {"datumAfrondingZroute": "2026-05-01"})
    assert state.personen[wereld.zroute].zroute_datum is not None
    # Ontheffing, Vrijstelling
    assert duo.ontheffing.get_ontheffingen(b1)[0]["GedeeltelijkeOntheffing"]["grond"] == "MED"
    assert duo.vrijstelling.get_vrijstellingen(b1)[0]["GedeeltelijkeVrijstelling"]["reden"] == "OPL"
    # PIP
    duo.pip.post_pip(wereld.zonder_pip, {"dagtekeningPip": "2026-04-15", "leerroute": "O"})
    assert duo.pip.get_pip(wereld.zonder_pip) == {
        "gemeentecode": "0505", "pip": {"dagtekeningPip": "2026-04-15", "leerroute": "O", "niveau": "B1"}
    }  # fmt: skip
    duo.pip.delete_pip(wereld.zonder_pip)
    with pytest.raises(DuoNietGevonden):
        duo.pip.get_pip(wereld.zonder_pip)


def test_client_sees_rejections_and_unknown_persons(duo: DuoClients, wereld: Wereld) -> None:
    with pytest.raises(DuoNietGeautoriseerd) as rejected:
        duo.pip.post_pip(wereld.zonder_pip, {"dagtekeningPip": "2026-04-15", "leerroute": "Z", "niveau": "B1"})
    assert rejected.value.foutteksten == ("Niveau B1 mag niet in combinatie met de Z-route worden aangeleverd.",)
    with pytest.raises(DuoNietGevonden):
        duo.inburgeringsplicht.get_inburgeringsplicht(ONBEKEND_BSN)


def test_client_retries_see_transient_faults(duo: DuoClients, wereld: Wereld, running: RunningSimulator) -> None:
    running.simulator.storingen.instellen(status=503, aantal=1)
    with pytest.raises(DuoTijdelijkeFout):
        duo.pip.get_pip(wereld.b1)
    assert duo.pip.get_pip(wereld.b1)["gemeentecode"] == "0505"
    running.simulator.storingen.instellen(verbinding_verbreken=True, aantal=1)
    with pytest.raises(DuoTijdelijkeFout) as dropped:
        duo.pip.get_pip(wereld.b1)
    assert dropped.value.status is None
