"""Idempotency by berichtId, fault injection, notificaties and scenarios, control page and CLI."""

from __future__ import annotations

import json
import threading
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import httpx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from openinburgering.duosim import RunningSimulator, Simulator, serve_in_thread
from openinburgering.duosim.__main__ import main as cli_main

from .conftest import ANDERE_GEMEENTE, DUO_OIN, GEMEENTE, VANDAAG
from .wereld import bouw_wereld

HEADERS = {"bron": GEMEENTE, "doel": DUO_OIN}


def _headers(bericht_id: str | None = None) -> dict[str, str]:
    return {**HEADERS, "berichtId": bericht_id or str(uuid.uuid4())}


# --- a product stand-in that records what arrives ----------------------------------------------


@dataclass
class Ontvanger:
    url: str
    ontvangen: list[tuple[dict[str, str], dict[str, Any]]] = field(default_factory=list)
    status: int = 201


@pytest.fixture
def ontvanger() -> Iterator[Ontvanger]:
    ontvanger = Ontvanger(url="")

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
            ontvanger.ontvangen.append((dict(self.headers.items()), body))
            self.send_response(ontvanger.status)
            self.send_header("API-Version", "1.8.0")
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    ontvanger.url = f"http://127.0.0.1:{server.server_port}/duo/notificaties"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield ontvanger
    server.shutdown()
    server.server_close()


@pytest.fixture
def running(ontvanger: Ontvanger) -> Iterator[RunningSimulator]:
    simulator = Simulator(duo_oin=DUO_OIN, rng_seed=11, product_url=ontvanger.url)
    simulator.state.vandaag_override = VANDAAG
    with serve_in_thread(simulator) as running:
        yield running


# --- idempotency --------------------------------------------------------------------------------


def test_repeated_bericht_id_returns_the_first_answer_without_a_second_effect(
    sim: Simulator, http: httpx.Client
) -> None:
    gegevens = {"naam": "Anna de Jong", "email": "anna@example.nl", "telefoonnummer": "0781234567"}
    bericht_id = str(uuid.uuid4())
    first = http.post("/v1/contactpersonen", json=gegevens, headers=_headers(bericht_id))
    again = http.post("/v1/contactpersonen", json=gegevens, headers=_headers(bericht_id))
    other = http.post("/v1/contactpersonen", json=gegevens, headers=_headers())
    assert first.status_code == again.status_code == 201
    assert again.json() == first.json()
    assert other.json()["id"] != first.json()["id"]
    assert len(sim.state.contactpersonen) == 2
    herhaald = [b for b in sim.ontvangen() if b.bericht_id == bericht_id]
    assert [b.herhaling for b in herhaald] == [False, True]


def test_repeated_rejection_is_repeated_too(sim: Simulator, http: httpx.Client) -> None:
    wereld = bouw_wereld(sim)
    bericht_id = str(uuid.uuid4())
    body = {"dagtekeningPip": "2026-04-15", "leerroute": "O", "niveau": "A2"}
    first = http.post(f"/v1/personen/{wereld.zonder_pip}/PIP", json=body, headers=_headers(bericht_id))
    # The same berichtId with a now valid body: still the stored rejection, nothing registered.
    again = http.post(
        f"/v1/personen/{wereld.zonder_pip}/PIP", json={**body, "niveau": "B1"}, headers=_headers(bericht_id)
    )
    assert first.status_code == again.status_code == 403
    assert again.json() == first.json()
    assert sim.state.personen[wereld.zonder_pip].pips == []


def test_gets_are_not_answered_from_the_store(sim: Simulator, http: httpx.Client) -> None:
    wereld = bouw_wereld(sim)
    bericht_id = str(uuid.uuid4())
    assert http.get(f"/v1/personen/{wereld.b1}/map", headers=_headers(bericht_id)).json() == {
        "datumEindgesprekMap": "2026-02-01"
    }
    http.put(f"/v1/personen/{wereld.b1}/map", json={"datumEindgesprekMap": "2026-05-20"}, headers=_headers())
    assert http.get(f"/v1/personen/{wereld.b1}/map", headers=_headers(bericht_id)).json() == {
        "datumEindgesprekMap": "2026-05-20"
    }


