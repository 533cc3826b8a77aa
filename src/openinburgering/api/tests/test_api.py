"""/api/v1/: camelCase JSON, problem+json errors, idempotent registration, and a schema that tells the truth."""

import json
import re
import uuid

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from drf_spectacular.validation import validate_schema
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from openinburgering.accounts.constants import Role
from openinburgering.accounts.factories import UserFactory
from openinburgering.accounts.tokens import api_token_create
from openinburgering.dossiers.constants import Status
from openinburgering.dossiers.factories import DossierFactory, next_bsn
from openinburgering.dossiers.models import Dossier, Inburgeraar
from openinburgering.logboek.models import Verwerking
from openinburgering.rules.enums import Doelgroep, GedetailleerdeDoelgroep

pytestmark = pytest.mark.django_db

DOSSIERS = "/api/v1/dossiers/"
PROBLEM = "application/problem+json"


def body(gemeente, **overrides):
    data = {
        "gemeenteCode": gemeente.code,
        "bsn": next_bsn(),
        "voornamen": "Amira",
        "geslachtsnaam": "Haddad",
        "geboortedatum": "1990-05-17",
        "geslacht": "V",
        "nationaliteit": "sy",
        "doelgroep": Doelgroep.ASIELSTATUSHOUDER.value,
        "gedetailleerdeDoelgroep": GedetailleerdeDoelgroep.ASIELSTATUSHOUDER.value,
        "plichtBegindatum": "2024-03-01",
        "datumKennisgeving": "2024-03-15",
        "gezinsleden": [{"relatie": "kind", "voornamen": "Noor", "geslachtsnaam": "Haddad"}],
    }
    data.update(overrides)
    return data


@pytest.fixture
def api(token_client, klantregisseur):
    return token_client(klantregisseur)


def stored():
    return (Inburgeraar.objects.count(), Dossier.objects.count())


# --- list, detail, create ------------------------------------------------------------------------


def test_list_is_camel_case_and_paged(api, gemeente_a, klantregisseur):
    dossier = DossierFactory(gemeente=gemeente_a, klantregisseur=klantregisseur, inburgeraar__vnummer="0000123456")
    response = api.get(DOSSIERS)
    assert response.status_code == 200
    data = response.json()
    assert data["count"] == 1
    [item] = data["results"]
    assert item["uuid"] == str(dossier.uuid)
    assert item["kenmerk"] == dossier.kenmerk
    assert item["plichtBegindatum"] == "2024-03-01"
    assert item["gedetailleerdeDoelgroep"] == "Asielstatushouder"
    assert item["gemeente"] == {"code": gemeente_a.code, "naam": gemeente_a.naam}
    assert item["inburgeraar"]["bsn"] == dossier.inburgeraar.bsn
    assert item["inburgeraar"]["vnummer"] == "0000123456"
    assert item["klantregisseur"] == klantregisseur.username
    assert "plicht_begindatum" not in item and "createdAt" in item


def test_list_filters(api, gemeente_a):
    open_dossier = DossierFactory(gemeente=gemeente_a, status=Status.PIP)
    closed = DossierFactory(gemeente=gemeente_a, afgerond=True)

    def uuids(**params):
        return [d["uuid"] for d in api.get(DOSSIERS, params).json()["results"]]

    assert uuids(status="open") == [str(open_dossier.uuid)]
    assert uuids(status="afgerond") == [str(closed.uuid)]
    assert uuids(gemeente=gemeente_a.code, zoek=closed.inburgeraar.bsn) == [str(closed.uuid)]
    assert uuids(doelgroep=Doelgroep.GEZINSMIGRANT_EN_OVERIGE_MIGRANT.value) == []
    assert len(api.get(DOSSIERS, {"pageSize": 1}).json()["results"]) == 1


