"""DUO's own Notificatie spec against our endpoint: schemathesis generates requests from it, openapi-core
checks our answers against it. The spec is DUO's, loaded from ../shared/reference/duo-m2m."""

import json
import uuid
from pathlib import Path

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from openapi_core import OpenAPI
from openapi_core.testing import MockRequest, MockResponse
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from openinburgering.core.tests.reference import DUO_SPEC_DIR, reference_path
from openinburgering.duo.constants import NOTIFICATIE_API_VERSION
from openinburgering.duo.models import Notificatie

pytestmark = pytest.mark.django_db

DUO = "00000001234567890000"
WIJ = "00000001987654321000"


@pytest.fixture
def spec_path() -> Path:
    return reference_path(DUO_SPEC_DIR / "API" / "Notificatie" / "openapi.yml", "DUO's Notificatie spec")


@pytest.fixture(autouse=True)
def duo_settings(settings):
    settings.DUO_OIN = DUO
    settings.DUO_EIGEN_OINS = [WIJ]
    settings.DUO_CLIENT_CERT_HEADER = ""


@pytest.fixture
def wsgi_keeps_the_test_connection():
    """As in api/tests/test_api.py: schemathesis calls the WSGI handler directly, which would otherwise
    close the test's database connection after each request."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def api_version(headers: dict[str, list[str]]) -> list[str] | None:
    return {name.lower(): value for name, value in headers.items()}.get("api-version")


def test_we_implement_the_version_of_the_spec(spec_path):
    openapi = OpenAPI.from_file_path(str(spec_path))
    assert openapi.spec["info"]["version"] == NOTIFICATIE_API_VERSION


@pytest.mark.usefixtures("wsgi_keeps_the_test_connection")
def test_schemathesis_runs_duos_spec_against_our_endpoint(spec_path):
    schema = schemathesis.openapi.from_path(spec_path)
    schema.app = get_wsgi_application()
    schema.config.update(base_url="http://testserver/duo")
    [operation] = [result.ok() for result in schema.get_all_operations()]
    valid_oins = {"bron": DUO, "doel": WIJ}

    @given(case=operation.as_strategy())
    @settings(max_examples=60, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    def with_our_oins(case):
        response = case.call_and_validate(headers=valid_oins, checks=[not_a_server_error, response_schema_conformance])
        assert api_version(response.headers) == [NOTIFICATIE_API_VERSION]

    @given(case=operation.as_strategy())
    @settings(max_examples=20, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    def as_generated(case):
        response = case.call_and_validate(checks=[not_a_server_error, response_schema_conformance])
        assert api_version(response.headers) == [NOTIFICATIE_API_VERSION]

    with_our_oins()
    as_generated()
    assert Notificatie.objects.exists()  # the valid cases were stored


def _validate(openapi: OpenAPI, request_headers: dict[str, str], body: bytes, response) -> None:
    request = MockRequest("http://testserver", "post", "/notificaties", headers=request_headers, data=body)
    content_type = response.get("Content-Type", "")
    openapi.validate_response(
        request,
        MockResponse(response.content, status_code=response.status_code, headers=dict(response.headers),
                     content_type=content_type),
    )  # fmt: skip


@pytest.mark.parametrize(
    ("overrides", "body", "status"),
    [
        ({}, {"registratieDatumTijd": "2026-03-02T09:15:00Z", "gebeurtenisId": "SS101", "bsn": "123456782"}, 201),
        ({}, {"registratieDatumTijd": "2026-03-02T09:15:00Z", "gebeurtenisId": "SS999"}, 201),
        ({}, {"gebeurtenisId": "SS101", "bsn": "12345678"}, 400),
        ({"berichtId": "geen-uuid"}, {"registratieDatumTijd": "2026-03-02T09:15:00Z", "gebeurtenisId": "SS1"}, 400),
        ({"bron": WIJ}, {"registratieDatumTijd": "2026-03-02T09:15:00Z", "gebeurtenisId": "SS101"}, 403),
    ],
)
def test_our_answers_are_valid_per_the_spec(client, spec_path, overrides, body, status):
    openapi = OpenAPI.from_file_path(str(spec_path))
    request_headers = {"bron": DUO, "doel": WIJ, "berichtId": str(uuid.uuid4()), **overrides}
    raw = json.dumps(body).encode()
    if status == 201:  # what we send in the test is a valid request, too
        openapi.validate_request(MockRequest("http://testserver", "post", "/notificaties", headers=request_headers,
                                             data=raw))  # fmt: skip
    response = client.post("/duo/notificaties", data=raw, content_type="application/json", headers=request_headers)
    assert response.status_code == status
    _validate(openapi, request_headers, raw, response)


def test_the_503_foutmelding_is_valid_per_the_spec(client, spec_path, monkeypatch):
    from django.db import OperationalError

    from openinburgering.duo import views

    def unavailable(**kwargs):
        raise OperationalError("down")

    monkeypatch.setattr(views, "notificatie_receive", unavailable)
    openapi = OpenAPI.from_file_path(str(spec_path))
    request_headers = {"bron": DUO, "doel": WIJ, "berichtId": str(uuid.uuid4())}
    raw = json.dumps({"registratieDatumTijd": "2026-03-02T09:15:00Z", "gebeurtenisId": "SS101"}).encode()
    response = client.post("/duo/notificaties", data=raw, content_type="application/json", headers=request_headers)
    assert response.status_code == 503
    _validate(openapi, request_headers, raw, response)