def test_retry_after_a_fault_is_processed(sim: Simulator, http: httpx.Client) -> None:
    """An injected 503 is not stored: the retry with the same berichtId is handled."""
    wereld = bouw_wereld(sim)
    sim.storingen.instellen(status=503, aantal=1)
    bericht_id = str(uuid.uuid4())
    url = f"/v1/personen/{wereld.b1}/uren/participatietaalles"
    assert http.put(url, json={"uren": 5}, headers=_headers(bericht_id)).status_code == 503
    assert http.put(url, json={"uren": 5}, headers=_headers(bericht_id)).status_code == 200
    assert sim.state.personen[wereld.b1].uren[GEMEENTE]["ParticipatieAlsTaalles"] == 5


def test_header_checks(sim: Simulator, http: httpx.Client) -> None:
    wereld = bouw_wereld(sim)
    url = f"/v1/personen/{wereld.b1}/PIP"
    assert http.get(url, headers={**HEADERS}).status_code == 400  # no berichtId
    assert http.get(url, headers={**_headers(), "bron": "123"}).status_code == 400
    assert http.get(url, headers={**_headers(), "doel": "0" * 20}).status_code == 403
    assert http.get(url, headers={**_headers(), "bron": "1" * 20}).status_code == 403  # not a gemeente
    sim.accept_unknown_gemeenten = True
    assert http.get(url, headers={**_headers(), "bron": "1" * 20}).status_code == 403  # known now, not hers
    assert "1" * 20 in sim.state.gemeenten
    assert http.get("/v1/personen/12345/PIP", headers=_headers()).status_code == 400
    assert http.get(url, headers=_headers()).status_code == 200


# --- fault injection over real HTTP -------------------------------------------------------------


def test_503_n_times_then_ok(running: RunningSimulator) -> None:
    wereld = bouw_wereld(running.simulator)
    running.simulator.storingen.instellen(status=503, aantal=3)
    statuses = [
        httpx.get(f"{running.url}/v1/personen/{wereld.b1}/PIP", headers=_headers()).status_code for _ in range(5)
    ]
    assert statuses == [503, 503, 503, 200, 200]


def test_503_via_the_control_endpoint(running: RunningSimulator) -> None:
    response = httpx.post(f"{running.url}/_sim/storingen", json={"status": 503, "aantal": 2})
    assert response.status_code == 200
    statuses = [httpx.get(f"{running.url}/v1/instellingen", headers=_headers()).status_code for _ in range(3)]
    assert statuses == [503, 503, 200]
    assert httpx.post(f"{running.url}/_sim/storingen", json={"status": "x"}).status_code == 400


def test_slow_answers(running: RunningSimulator) -> None:
    httpx.post(f"{running.url}/_sim/storingen", json={"vertraging_ms": 400})
    started = time.monotonic()
    assert httpx.get(f"{running.url}/v1/instellingen", headers=_headers()).status_code == 200
    assert time.monotonic() - started >= 0.4
    with pytest.raises(httpx.ReadTimeout):
        httpx.get(f"{running.url}/v1/instellingen", headers=_headers(), timeout=0.1)
    httpx.post(f"{running.url}/_sim/storingen", json={"reset": True})
    started = time.monotonic()
    httpx.get(f"{running.url}/v1/instellingen", headers=_headers())
    assert time.monotonic() - started < 0.4


def test_dropped_connection_is_a_transport_error(running: RunningSimulator) -> None:
    wereld = bouw_wereld(running.simulator)
    httpx.post(f"{running.url}/_sim/storingen", json={"verbinding_verbreken": True, "aantal": 2})
    for _ in range(2):
        with pytest.raises(httpx.TransportError):
            httpx.put(f"{running.url}/v1/personen/{wereld.b1}/uren/participatietaalles", json={"uren": 7},
                      headers=_headers())  # fmt: skip
    assert "ParticipatieAlsTaalles" not in running.simulator.state.personen[wereld.b1].uren[GEMEENTE]
    ok = httpx.put(f"{running.url}/v1/personen/{wereld.b1}/uren/participatietaalles", json={"uren": 7},
                   headers=_headers())  # fmt: skip
    assert ok.status_code == 200
    storingen = [b.storing for b in running.simulator.ontvangen()]
    assert storingen.count("verbinding verbroken") == 2


def test_brp_is_subject_to_faults_too(running: RunningSimulator) -> None:
    running.simulator.storingen.instellen(status=503, aantal=1)
    body = {"type": "RaadpleegMetBurgerservicenummer", "burgerservicenummer": ["999993653"], "fields": ["naam"]}
    url = f"{running.url}/haalcentraal/api/brp/personen"
    assert httpx.post(url, json=body).status_code == 503
    assert httpx.post(url, json=body).json() == {"type": "RaadpleegMetBurgerservicenummer", "personen": []}


