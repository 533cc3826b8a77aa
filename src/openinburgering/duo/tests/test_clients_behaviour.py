"""Behaviour of the DUO client base: headers, berichtId, API-Version check, error mapping.

These need no spec documents; the contract tests (test_clients_contract.py) do.
"""

from __future__ import annotations

import json as _json
import uuid
from collections.abc import Callable

import httpx
import pytest

from openinburgering.duo.clients import (
    DuoClientConfig,
    DuoFout,
    DuoFoutmeldingen,
    DuoGatewayAntwoord,
    DuoNietGeauthenticeerd,
    DuoNietGeautoriseerd,
    DuoNietGevonden,
    DuoTijdelijkeFout,
    DuoVersieFout,
    InburgeringsplichtClient,
    NotificatieClient,
    PipClient,
    clients_for,
)

BSN = "999993653"
GEMEENTE_OIN = "00000001234567890000"
DUO_OIN = "00000001800866472000"
CONFIG = DuoClientConfig(base_url="https://duo.test:8443/", bron_oin=GEMEENTE_OIN, doel_oin=DUO_OIN)
PIP = {"dagtekeningPip": "2026-03-02", "leerroute": "B"}

Handler = Callable[[httpx.Request], httpx.Response]


def _pip_client(handler: Handler) -> PipClient:
    return PipClient(CONFIG, transport=httpx.MockTransport(handler))


def _recording(
    status: int = 201, *, api_version: str = "1.2.0", json: object = None
) -> tuple[Handler, list[httpx.Request]]:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(status, headers={"API-Version": api_version}, json=json)

    return handler, seen


def test_headers_and_base_path() -> None:
    handler, seen = _recording()
    _pip_client(handler).post_pip(BSN, PIP)  # type: ignore[arg-type]
    request = seen[0]
    assert str(request.url) == f"https://duo.test:8443/v1/personen/{BSN}/PIP"
    assert request.headers["bron"] == GEMEENTE_OIN
    assert request.headers["doel"] == DUO_OIN
    assert str(uuid.UUID(request.headers["berichtId"])) == request.headers["berichtId"]  # dashed, lowercase
    assert request.headers["Accept"] == "application/json"
    assert request.headers["Content-Type"] == "application/json"


def test_bericht_id_is_new_per_call_and_kept_when_given() -> None:
    handler, seen = _recording()
    client = _pip_client(handler)
    client.post_pip(BSN, PIP)  # type: ignore[arg-type]
    client.post_pip(BSN, PIP)  # type: ignore[arg-type]
    given = str(uuid.uuid4())
    client.post_pip(BSN, PIP, bericht_id=given)  # type: ignore[arg-type]
    client.post_pip(BSN, PIP, bericht_id=given)  # type: ignore[arg-type]  (the outbox resends)
    ids = [request.headers["berichtId"] for request in seen]
    assert ids[0] != ids[1]
    assert ids[2] == ids[3] == given


def test_get_parses_json() -> None:
    handler, _ = _recording(200, json={"gemeentecode": "0363", "pip": PIP})
    assert _pip_client(handler).get_pip(BSN) == {"gemeentecode": "0363", "pip": PIP}


@pytest.mark.parametrize("api_version", ["1.2.0", "1.9.3", "1.0.0-rc.1"])
def test_same_major_is_accepted(api_version: str) -> None:
    handler, seen = _recording(api_version=api_version)
    _pip_client(handler).post_pip(BSN, PIP)  # type: ignore[arg-type]
    assert [(r.method, r.url.path) for r in seen] == [("POST", f"/v1/personen/{BSN}/PIP")]
    assert _json.loads(seen[0].content) == PIP
    answer, _ = _recording(200, api_version=api_version, json={"gemeentecode": "0363", "pip": PIP})
    assert _pip_client(answer).get_pip(BSN) == {"gemeentecode": "0363", "pip": PIP}


@pytest.mark.parametrize("api_version", ["2.0.0", "0.9.0", "v1", ""])
def test_other_major_or_malformed_version_raises(api_version: str) -> None:
    handler, _ = _recording(api_version=api_version)
    with pytest.raises(DuoVersieFout) as excinfo:
        _pip_client(handler).post_pip(BSN, PIP, bericht_id="0b5b7c1e-6f59-4a39-9f3e-0e0e6b1f5a10")  # type: ignore[arg-type]
    assert excinfo.value.bericht_id == "0b5b7c1e-6f59-4a39-9f3e-0e0e6b1f5a10"
    assert excinfo.value.status == 201
    assert not excinfo.value.retryable


def test_missing_version_header_is_a_gateways_answer_and_retryable() -> None:
    # Every answer of DUO's APIs carries API-Version: one without came from a gateway in front of DUO.
    client = _pip_client(lambda request: httpx.Response(200, json={"gemeentecode": "0363", "pip": PIP}))
    with pytest.raises(DuoGatewayAntwoord) as excinfo:
        client.get_pip(BSN)
    assert excinfo.value.retryable


