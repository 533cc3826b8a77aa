"""Validate a message in the outbox against DUO's own OpenAPI document, as the worker would send it.

The message is sent with the real client over an ``httpx.MockTransport``; openapi-core checks the request
(path, headers, JSON body) against the spec (the adapters of duo/tests/test_clients_contract.py). Without
DUO's specs next to the repository (../shared/reference/duo-m2m) the calling test is skipped, or fails
under ``CI=true`` (core/tests/reference.py).
"""

import contextlib

import httpx

from openinburgering.core.tests.reference import DUO_SPEC_DIR, reference_path
from openinburgering.duo.clients import clients_for
from openinburgering.duo.models import DuoBericht

SPEC_DIR = DUO_SPEC_DIR
SPEC_FOLDERS = {
    "pip": "PIP",
    "inburgeringsaanbod": "Inburgeringsaanbod",
    "map_pvt_zroute": "MAP,PVT,Zroute",
    "gevolgde_uren": "GevolgdeUren",
    "contactpersoon": "Contactpersoon",
}


def assert_valid_for_duo(bericht: DuoBericht) -> httpx.Request:
    reference_path(SPEC_DIR / "API", "DUO's OpenAPI specs")
    from openinburgering.duo.tests.test_clients_contract import CONFIG, HttpxOpenAPIRequest, openapi

    sent: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        return httpx.Response(201, headers={"API-Version": "1.0.0"}, json={"id": 1, "contactpersoongegevens": {}})

    clients = clients_for(CONFIG, transport=httpx.MockTransport(handler))
    try:
        method = getattr(getattr(clients, bericht.api), bericht.operatie)
        with contextlib.suppress(Exception):  # only the request is checked here, not our canned answer
            method(**bericht.args, bericht_id=str(bericht.bericht_id))
    finally:
        clients.close()
    assert len(sent) == 1, f"{bericht.api}.{bericht.operatie} sent {len(sent)} requests"
    openapi(SPEC_FOLDERS[bericht.api]).validate_request(HttpxOpenAPIRequest(sent[0], base_path="/v1"))
    return sent[0]