# --- notificaties -------------------------------------------------------------------------------


def test_notificeer_sends_duo_headers_and_body(running: RunningSimulator, ontvanger: Ontvanger) -> None:
    sent = running.simulator.notificeer("999993653", "SS101", gemeente_oin=GEMEENTE)
    assert [n.status for n in sent] == [201]
    ((headers, body),) = ontvanger.ontvangen
    assert headers["bron"] == DUO_OIN
    assert headers["doel"] == GEMEENTE
    assert str(uuid.UUID(headers["berichtId"])) == headers["berichtId"] == sent[0].bericht_id
    assert headers["Content-Type"] == "application/json"
    assert body["bsn"] == "999993653" and body["gebeurtenisId"] == "SS101"
    assert body["registratieDatumTijd"].endswith("+00:00")


def test_duplicate_notificaties(running: RunningSimulator, ontvanger: Ontvanger) -> None:
    running.simulator.storingen.instellen(dubbele_notificaties=1.0)
    sent = running.simulator.notificeer("999993653", "SS199", gemeente_oin=GEMEENTE)
    assert len(sent) == 2 and sent[1].dubbel
    assert len(ontvanger.ontvangen) == 2
    assert ontvanger.ontvangen[0][0]["berichtId"] == ontvanger.ontvangen[1][0]["berichtId"]

    running.simulator.storingen.instellen(dubbele_notificaties=0.5)
    for _ in range(40):
        running.simulator.notificeer("999993653", "SS199", gemeente_oin=GEMEENTE)
    ids = [h["berichtId"] for h, _ in ontvanger.ontvangen[2:]]
    doubled = len(ids) - len(set(ids))
    assert len(set(ids)) == 40
    assert 5 <= doubled <= 35  # about half, with rng_seed=11

    running.simulator.storingen.instellen(dubbele_notificaties=0.0)
    before = len(ontvanger.ontvangen)
    running.simulator.notificeer("999993653", "SS199", gemeente_oin=GEMEENTE)
    assert len(ontvanger.ontvangen) == before + 1


def test_product_answer_and_unreachable_product_are_logged(running: RunningSimulator, ontvanger: Ontvanger) -> None:
    ontvanger.status = 403
    assert running.simulator.notificeer(None, "SS113", gemeente_oin=GEMEENTE)[0].status == 403
    running.simulator.product_url = "http://127.0.0.1:9/duo/notificaties"
    failed = running.simulator.notificeer(None, "SS113", gemeente_oin=GEMEENTE)[0]
    assert failed.status is None and failed.fout
    assert [n.status for n in running.simulator.verzonden()] == [403, None]


@pytest.mark.parametrize(
    ("scenario", "gebeurtenis"),
    [("nieuw-asiel", "SS139"), ("nieuw-regulier", "SS101"), ("examen", "SS199"), ("verlengd", "SS103"),
     ("diploma", "SS106"), ("tijdelijke-vrijstelling", "SS109"), ("overleden", "SS111"),
     ("verzoek-afgewezen", "SS113")],
)  # fmt: skip
def test_scenarios_send_their_gebeurtenis(
    scenario: str, gebeurtenis: str, running: RunningSimulator, ontvanger: Ontvanger
) -> None:
    resultaat = running.simulator.scenario(scenario, gemeente_oin=GEMEENTE)
    assert resultaat.gebeurtenis_id == gebeurtenis
    ((headers, body),) = ontvanger.ontvangen
    assert (headers["doel"], body["gebeurtenisId"], body["bsn"]) == (GEMEENTE, gebeurtenis, resultaat.bsn)