def test_a_search_pages_and_counts_as_the_plain_list(api, gemeente_a):
    """A name search reads its page and exact count in one query (MatchCountPaginator): the same pages, count
    and links as without a search, and a page past the end is a 404."""
    for naam in ["Amrani", "Celik", "Amrani", "Amrani", "Bakker", "Amrani", "Amrani"]:
        DossierFactory(gemeente=gemeente_a, inburgeraar__geslachtsnaam=naam)
    amrani = [
        str(u)
        for u in Dossier.objects.filter(inburgeraar__geslachtsnaam="Amrani")
        .order_by("pk")
        .values_list("uuid", flat=True)
    ]
    pages = [api.get(DOSSIERS, {"zoek": "amrani", "pageSize": 2, "page": n}).json() for n in (1, 2, 3)]
    assert [p["count"] for p in pages] == [5, 5, 5]
    assert [d["uuid"] for p in pages for d in p["results"]] == amrani
    assert pages[0]["previous"] is None and "page=2" in pages[0]["next"]
    assert pages[2]["next"] is None
    assert api.get(DOSSIERS, {"zoek": "amrani", "pageSize": 2, "page": 4}).status_code == 404
    assert api.get(DOSSIERS, {"zoek": "amrani", "pageSize": 2, "page": "x"}).status_code == 404
    assert (
        api.get(DOSSIERS, {"zoek": "amrani", "pageSize": 2, "page": "last"}).json()["results"][0]["uuid"] == amrani[4]
    )
    nothing = api.get(DOSSIERS, {"zoek": "xyzzy"}).json()
    assert (nothing["count"], nothing["results"]) == (0, [])


def test_detail(api, gemeente_a):
    dossier = DossierFactory(gemeente=gemeente_a)
    response = api.get(f"{DOSSIERS}{dossier.uuid}/")
    assert response.status_code == 200
    assert response.json()["uuid"] == str(dossier.uuid)
    assert response.json()["datumKennisgeving"] == "2024-03-15"


def test_detail_unknown_uuid_is_404_problem(api):
    response = api.get(f"{DOSSIERS}{uuid.uuid4()}/")
    assert response.status_code == 404
    assert response["Content-Type"] == PROBLEM
    problem = response.json()
    assert problem["status"] == 404 and problem["title"] and problem["instance"].startswith(DOSSIERS)


def test_create(api, gemeente_a, klantregisseur):
    data = body(gemeente_a, klantregisseur=klantregisseur.username)
    response = api.post(DOSSIERS, data, format="json")
    assert response.status_code == 201, response.content
    created = response.json()
    dossier = Dossier.objects.get(uuid=created["uuid"])
    assert created["status"] == Status.AANGEMELD
    assert created["inburgeraar"]["nationaliteit"] == "SY"
    assert created["plichtBegindatum"] == "2024-03-01"
    assert dossier.inburgeraar.bsn == data["bsn"]
    assert dossier.klantregisseur == klantregisseur
    assert dossier.inburgeraar.gezinsleden.get().voornamen == "Noor"
    assert Verwerking.objects.filter(dossier=dossier, action="create").count() == 1


def test_create_with_idempotency_key_twice_gives_one_dossier(api, gemeente_a):
    data = body(gemeente_a)
    key = str(uuid.uuid4())
    first = api.post(DOSSIERS, data, format="json", HTTP_IDEMPOTENCY_KEY=key)
    second = api.post(DOSSIERS, data, format="json", HTTP_IDEMPOTENCY_KEY=key)
    assert first.status_code == 201 and second.status_code in (200, 201)
    assert first.json()["uuid"] == second.json()["uuid"]
    assert Dossier.objects.count() == 1


def test_create_with_bad_idempotency_key(api, gemeente_a):
    response = api.post(DOSSIERS, body(gemeente_a), format="json", HTTP_IDEMPOTENCY_KEY="abc")
    assert response.status_code == 400
    assert response["Content-Type"] == PROBLEM
    assert [p["name"] for p in response.json()["invalidParams"]] == ["Idempotency-Key"]
    assert stored() == (0, 0)


