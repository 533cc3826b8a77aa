"""/api/v1/uitkeringen/: one item or a list, all or nothing, problems naming index and field, scoped reads."""

import json
from datetime import date
from decimal import Decimal

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
from openinburgering.betalingen.constants import AfrekeningStatus, RunStatus
from openinburgering.betalingen.models import Afrekening, Betaalrun
from openinburgering.dossiers.factories import DossierFactory
from openinburgering.dossiers.models import DossierEvent
from openinburgering.logboek.constants import Action, Purpose
from openinburgering.logboek.models import Verwerking
from openinburgering.ontzorgen.models import Ontzorging
from openinburgering.uitkeringen.api import MAX_ITEMS
from openinburgering.uitkeringen.models import Uitkering
from openinburgering.uitkeringen.services import uitkering_set

# Every test runs on 15 March 2026 (conftest.today).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("today")]

URL = "/api/v1/uitkeringen/"
PROBLEM = "application/problem+json"
MAART = date(2026, 3, 1)


@pytest.fixture
def api(token_client, financieel):
    return token_client(financieel)


@pytest.fixture
def dossier(gemeente_a):
    return DossierFactory(gemeente=gemeente_a)


@pytest.fixture
def dossier_b(gemeente_b):
    return DossierFactory(gemeente=gemeente_b)


def item(dossier, maand="2026-03", bedrag="1234.56"):
    return {"bsn": dossier.inburgeraar.bsn, "maand": maand, "bedrag": bedrag}


def names(response):
    return [p["name"] for p in response.json()["invalidParams"]]


# --- POST -------------------------------------------------------------------------------------------


def test_post_one_item(api, dossier):
    response = api.post(URL, item(dossier), format="json")
    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["aantal"], body["nieuw"], body["gewijzigd"], body["ongewijzigd"]) == (1, 1, 0, 0)
    [out] = body["uitkeringen"]
    assert out["bsn"] == dossier.inburgeraar.bsn
    assert (out["maand"], out["bedrag"], out["bron"], out["resultaat"]) == ("2026-03", "1234.56", "api", "nieuw")
    assert out["dossier"] == str(dossier.uuid) and out["gemeente"] == dossier.gemeente.code and "updatedAt" in out
    stored = Uitkering.objects.get()
    assert (stored.maand, stored.bedrag, stored.bron) == (MAART, Decimal("1234.56"), "api")
    assert Verwerking.objects.filter(action=Action.CREATE, purpose=Purpose.ONTZORGEN, dossier_id=dossier.pk).exists()


def test_post_a_list_reports_each_item_in_order(api, financieel, gemeente_a):
    a, b, c = DossierFactory.create_batch(3, gemeente=gemeente_a)
    uitkering_set(dossier=b, maand=MAART, bedrag=Decimal("500"), actor=financieel)
    uitkering_set(dossier=c, maand=MAART, bedrag=Decimal("700"), actor=financieel)
    body = [item(a), item(b, bedrag="550.00"), item(c, bedrag="700"), item(a, maand="2026-04", bedrag="1")]
    response = api.post(URL, body, format="json")
    assert response.status_code == 200, response.content
    data = response.json()
    assert (data["aantal"], data["nieuw"], data["gewijzigd"], data["ongewijzigd"]) == (4, 2, 1, 1)
    assert [(u["bsn"], u["maand"], u["resultaat"]) for u in data["uitkeringen"]] == [
        (a.inburgeraar.bsn, "2026-03", "nieuw"),
        (b.inburgeraar.bsn, "2026-03", "gewijzigd"),
        (c.inburgeraar.bsn, "2026-03", "ongewijzigd"),
        (a.inburgeraar.bsn, "2026-04", "nieuw"),
    ]
    assert DossierEvent.objects.get(dossier=b).changes[0]["new"] == "€ 550,00"


def test_posting_the_same_again_changes_nothing(api, dossier):
    first = api.post(URL, [item(dossier)], format="json")
    second = api.post(URL, [item(dossier)], format="json")
    assert first.status_code == second.status_code == 200
    assert second.json()["ongewijzigd"] == 1 and second.json()["nieuw"] == 0
    assert Uitkering.objects.count() == 1


@pytest.mark.parametrize(
    ("override", "name"),
    [
        ({"bsn": "123456789"}, "bsn"),
        ({"bsn": "12345678"}, "bsn"),
        ({"maand": "2026-13"}, "maand"),
        ({"maand": "2026-3"}, "maand"),
        ({"maand": "2021-12"}, "maand"),
        ({"maand": "2026-06"}, "maand"),
        ({"maand": 202603}, "maand"),
        ({"bedrag": "0"}, "bedrag"),
        ({"bedrag": "-10.00"}, "bedrag"),
        ({"bedrag": "1e3"}, "bedrag"),
        ({"bedrag": "12,345"}, "bedrag"),
        ({"bedrag": 1234.56}, "bedrag"),
        ({"bsn": 123456782}, "bsn"),
        ({"bedrag": "NaN"}, "bedrag"),
        ({"bedrag": "1000000000.00"}, "bedrag"),
        ({"bsn": "111222333"}, "bsn"),  # valid, but no open dossier in scope
    ],
)
def test_bad_single_item_is_400_naming_the_field(api, dossier, override, name):
    response = api.post(URL, {**item(dossier), **override}, format="json")
    assert response.status_code == 400, response.content
    assert response["Content-Type"] == PROBLEM
    assert names(response) == [name]
    assert all(p["reason"] for p in response.json()["invalidParams"])
    assert not Uitkering.objects.exists()