def test_scenarios_change_state(running: RunningSimulator) -> None:
    sim = running.simulator
    nieuw = sim.nieuwe_inburgeringsplichtige(gemeente_oin=GEMEENTE, asiel=True)
    persoon = sim.state.personen[nieuw.bsn]
    assert persoon.asiel and persoon.plicht_begindatum == VANDAAG
    brp = httpx.post(
        f"{running.url}/haalcentraal/api/brp/personen",
        json={"type": "RaadpleegMetBurgerservicenummer", "burgerservicenummer": [nieuw.bsn], "fields": ["naam"]},
    ).json()
    assert brp["personen"][0]["naam"]["geslachtsnaam"] == persoon.brp.geslachtsnaam  # fmt: skip

    sim.termijn_verlengd(gemeente_oin=GEMEENTE, bsn=nieuw.bsn)
    eind = persoon.termijn_eind
    sim.termijn_verlengd(gemeente_oin=GEMEENTE, bsn=nieuw.bsn)
    assert persoon.termijn_eind is not None and eind is not None and persoon.termijn_eind > eind
    assert len(persoon.termijn_historie) == 2

    sim.examenresultaat_bekend(gemeente_oin=GEMEENTE, bsn=nieuw.bsn, onderdeel="KNM")
    assert persoon.examenresultaten[-1]["onderdeel"] == "KNM" and persoon.gratis_pogingen["KNM"] == 2

    verhuisd = sim.verhuisd_naar_gemeente(gemeente_oin=ANDERE_GEMEENTE, bsn=nieuw.bsn)
    assert verhuisd.gebeurtenis_id == "SS120"  # no PIP
    assert persoon.gemeente_oin == ANDERE_GEMEENTE and persoon.brp.woonplaats == "Zwijndrecht"

    wereld = bouw_wereld(sim)
    assert sim.verhuisd_naar_gemeente(gemeente_oin=ANDERE_GEMEENTE, bsn=wereld.b1).gebeurtenis_id == "SS121"

    sim.diploma_behaald(gemeente_oin=GEMEENTE, bsn=wereld.zroute)
    assert sim.state.personen[wereld.zroute].plicht_reden == "Inburgeringsplicht voldaan"

    sim.overleden(gemeente_oin=GEMEENTE, bsn=wereld.pip_los)
    brp = httpx.post(
        f"{running.url}/haalcentraal/api/brp/personen",
        json={"type": "RaadpleegMetBurgerservicenummer", "burgerservicenummer": [wereld.pip_los], "fields": ["naam"]},
    ).json()
    assert brp["personen"] == []  # fmt: skip


def test_scenario_via_the_control_endpoint(running: RunningSimulator, ontvanger: Ontvanger) -> None:
    response = httpx.post(f"{running.url}/_sim/scenario", json={"scenario": "nieuw-asiel", "gemeente_oin": GEMEENTE})
    assert response.status_code == 200
    assert response.json()["gebeurtenisId"] == "SS139"
    assert response.json()["notificaties"][0]["status"] == 201
    unknown = httpx.post(f"{running.url}/_sim/scenario", json={"scenario": "bestaat-niet", "gemeente_oin": GEMEENTE})
    assert unknown.status_code == 400
    bad_oin = httpx.post(f"{running.url}/_sim/scenario", json={"scenario": "examen", "gemeente_oin": "123"})
    assert bad_oin.status_code == 400
    form = httpx.post(f"{running.url}/_sim/scenario", data={"scenario": "examen", "gemeente_oin": GEMEENTE, "bsn": ""})
    assert form.status_code == 303
    assert len(ontvanger.ontvangen) == 2


# --- control page and CLI -----------------------------------------------------------------------


def test_control_page_shows_state_and_escapes(running: RunningSimulator) -> None:
    sim = running.simulator
    persoon = sim.state.persoon_toevoegen(gemeente_oin=GEMEENTE)
    persoon.brp.geslachtsnaam = "<script>alert(1)</script>"
    sim.notificeer(persoon.bsn, "SS101", gemeente_oin=GEMEENTE)
    httpx.get(f"{running.url}/v1/personen/{persoon.bsn}/PIP", headers=_headers("3f0e1d2c-1111-4222-8333-944455556666"))
    page = httpx.get(f"{running.url}/")
    assert page.status_code == 200 and page.headers["Content-Type"].startswith("text/html")
    text = page.text
    assert "<script>" not in text and "&lt;script&gt;" in text
    assert persoon.bsn in text
    assert "3f0e1d2c-1111-4222-8333-944455556666" in text  # the received berichtId
    assert "SS101" in text and "201" in text  # the sent notificatie and the product's answer
    assert 'action="/_sim/storingen"' in text and 'action="/_sim/scenario"' in text
    state = httpx.get(f"{running.url}/_sim/state").json()
    assert [p["bsn"] for p in state["personen"]] == [persoon.bsn]


def test_storingen_form(running: RunningSimulator) -> None:
    response = httpx.post(f"{running.url}/_sim/storingen", data={"status": "503", "aantal": "1", "vertraging_ms": ""})
    assert response.status_code == 303
    assert running.simulator.storingen.overzicht()["status"] == 503
    httpx.post(f"{running.url}/_sim/storingen", data={"reset": "1"})
    assert running.simulator.storingen.overzicht()["status"] is None


