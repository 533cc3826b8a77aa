"""A simulator of DUO's side of the M2M exchange for inburgering (issue 5, part 5), plus a BRP fake.

A plain WSGI application on werkzeug, without Django: it serves DUO's eleven gemeente → DUO
APIs under ``/v1`` as DUO's specs (``../shared/reference/duo-m2m``) describe them, applies
DUO's acceptance rules (``regels``), keeps its state in memory (``state``), sends notificaties
to the product (``Simulator.notificeer`` and the scenarios) and fakes the Haal Centraal BRP
API Personen (``brp``). The spec files are only read by the tests.

Python::

    from openinburgering.duosim import serve_in_thread

    with serve_in_thread(product_url="http://127.0.0.1:8000/duo/notificaties") as running:
        running.url                                  # http://127.0.0.1:PORT; DUO's APIs at /v1
        sim = running.simulator
        persoon = sim.state.persoon_toevoegen(gemeente_oin="00000099000000000002")
        sim.nieuwe_inburgeringsplichtige(gemeente_oin="00000099000000000002")   # SS139
        sim.scenario("examen", gemeente_oin="00000099000000000002", bsn=persoon.bsn)
        sim.storingen.instellen(status=503, aantal=2)
        sim.ontvangen(), sim.verzonden()

Command line (``python -m openinburgering.duosim``)::

    # serve (the default sub-command); --seed adds a handful of persons
    python -m openinburgering.duosim --port 8001 \\
        --product-url http://127.0.0.1:8000/duo/notificaties --duo-oin 00000099000000000001 --seed
    # DUO only answers gemeenten it knows (default: Dordrecht 00000099000000000002, Zwijndrecht,
    # Papendrecht, Sliedrecht, Amsterdam; see state.DEFAULT_GEMEENTEN); add more, or accept any bron:
    #   --gemeente 00000001002220647000=0599:Rotterdam   (repeatable)   --accept-unknown-gemeenten

    # send one scenario through a running simulator (so its state changes too) ...
    python -m openinburgering.duosim notificeer --scenario nieuw-asiel \\
        --gemeente-oin 00000099000000000002 --simulator-url http://127.0.0.1:8001
    # ... or directly to the product, from a fresh in-memory simulator
    python -m openinburgering.duosim notificeer --scenario examen --bsn 999993653 \\
        --gemeente-oin 00000099000000000002 --product-url http://127.0.0.1:8000/duo/notificaties

Scenarios: nieuw-asiel (SS139), nieuw-regulier (SS101), examen (SS199), verlengd (SS103),
diploma (SS106), verhuisd (SS120/SS121), tijdelijke-vrijstelling (SS109), overleden (SS111),
verzoek-afgewezen (SS113).

HTTP control endpoints: ``GET /`` (control page), ``GET /_sim/state`` (JSON),
``POST /_sim/storingen`` (``{"status": 503, "aantal": 5}``, ``{"status": 429, "retry_after": "30"}``,
``{"status": 403, "als_gateway": true}``, ``{"vertraging_ms": 2000}``,
``{"verbinding_verbreken": true, "aantal": 2}``, ``{"dubbele_notificaties": 0.5}``,
``{"reset": true}``), ``POST /_sim/scenario`` (``{"scenario", "gemeente_oin", "bsn"}``),
``POST /_sim/personen`` (``{"gemeente_oin", "bsn", "asiel"}``), ``POST /_sim/seed``,
``POST /_sim/reset``.
"""

from .besturing import SCENARIO_NAMEN, SCENARIOS, ScenarioResultaat
from .server import RunningSimulator, make_server, serve_in_thread
from .simulator import DEFAULT_DUO_OIN, Simulator
from .state import DEFAULT_GEMEENTEN, DuoState, Gemeente, OntvangenBericht, Persoon, VerzondenNotificatie
from .storingen import Storingen

__all__ = [
    "DEFAULT_DUO_OIN",
    "DEFAULT_GEMEENTEN",
    "SCENARIOS",
    "SCENARIO_NAMEN",
    "DuoState",
    "Gemeente",
    "OntvangenBericht",
    "Persoon",
    "RunningSimulator",
    "ScenarioResultaat",
    "Simulator",
    "Storingen",
    "VerzondenNotificatie",
    "make_server",
    "serve_in_thread",
]
