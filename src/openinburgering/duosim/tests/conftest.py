from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import httpx
import pytest

from openinburgering.duosim import Simulator

GEMEENTE = "00000099000000000002"  # Dordrecht in the default gemeenten
ANDERE_GEMEENTE = "00000001002221450000"  # Zwijndrecht
DUO_OIN = "00000001800866472000"
VANDAAG = date(2026, 6, 1)


@pytest.fixture
def sim() -> Iterator[Simulator]:
    simulator = Simulator(duo_oin=DUO_OIN, rng_seed=7)
    simulator.state.vandaag_override = VANDAAG
    yield simulator
    simulator.close()


@pytest.fixture
def http(sim: Simulator) -> Iterator[httpx.Client]:
    """An httpx client talking to the simulator's WSGI app in-process."""
    with httpx.Client(transport=httpx.WSGITransport(app=sim.wsgi_app), base_url="http://duo.test") as client:
        yield client