def test_cli_notificeer_directly(ontvanger: Ontvanger, capsys: pytest.CaptureFixture[str]) -> None:
    code = cli_main(["notificeer", "--scenario", "nieuw-regulier", "--gemeente-oin", GEMEENTE,
                     "--product-url", ontvanger.url, "--duo-oin", DUO_OIN])  # fmt: skip
    assert code == 0
    out = json.loads(capsys.readouterr().out)
    assert out["gebeurtenisId"] == "SS101"
    assert ontvanger.ontvangen[0][1]["bsn"] == out["bsn"]


def test_cli_notificeer_through_a_running_simulator(
    running: RunningSimulator, ontvanger: Ontvanger, capsys: pytest.CaptureFixture[str]
) -> None:
    code = cli_main(["notificeer", "--scenario", "overleden", "--gemeente-oin", GEMEENTE, "--bsn", "999993653",
                     "--simulator-url", running.url])  # fmt: skip
    assert code == 0
    assert json.loads(capsys.readouterr().out)["gebeurtenisId"] == "SS111"
    assert running.simulator.state.personen["999993653"].plicht is False


def test_seed_makes_valid_persons() -> None:
    from stdnum.nl import bsn

    sim = Simulator(rng_seed=1)
    personen = sim.state.seed(gemeente_oin=GEMEENTE)
    assert len(personen) >= 5
    assert all(bsn.is_valid(p.bsn) for p in personen)
    assert len({p.bsn for p in personen}) == len(personen)
    with pytest.raises(ValueError):
        sim.state.persoon_toevoegen(gemeente_oin=GEMEENTE, bsn="123456789")


def test_brp_fields_filter(sim: Simulator, http: httpx.Client) -> None:
    persoon = sim.state.persoon_toevoegen(gemeente_oin=GEMEENTE)
    body = {
        "type": "RaadpleegMetBurgerservicenummer",
        "burgerservicenummer": [persoon.bsn],
        "fields": ["naam.geslachtsnaam", "verblijfplaats.verblijfadres.woonplaats", "geboorte.datum"],
    }
    (gevonden,) = http.post("/haalcentraal/api/brp/personen", json=body).json()["personen"]
    assert gevonden == {
        "naam": {"geslachtsnaam": persoon.brp.geslachtsnaam},
        "verblijfplaats": {"type": "Adres", "verblijfadres": {"woonplaats": "Dordrecht"}},
        "geboorte": {"datum": {"type": "Datum", "datum": persoon.brp.geboortedatum.isoformat(),
                               "langFormaat": gevonden["geboorte"]["datum"]["langFormaat"]}},
    }  # fmt: skip
    assert (
        http.post("/haalcentraal/api/brp/personen", json={**body, "type": "ZoekMetPostcodeEnHuisnummer"}).status_code
        == 400
    )
    assert http.post("/haalcentraal/api/brp/personen", json={**body, "burgerservicenummer": []}).status_code == 400
    assert (
        http.post(
            "/haalcentraal/api/brp/personen", content=b"{", headers={"Content-Type": "application/json"}
        ).status_code
        == 400
    )


@settings(max_examples=40, deadline=None)
@given(datum=st.dates(date(2024, 6, 1), date(2026, 12, 31)))
def test_map_date_against_termijn_and_today_over_http(datum: date) -> None:
    """The PUT /map handler applies the date rules: from the termijn's start up to today (2026-06-01)."""
    simulator = Simulator(duo_oin=DUO_OIN, rng_seed=5)
    simulator.state.vandaag_override = VANDAAG
    wereld = bouw_wereld(simulator)  # b1: termijn 2025-03-01 .. 2028-03-01, PIP of GEMEENTE
    with httpx.Client(transport=httpx.WSGITransport(app=simulator.wsgi_app), base_url="http://duo.test") as client:
        response = client.put(
            f"/v1/personen/{wereld.b1}/map", json={"datumEindgesprekMap": datum.isoformat()}, headers=_headers()
        )
    accepted = date(2025, 3, 1) <= datum <= VANDAAG
    assert response.status_code == (200 if accepted else 403)
    registered = simulator.state.personen[wereld.b1].map_datum
    assert registered == (datum if accepted else date(2026, 2, 1))