@pytest.mark.parametrize(
    ("overrides", "name"),
    [
        ({"bsn": "111222334"}, "bsn"),
        ({"bsn": "12345678"}, "bsn"),
        ({"geboortedatum": "2999-01-01"}, "geboortedatum"),
        ({"geboortedatum": "17-05-1990"}, "geboortedatum"),
        ({"geboortedatum": "2010-01-01"}, "geboortedatum"),
        ({"gemeenteCode": "9999"}, "gemeenteCode"),
        ({"gedetailleerdeDoelgroep": "Gezinsvormer"}, "gedetailleerdeDoelgroep"),
        ({"gedetailleerdeDoelgroep": "Onbekend"}, "gedetailleerdeDoelgroep"),
        ({"plichtBegindatum": "2021-12-31"}, "plichtBegindatum"),
        ({"nationaliteit": "XX"}, "nationaliteit"),
        ({"vnummer": "12a"}, "vnummer"),
        ({"klantregisseur": "niemand"}, "klantregisseur"),
        ({"gezinsleden": [{"relatie": "oom", "voornamen": "A", "geslachtsnaam": "B"}]}, "gezinsleden.0.relatie"),
    ],
)
def test_bad_input_is_400_problem_naming_the_camel_case_field(api, gemeente_a, overrides, name):
    response = api.post(DOSSIERS, body(gemeente_a, **overrides), format="json")
    assert response.status_code == 400, response.content
    assert response["Content-Type"] == PROBLEM
    problem = response.json()
    assert problem["status"] == 400
    assert name in [p["name"] for p in problem["invalidParams"]]
    assert all(p["reason"] for p in problem["invalidParams"])
    assert stored() == (0, 0)


def test_missing_fields_are_all_named(api):
    response = api.post(DOSSIERS, {}, format="json")
    assert response.status_code == 400
    names = {p["name"] for p in response.json()["invalidParams"]}
    assert {"gemeenteCode", "bsn", "voornamen", "geslachtsnaam", "geboortedatum", "plichtBegindatum"} <= names


def test_malformed_json_is_400_problem(api):
    response = api.post(DOSSIERS, "{not json", content_type="application/json")
    assert response.status_code == 400
    assert response["Content-Type"] == PROBLEM


def test_duplicate_is_409_problem(api, gemeente_a):
    existing = DossierFactory(gemeente=gemeente_a)
    response = api.post(DOSSIERS, body(gemeente_a, bsn=existing.inburgeraar.bsn), format="json")
    assert response.status_code == 409
    assert response["Content-Type"] == PROBLEM
    problem = response.json()
    assert problem["code"] == "duplicate"
    assert existing.kenmerk in problem["detail"]
    assert stored() == (1, 1)


def test_duplicate_in_another_gemeente_is_409_and_the_check_is_logged(api, klantregisseur, gemeente_b):
    elsewhere = DossierFactory(gemeente=gemeente_b)
    response = api.post(DOSSIERS, body(klantregisseur.gemeenten.get(), bsn=elsewhere.inburgeraar.bsn), format="json")
    assert response.status_code == 409
    assert response.json()["code"] == "duplicate_elsewhere"
    [row] = Verwerking.objects.all()
    assert (row.actor_id, row.action, row.purpose) == (klantregisseur.pk, "search", "registratie")
    assert (row.inburgeraar_id, row.dossier_id) == (elsewhere.inburgeraar_id, elsewhere.pk)
    assert stored() == (1, 1)


def test_unauthenticated_is_401_problem(client, gemeente_a):
    for response in (client.get(DOSSIERS), client.post(DOSSIERS, {}, content_type="application/json")):
        assert response.status_code == 401
        assert response["Content-Type"] == PROBLEM
        assert response.json()["status"] == 401