@pytest.mark.parametrize(
    "body",
    [
        [
            {"fouttekst": "De datum dagtekening ligt voor de start van de inburgeringsplicht."},
            {"fouttekst": "Niveau A2 mag niet."},
        ],
        {"fouttekst": "De datum dagtekening ligt voor de start van de inburgeringsplicht."},
    ],
    ids=["list", "single"],
)
@pytest.mark.parametrize("status", [400, 403])
def test_foutmeldingen_carry_duos_texts(status: int, body: object) -> None:
    handler, seen = _recording(status, json=body)
    with pytest.raises(DuoFoutmeldingen) as excinfo:
        _pip_client(handler).post_pip(BSN, PIP)  # type: ignore[arg-type]
    error = excinfo.value
    assert error.status == status
    assert error.bericht_id == seen[0].headers["berichtId"]
    assert error.foutteksten[0] == "De datum dagtekening ligt voor de start van de inburgeringsplicht."
    assert error.fouttekst.startswith("De datum dagtekening")
    assert len(error.foutteksten) == (2 if isinstance(body, list) else 1)
    assert not error.retryable
    assert isinstance(error, DuoNietGeautoriseerd) == (status == 403)


def test_400_without_body() -> None:
    handler, _ = _recording(400)
    with pytest.raises(DuoFoutmeldingen) as excinfo:
        _pip_client(handler).delete_pip(BSN)
    assert excinfo.value.foutteksten == ()
    assert excinfo.value.fouttekst == ""


@pytest.mark.parametrize(
    ("status", "exc_class"), [(401, DuoNietGeauthenticeerd), (403, DuoNietGeautoriseerd), (404, DuoNietGevonden)]
)
def test_client_errors_map_to_specific_exceptions(status: int, exc_class: type[DuoFout]) -> None:
    handler, _ = _recording(status)
    with pytest.raises(exc_class) as excinfo:
        _pip_client(handler).get_pip(BSN)
    assert excinfo.value.status == status
    assert not excinfo.value.retryable


@pytest.mark.parametrize("status", [500, 502, 503, 504])
def test_server_errors_are_temporary(status: int) -> None:
    # No API-Version on purpose: a proxy in front of DUO may not send it.
    client = _pip_client(lambda request: httpx.Response(status))
    with pytest.raises(DuoTijdelijkeFout) as excinfo:
        client.post_pip(BSN, PIP, bericht_id="0b5b7c1e-6f59-4a39-9f3e-0e0e6b1f5a10")  # type: ignore[arg-type]
    assert excinfo.value.status == status
    assert excinfo.value.bericht_id == "0b5b7c1e-6f59-4a39-9f3e-0e0e6b1f5a10"
    assert excinfo.value.retryable


@pytest.mark.parametrize(
    "exception",
    [
        httpx.ConnectTimeout("connect timeout"),
        httpx.ReadTimeout("read timeout"),
        httpx.ConnectError("connection refused"),
        httpx.RemoteProtocolError("server disconnected"),
    ],
    ids=lambda exc: type(exc).__name__,
)
def test_timeouts_and_connection_errors_are_temporary(exception: httpx.HTTPError) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        raise exception

    with pytest.raises(DuoTijdelijkeFout) as excinfo:
        _pip_client(handler).post_pip(BSN, PIP)  # type: ignore[arg-type]
    assert excinfo.value.status is None
    assert excinfo.value.retryable
    assert excinfo.value.__cause__ is exception


def test_bsn_must_be_nine_digits() -> None:
    handler, seen = _recording()
    with pytest.raises(ValueError, match="nine digits"):
        _pip_client(handler).get_pip("12345678")
    assert seen == []


def test_config_checks_oins() -> None:
    with pytest.raises(ValueError, match="OIN"):
        DuoClientConfig(base_url="https://duo.test", bron_oin="123", doel_oin=DUO_OIN)


def test_timeouts_come_from_config() -> None:
    config = DuoClientConfig(
        base_url="https://duo.test", bron_oin=GEMEENTE_OIN, doel_oin=DUO_OIN, connect_timeout=2.0, read_timeout=7.0
    )
    client = InburgeringsplichtClient(config)
    assert client._http.timeout.connect == 2.0
    assert client._http.timeout.read == 7.0
    client.close()


def test_clients_for_builds_every_outbound_client() -> None:
    handler, _ = _recording(200, api_version="1.0.0", json=[])
    clients = clients_for(CONFIG, transport=httpx.MockTransport(handler))
    assert clients.vrijstelling.get_vrijstellingen(BSN) == []
    assert len(vars(clients)) == 11
    clients.close()


def test_notificatie_client_is_configured_the_other_way_round() -> None:
    handler, seen = _recording(201, api_version="1.8.0")
    config = DuoClientConfig(base_url="http://localhost:8000/duo", bron_oin=DUO_OIN, doel_oin=GEMEENTE_OIN)
    NotificatieClient(config, transport=httpx.MockTransport(handler)).post_notificatie(
        {"registratieDatumTijd": "2026-03-02T10:15:00+01:00", "bsn": BSN, "gebeurtenisId": "SS101"}
    )
    assert str(seen[0].url) == "http://localhost:8000/duo/v1/notificaties"
    assert seen[0].headers["bron"] == DUO_OIN


def test_ca_bundle_and_missing_client_certificate() -> None:
    import certifi

    config = DuoClientConfig(
        base_url="https://duo.test", bron_oin=GEMEENTE_OIN, doel_oin=DUO_OIN, verify=certifi.where()
    )
    InburgeringsplichtClient(config).close()
    with pytest.raises(FileNotFoundError):
        InburgeringsplichtClient(
            DuoClientConfig(
                base_url="https://duo.test", bron_oin=GEMEENTE_OIN, doel_oin=DUO_OIN, cert="/nonexistent.pem"
            )
        )