def test_list_is_all_or_nothing_and_names_index_and_field(api, dossier, dossier_b, gemeente_a):
    other = DossierFactory(gemeente=gemeente_a)
    body = [
        item(other),
        item(dossier, bedrag="0"),
        item(dossier_b),  # another gemeente: unknown
        item(dossier, maand="2026-13"),
        item(other),  # duplicate of item 0
    ]
    response = api.post(URL, body, format="json")
    assert response.status_code == 400
    assert response["Content-Type"] == PROBLEM
    assert sorted(names(response)) == ["1.bedrag", "3.maand"]  # field validation comes first
    assert not Uitkering.objects.exists()

    body = [item(other), item(dossier_b), item(other)]
    response = api.post(URL, body, format="json")
    assert response.status_code == 400
    params = response.json()["invalidParams"]
    assert [(p["name"], p["code"]) for p in params] == [("1.bsn", "unknown_bsn"), ("2", "duplicate_row")]
    assert dossier_b.gemeente.naam not in json.dumps(params)
    assert "item 0" in params[1]["reason"]
    assert not Uitkering.objects.exists()


def test_correction_of_a_settled_month_is_409(api, financieel, dossier):
    uitkering_set(dossier=dossier, maand=MAART, bedrag=Decimal("1000"), actor=financieel)
    run = Betaalrun.objects.create(maand=MAART, status=RunStatus.VERWERKT, uitvoerdatum=MAART, created_by=financieel)
    ontzorging = Ontzorging.objects.create(
        dossier=dossier,
        startdatum=date(2026, 1, 1),
        einddatum=date(2026, 6, 30),
        asielvergunning_bepaalde_tijd=True,
        besluitdatum=date(2025, 12, 20),
        created_by=financieel,
    )
    Afrekening.objects.create(
        betaalrun=run,
        ontzorging=ontzorging,
        dossier=dossier,
        gemeente=dossier.gemeente,
        maand=MAART,
        status=AfrekeningStatus.OPGENOMEN,
        uitkering=Decimal("1000"),
        inhoudingen=Decimal("600"),
        leefgeld=Decimal("400"),
    )
    response = api.post(URL, [item(dossier, bedrag="1100")], format="json")
    assert response.status_code == 409
    assert response["Content-Type"] == PROBLEM
    assert response.json()["invalidParams"][0]["name"] == "0.maand"
    assert response.json()["invalidParams"][0]["code"] == "settled"
    assert Uitkering.objects.get().bedrag == Decimal("1000")


@pytest.mark.parametrize(("body", "name"), [([], ""), ("tekst", ""), (None, "bsn"), ([1], "0")])
def test_malformed_bodies(api, body, name):
    response = api.post(URL, body, format="json")
    assert response.status_code == 400
    assert response["Content-Type"] == PROBLEM
    assert name in names(response)


def test_too_many_items(api, dossier):
    response = api.post(URL, [item(dossier)] * (MAX_ITEMS + 1), format="json")
    assert response.status_code == 400
    assert response["Content-Type"] == PROBLEM
    assert str(MAX_ITEMS) in response.json()["invalidParams"][0]["reason"]
    assert not Uitkering.objects.exists()


def test_a_full_list_is_accepted(api, gemeente_a):
    dossiers = DossierFactory.create_batch(50, gemeente=gemeente_a)
    body = [item(d, maand=m) for d in dossiers for m in ("2026-01", "2026-02", "2026-03")]
    response = api.post(URL, body, format="json")
    assert response.status_code == 200
    assert response.json()["nieuw"] == 150 and Uitkering.objects.count() == 150


# --- GET --------------------------------------------------------------------------------------------