def test_roles(token_client, gemeente_a):
    beleid = token_client(UserFactory(roles=[Role.BELEIDSMEDEWERKER], gemeenten=[gemeente_a]))
    response = beleid.get(DOSSIERS)
    assert response.status_code == 403
    assert response["Content-Type"] == PROBLEM
    financieel = token_client(UserFactory(roles=[Role.FINANCIEEL_MEDEWERKER], gemeenten=[gemeente_a]))
    assert financieel.get(DOSSIERS).status_code == 200
    assert financieel.post(DOSSIERS, body(gemeente_a), format="json").status_code == 403
    assert stored() == (0, 0)


# --- schema and docs -----------------------------------------------------------------------------


SCHEMA_URLS = [("/api/v1/schema/", {"format": "json"}), ("/api/v1/docs/", {}), ("/api/v1/docs/", {"script": ""})]


@pytest.mark.parametrize(("url", "params"), SCHEMA_URLS)
def test_schema_and_docs_refuse_anonymous(client, url, params):
    response = client.get(url, params)
    assert response.status_code == 401
    assert response["Content-Type"] == PROBLEM
    assert "paths" not in response.content.decode()


@pytest.mark.parametrize(("url", "params"), SCHEMA_URLS)
def test_schema_and_docs_refuse_a_session_without_second_factor(settings, client, klantregisseur, url, params):
    settings.TWO_FACTOR_REQUIRED = True
    client.force_login(klantregisseur)
    assert client.get(url, params).status_code == 403


@pytest.mark.parametrize(("url", "params"), SCHEMA_URLS)
def test_schema_and_docs_serve_a_verified_session_and_a_token(verified_client, token_client, systeem, url, params):
    assert verified_client(UserFactory(roles=[Role.BELEIDSMEDEWERKER])).get(url, params).status_code == 200
    assert token_client(systeem).get(url, params).status_code == 200


def test_schema_is_a_valid_openapi_3_document(kr_client):
    client = kr_client
    response = client.get("/api/v1/schema/", {"format": "json"})
    assert response.status_code == 200
    schema = json.loads(response.content)
    validate_schema(schema)  # jsonschema against the OpenAPI 3.0 meta-schema (drf-spectacular ships it)
    assert schema["openapi"].startswith("3.")
    assert set(schema["paths"]) == {
        "/api/v1/dossiers/",
        "/api/v1/dossiers/{uuid}/",
        "/api/v1/dossiers/{uuid}/termijnen/",
        "/api/v1/uitkeringen/",
    }
    assert set(schema["paths"]["/api/v1/dossiers/"]) == {"get", "post"}
    request_schema = schema["components"]["schemas"]["DossierInputRequest"]
    assert {"gemeenteCode", "bsn", "plichtBegindatum"} <= set(request_schema["properties"])


def test_docs_page_uses_no_cdn(kr_client):
    client = kr_client
    response = client.get("/api/v1/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "swagger-ui" in html
    for url in re.findall(r'(?:src|href)="([^"]+)"', html):
        assert url.startswith("/"), url
    assert "http://" not in html and "https://" not in html
    script = client.get("/api/v1/docs/", {"script": ""}).content.decode()
    assert "cdn" not in script.lower()


# --- schemathesis: generated requests against our own schema ----------------------------------------


@pytest.fixture
def wsgi_keeps_the_test_connection():
    """Django's test client stops each request from closing the database connection; schemathesis calls
    the WSGI handler directly, so do the same here (on PostgreSQL a closed connection ends the test's
    transaction)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.mark.usefixtures("wsgi_keeps_the_test_connection")
def test_api_never_answers_with_a_server_error(klantregisseur, systeem, gemeente_a):
    DossierFactory.create_batch(2, gemeente=gemeente_a, klantregisseur=klantregisseur)
    _token, key = api_token_create(user=systeem, description="schemathesis", actor=None)
    headers = {"Authorization": f"Token {key}"}
    schema = schemathesis.openapi.from_wsgi("/api/v1/schema/?format=json", get_wsgi_application(), headers=headers)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) == 6

    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=25,
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def run(case):
            case.call_and_validate(headers=headers, checks=[not_a_server_error, response_schema_conformance])

        run()