def test_get_is_scoped_filtered_paged_and_logged(api, financieel, dossier, dossier_b, gemeente_a):
    other = DossierFactory(gemeente=gemeente_a)
    uitkering_set(dossier=dossier, maand=MAART, bedrag=Decimal("100"), actor=financieel)
    uitkering_set(dossier=dossier, maand=date(2026, 2, 1), bedrag=Decimal("90"), actor=financieel)
    uitkering_set(dossier=other, maand=MAART, bedrag=Decimal("80"), actor=financieel)
    Uitkering.objects.create(dossier=dossier_b, maand=MAART, bedrag=Decimal("1"), bron="api", created_by=financieel)

    def get(**params):
        response = api.get(URL, params)
        assert response.status_code == 200, response.content
        return [(u["bsn"], u["maand"], u["bedrag"]) for u in response.json()["results"]]

    assert get() == [
        (dossier.inburgeraar.bsn, "2026-03", "100.00"),
        (other.inburgeraar.bsn, "2026-03", "80.00"),
        (dossier.inburgeraar.bsn, "2026-02", "90.00"),
    ]
    assert get(maand="2026-02") == [(dossier.inburgeraar.bsn, "2026-02", "90.00")]
    assert get(bsn=other.inburgeraar.bsn) == [(other.inburgeraar.bsn, "2026-03", "80.00")]
    assert get(bsn=dossier_b.inburgeraar.bsn) == []
    assert get(gemeente=gemeente_a.code, maand="2026-03", pageSize=1) == [
        (dossier.inburgeraar.bsn, "2026-03", "100.00")
    ]
    assert get(gemeente="x\x00") == []
    assert Verwerking.objects.filter(action=Action.LIST, purpose=Purpose.KOPPELING, subject="api-uitkeringen").exists()
    assert not Verwerking.objects.filter(subject="api-uitkeringen", dossier_id=dossier_b.pk).exists()


@pytest.mark.parametrize(("params", "name"), [({"maand": "2026-13"}, "maand"), ({"bsn": "12"}, "bsn")])
def test_get_with_a_malformed_filter_is_400(api, params, name):
    response = api.get(URL, params)
    assert response.status_code == 400
    assert response["Content-Type"] == PROBLEM
    assert names(response) == [name]


# --- roles and scope --------------------------------------------------------------------------------


@pytest.mark.parametrize("role", [Role.KLANTREGISSEUR, Role.TEAMLEIDER, Role.BELEIDSMEDEWERKER])
def test_other_roles_get_403(token_client, gemeente_a, dossier, role):
    client = token_client(UserFactory(roles=[role], gemeenten=[gemeente_a]))
    for response in (client.get(URL), client.post(URL, item(dossier), format="json")):
        assert response.status_code == 403
        assert response["Content-Type"] == PROBLEM
    assert not Uitkering.objects.exists()


def test_klantregisseur_cannot_post(token_client, klantregisseur, dossier):
    response = token_client(klantregisseur).post(URL, [item(dossier)], format="json")
    assert response.status_code == 403
    assert not Uitkering.objects.exists()


def test_financieel_of_another_gemeente_sees_nothing_and_cannot_post(token_client, gemeente_b, financieel, dossier):
    uitkering_set(dossier=dossier, maand=MAART, bedrag=Decimal("100"), actor=financieel)
    client = token_client(UserFactory(roles=[Role.FINANCIEEL_MEDEWERKER], gemeenten=[gemeente_b]))
    assert client.get(URL).json()["count"] == 0
    response = client.post(URL, item(dossier, bedrag="5"), format="json")
    assert response.status_code == 400 and names(response) == ["bsn"]
    assert response.json()["invalidParams"][0]["code"] == "unknown_bsn"
    assert Uitkering.objects.get().bedrag == Decimal("100")


def test_unauthenticated_is_401(client):
    assert client.get(URL).status_code == 401
    assert client.post(URL, {}, content_type="application/json").status_code == 401


# --- schema -----------------------------------------------------------------------------------------


def test_schema_documents_the_endpoint(api):
    schema = json.loads(api.get("/api/v1/schema/", {"format": "json"}).content)
    validate_schema(schema)
    assert set(schema["paths"]["/api/v1/uitkeringen/"]) == {"get", "post"}
    request_body = schema["components"]["schemas"]["UitkeringenInputRequest"]
    assert len(request_body["oneOf"]) == 2
    assert {"bsn", "maand", "bedrag"} == set(schema["components"]["schemas"]["UitkeringInputRequest"]["properties"])


@pytest.fixture
def wsgi_keeps_the_test_connection():
    """As in api/tests: schemathesis calls the WSGI handler directly; keep the test's connection open."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.mark.usefixtures("wsgi_keeps_the_test_connection")
def test_api_never_answers_with_a_server_error(financieel, dossier):
    uitkering_set(dossier=dossier, maand=MAART, bedrag=Decimal("100"), actor=financieel)
    financieel.is_system = True  # only a system account holds a token
    financieel.save(update_fields=["is_system"])
    _token, key = api_token_create(user=financieel, description="schemathesis", actor=None)
    schema = schemathesis.openapi.from_wsgi(
        "/api/v1/schema/?format=json", get_wsgi_application(), headers={"Authorization": f"Token {key}"}
    )
    operations = [result.ok() for result in schema.get_all_operations() if result.ok().path == "/api/v1/uitkeringen/"]
    assert len(operations) == 2

    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(max_examples=40, deadline=None, database=None, suppress_health_check=list(HealthCheck))
        def run(case):
            case.call_and_validate(
                headers={"Authorization": f"Token {key}"},
                checks=[not_a_server_error, response_schema_conformance],
            )

        run()
