"""Contract tests: every operation of every DUO spec, accepted and rejected, validated by openapi-core.

The simulator is driven in-process (httpx over WSGI). Each request that is meant to be valid
is validated against the spec, and every response is (status, headers incl. API-Version, body).
Skipped when DUO's specs are not next to the repository.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import httpx
import pytest

from openinburgering.duosim import Simulator
from openinburgering.duosim.api import API_VERSIES, OPERATIES

from .conftest import DUO_OIN, GEMEENTE
from .spec import (
    BRP_SPEC,
    DUO_SPEC_DIR,
    HttpxOpenAPIRequest,
    HttpxOpenAPIResponse,
    brp_openapi,
    duo_apis,
    duo_document,
    duo_openapi,
    duo_operations,
    require_specs,
)
from .wereld import (
    BOW_INSTELLING,
    INSTELLING_ZONDER_KEURMERK,
    ONBEKEND_BSN,
    Wereld,
    bouw_wereld,
)

require_specs(DUO_SPEC_DIR / "API", "DUO's OpenAPI specs")

from openapi_core.exceptions import OpenAPIError  # noqa: E402

API_OF = {op.operation_id: op.api for op in OPERATIES}
GEGEVENS = {"naam": "Fatima el Amrani", "email": "f.elamrani@dordrecht.example", "telefoonnummer": "0781234567"}
AANBOD = {
    "datumInburgeringsaanbod": "2025-04-01",
    "verwachteStartdatumOpleiding": "2025-05-01",
    "verwachteEinddatumOpleiding": "2027-05-01",
    "indicatorAlfabetiseringsonderwijs": "NVT",
}
ANDER_DOEL = "00000001000000000999"


@dataclass(frozen=True)
class Case:
    operation_id: str
    path: Callable[[Wereld], str]
    status: int
    body: Any = None
    accepted: bool = True
    headers: dict[str, str] = field(default_factory=dict)
    request_valid: bool = True  # False: the request breaks the spec on purpose (a 400 case)
    label: str = ""

    @property
    def id(self) -> str:
        return f"{self.operation_id}:{self.status}{':' + self.label if self.label else ''}"


def p(template: str) -> Callable[[Wereld], str]:
    """'/personen/{b1}/PIP' → a path for the world's person b1."""
    return lambda w: template.format(**vars(w), onbekend=ONBEKEND_BSN)


CASES = [
    # Contactpersoon
    Case("createContactpersoon", p("/contactpersonen"), 201, GEGEVENS),
    Case("createContactpersoon", p("/contactpersonen"), 403, GEGEVENS, False, {"doel": ANDER_DOEL}, label="doel"),
    Case("createContactpersoon", p("/contactpersonen"), 400, {**GEGEVENS, "telefoonnummer": "x"}, False,
         request_valid=False),
    Case("updateContactpersoonById", p("/contactpersonen/{contactpersoon}"), 200, GEGEVENS),
    Case("updateContactpersoonById", p("/contactpersonen/99999"), 404, GEGEVENS, False),
    Case("deleteContactpersoonById", p("/contactpersonen/{contactpersoon_los}"), 200),
    Case("deleteContactpersoonById", p("/contactpersonen/99999"), 404, accepted=False),
    Case("postContactpersoonByBsn", p("/contactpersonen/{contactpersoon_los}/personen/{b1}"), 201),
    Case("postContactpersoonByBsn", p("/contactpersonen/{contactpersoon}/personen/{onbekend}"), 404, accepted=False),
    Case("postContactpersoonByBsn", p("/contactpersonen/{contactpersoon}/personen/{elders}"), 403, accepted=False),
    Case("deleteContactpersoonByBsn", p("/contactpersonen/{contactpersoon}/personen/{b1}"), 200),
    Case("deleteContactpersoonByBsn", p("/contactpersonen/{contactpersoon}/personen/{zroute}"), 404, accepted=False),
    # Examen
    Case("getGratisPogingenTegoedByBsn", p("/personen/{b1}/examens/gratispogingen"), 200),
    Case("getGratisPogingenTegoedByBsn", p("/personen/{onbekend}/examens/gratispogingen"), 404, accepted=False),
    Case("getExamenresultatenByBsn", p("/personen/{b1}/examens/resultaten"), 200),
    Case("getExamenresultatenByBsn", p("/personen/{elders}/examens/resultaten"), 403, accepted=False),
    # GevolgdeUren
    Case("getGevolgdeUrenByBsn", p("/personen/{b1}/uren"), 200),
    Case("getGevolgdeUrenByBsn", p("/personen/{onbekend}/uren"), 404, accepted=False),
    Case("updateUrenTaallesEnKnmByBSN", p("/personen/{b1}/uren/bredeintake/taallesknm"), 200, {"uren": 120}),
    Case("updateUrenTaallesEnKnmByBSN", p("/personen/{elders}/uren/bredeintake/taallesknm"), 403, {"uren": 1}, False),
    Case("updateUrenParticipatieactiviteiten", p("/personen/{b1}/uren/participatieactiviteiten"), 200, {"uren": 40}),
    Case("updateUrenParticipatieactiviteiten", p("/personen/{b1}/uren/participatieactiviteiten"), 400,
         {"uren": 10000}, False, request_valid=False),
    Case("updateUrenParticipatieAlsTaallesByBsn", p("/personen/{b1}/uren/participatietaalles"), 200, {"uren": 0}),
    Case("updateUrenParticipatieAlsTaallesByBsn", p("/personen/{onbekend}/uren/participatietaalles"), 404,
         {"uren": 3}, False),
    # Inburgeringsaanbod
    Case("getInstellingen", p("/instellingen"), 200),
    Case("getInstellingen", p("/instellingen"), 400, accepted=False, headers={"berichtId": "geen-uuid"},
         request_valid=False),
    Case("postInburgeringsaanbodByBsnAndInstellingsnummer", p(f"/personen/{{b1}}/Inburgeringsaanbod/{BOW_INSTELLING}"),
         201, AANBOD),
    Case("postInburgeringsaanbodByBsnAndInstellingsnummer",
         p(f"/personen/{{b1}}/Inburgeringsaanbod/{INSTELLING_ZONDER_KEURMERK}"), 403, AANBOD, False),
    Case("postInburgeringsaanbodByBsnAndInstellingsnummer",
         p(f"/personen/{{onbekend}}/Inburgeringsaanbod/{BOW_INSTELLING}"), 404, AANBOD, False),
    Case("deleteInburgeringsaanbodByBsnAndInstellingsnumer", p("/personen/{b1}/Inburgeringsaanbod/0000100002"), 204),
    Case("deleteInburgeringsaanbodByBsnAndInstellingsnumer", p(f"/personen/{{b1}}/Inburgeringsaanbod/{BOW_INSTELLING}"),
         404, accepted=False),
    # Inburgeringsplicht
    Case("getDoelgroepByBsn", p("/personen/{b1}/doelgroep"), 200),
    Case("getDoelgroepByBsn", p("/personen/{onbekend}/doelgroep"), 404, accepted=False),
    Case("getDoelgroephistorieByBsn", p("/personen/{b1}/doelgroep/historie"), 200),
    Case("getDoelgroephistorieByBsn", p("/personen/{elders}/doelgroep/historie"), 403, accepted=False),
    Case("getInburgeringsplichtByBsn", p("/personen/{b1}/inburgeringsplicht"), 200),
    Case("getInburgeringsplichtByBsn", p("/personen/{onbekend}/inburgeringsplicht"), 404, accepted=False),
    Case("getInburgeringsplichthistorieByBsn", p("/personen/{b1}/inburgeringsplicht/historie"), 200),
    Case("getInburgeringsplichthistorieByBsn", p("/personen/{onbekend}/inburgeringsplicht/historie"), 404,
         accepted=False),
    # Inburgeringstermijn
    Case("getInburgeringstermijnByBsn", p("/personen/{b1}/inburgeringstermijn"), 200),
    Case("getInburgeringstermijnByBsn", p("/personen/{zonder_pip}/inburgeringstermijn"), 404, accepted=False),
    Case("getInburgeringstermijnhistorieByBsn", p("/personen/{b1}/inburgeringstermijn/historie"), 200),
    Case("getInburgeringstermijnhistorieByBsn", p("/personen/{onbekend}/inburgeringstermijn/historie"), 404,
         accepted=False),
    Case("getVerlengingsgronden", p("/verlengingsgronden"), 200),
    Case("getVerlengingsgronden", p("/verlengingsgronden"), 400, accepted=False,
         headers={"berichtId": uuid.uuid4().hex}, request_valid=False, label="berichtId-32"),
    # Leerbaarheidstoets
    Case("getExamennummerByBsn", p("/personen/{b1}/lbt/examennummer"), 200),
    Case("getExamennummerByBsn", p("/personen/{zonder_pip}/lbt/examennummer"), 404, accepted=False),
    Case("deleteExamennummerByBsn", p("/personen/{b1}/lbt/examennummer"), 200),
    Case("deleteExamennummerByBsn", p("/personen/{zonder_pip}/lbt/examennummer"), 404, accepted=False),
    Case("getLbtResultatenByBsn", p("/personen/{b1}/lbt/resultaten"), 200),
    Case("getLbtResultatenByBsn", p("/personen/{onbekend}/lbt/resultaten"), 404, accepted=False),
    # MAP, PVT, Z-route
    Case("getMapByBsn", p("/personen/{b1}/map"), 200),
    Case("getMapByBsn", p("/personen/{zroute}/map"), 404, accepted=False),
    Case("updateMapByBsn", p("/personen/{b1}/map"), 200, {"datumEindgesprekMap": "2026-05-20"}),
    Case("updateMapByBsn", p("/personen/{b1}/map"), 403, {"datumEindgesprekMap": "2026-07-01"}, False,
         label="toekomst"),
    Case("updateMapByBsn", p("/personen/{onbekend}/map"), 404, {"datumEindgesprekMap": "2026-05-20"}, False),
    Case("getPvtByBsn", p("/personen/{b1}/pvt"), 200),
    Case("getPvtByBsn", p("/personen/{zroute}/pvt"), 404, accepted=False),
    Case("updatePvtByBsn", p("/personen/{b1}/pvt"), 200, {"datumOndertekeningPvt": "2026-05-20"}),
    Case("updatePvtByBsn", p("/personen/{b1}/pvt"), 403, {"datumOndertekeningPvt": "2025-01-01", "verwijtbaar": "Ja"},
         False, label="voor-termijn"),
    Case("updateZrouteByBsn", p("/personen/{zroute}/zroute"), 200, {"datumAfrondingZroute": "2026-05-01"}),
    Case("updateZrouteByBsn", p("/personen/{b1}/zroute"), 403, {"datumAfrondingZroute": "2026-05-01"}, False),
    # Ontheffing, Vrijstelling
    Case("getOntheffingenByBsn", p("/personen/{b1}/ontheffingen"), 200),
    Case("getOntheffingenByBsn", p("/personen/{onbekend}/ontheffingen"), 404, accepted=False),
    Case("getVrijstellingenByBsn", p("/personen/{b1}/vrijstellingen"), 200),
    Case("getVrijstellingenByBsn", p("/personen/{onbekend}/vrijstellingen"), 404, accepted=False),
    # PIP
    Case("getPipByBsn", p("/personen/{b1}/PIP"), 200),
    Case("getPipByBsn", p("/personen/{zonder_pip}/PIP"), 404, accepted=False),
    Case("postPipByBsn", p("/personen/{zonder_pip}/PIP"), 201, {"dagtekeningPip": "2026-04-15", "leerroute": "B",
                                                                "geschatteIntensiteitB1Route": 500}),
    Case("postPipByBsn", p("/personen/{zonder_pip}/PIP"), 403, {"dagtekeningPip": "2026-04-15", "leerroute": "O",
                                                                "niveau": "A2"}, False),
    Case("postPipByBsn", p("/personen/{zonder_pip}/PIP"), 400, {"dagtekeningPip": "2026-04-15", "leerroute": "X"},
         False, request_valid=False),
    Case("deletePipByBsn", p("/personen/{pip_los}/PIP"), 200),
    Case("deletePipByBsn", p("/personen/{b1}/PIP"), 403, accepted=False),
    Case("deletePipByBsn", p("/personen/{zonder_pip}/PIP"), 404, accepted=False),
]  # fmt: skip


def _send(http: httpx.Client, sim: Simulator, case: Case) -> tuple[httpx.Request, httpx.Response, Wereld]:
    wereld = bouw_wereld(sim)
    operatie = next(op for op in OPERATIES if op.operation_id == case.operation_id)
    headers = {"bron": GEMEENTE, "doel": DUO_OIN, "berichtId": str(uuid.uuid4()), **case.headers}
    url = f"/v{operatie.major}{case.path(wereld)}"
    if case.body is None:
        request = http.build_request(operatie.methode, url, headers=headers)
    else:
        request = http.build_request(operatie.methode, url, headers=headers, json=case.body)
    return request, http.send(request), wereld


def _validate(api: str, request: httpx.Request, response: httpx.Response, *, request_valid: bool = True) -> None:
    spec = duo_openapi(api)
    openapi_request = HttpxOpenAPIRequest(request, base_path="/v1")
    if request_valid:
        spec.validate_request(openapi_request)
    else:
        with pytest.raises(OpenAPIError):
            spec.validate_request(openapi_request)
    spec.validate_response(openapi_request, HttpxOpenAPIResponse(response))
    assert response.headers["API-Version"] == duo_document(api)["info"]["version"]


def test_route_table_matches_the_specs() -> None:
    """Every operation of the eleven gemeente → DUO specs is served, at the spec's path and method."""
    apis = duo_apis()
    assert len(apis) == 12
    expected = {
        (api, op_id, method, template)
        for api in apis
        if api != "Notificatie"  # DUO is the client there
        for op_id, (method, template) in duo_operations(api).items()
    }
    served = {(op.api, op.operation_id, op.methode, op.pad.replace("<", "{").replace(">", "}")) for op in OPERATIES}
    assert served == expected
    for api in apis:
        assert API_VERSIES[api] == duo_document(api)["info"]["version"]


def test_every_operation_has_an_accepted_and_a_rejected_case() -> None:
    for op in OPERATIES:
        kinds = {case.accepted for case in CASES if case.operation_id == op.operation_id}
        assert kinds == {True, False}, op.operation_id


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_request_and_answer_match_the_spec(case: Case, sim: Simulator, http: httpx.Client) -> None:
    request, response, _ = _send(http, sim, case)
    assert response.status_code == case.status, response.text
    _validate(API_OF[case.operation_id], request, response, request_valid=case.request_valid)
    if case.status == 403 and next(op for op in OPERATIES if op.operation_id == case.operation_id).fout_body:
        foutteksten = [f["fouttekst"] for f in response.json()]
        assert foutteksten and all(0 < len(t) <= 200 for t in foutteksten)


def test_validation_is_not_vacuous(sim: Simulator, http: httpx.Client) -> None:
    """A wrong body or a missing API-Version is refused by the validator."""
    case = next(c for c in CASES if c.operation_id == "getPipByBsn" and c.accepted)
    request, response, _ = _send(http, sim, case)
    spec = duo_openapi("PIP")
    openapi_request = HttpxOpenAPIRequest(request, base_path="/v1")
    body = response.json()
    del body["pip"]["leerroute"]
    broken = httpx.Response(200, headers=response.headers, content=json.dumps(body).encode())
    with pytest.raises(OpenAPIError):
        spec.validate_response(openapi_request, HttpxOpenAPIResponse(broken))
    no_version = httpx.Response(200, headers={"Content-Type": "application/json"}, content=response.content)
    with pytest.raises(OpenAPIError):
        spec.validate_response(openapi_request, HttpxOpenAPIResponse(no_version))


ACCEPTED = [c for c in CASES if c.accepted]


@pytest.mark.parametrize("case", ACCEPTED, ids=lambda c: c.id)
def test_injected_faults_answer_as_the_spec_allows(case: Case, sim: Simulator, http: httpx.Client) -> None:
    """A 503 from fault injection carries API-Version; where the spec has a 503 it validates."""
    sim.storingen.instellen(status=503, aantal=1)
    request, response, _ = _send(http, sim, case)
    assert response.status_code == 503
    api = API_OF[case.operation_id]
    method, template = next(v for k, v in duo_operations(api).items() if k == case.operation_id)
    if "503" in duo_document(api)["paths"][template][method.lower()]["responses"]:
        _validate(api, request, response)
    assert response.headers["API-Version"] == API_VERSIES[api]


def test_brp_answer_matches_the_brp_spec(sim: Simulator, http: httpx.Client) -> None:
    require_specs(BRP_SPEC, "The BRP spec")
    wereld = bouw_wereld(sim)
    body = {
        "type": "RaadpleegMetBurgerservicenummer",
        "burgerservicenummer": [wereld.b1, ONBEKEND_BSN],
        "fields": ["burgerservicenummer", "naam", "geboorte", "geslacht", "verblijfplaats", "gemeenteVanInschrijving"],
    }
    request = http.build_request(
        "POST", "/haalcentraal/api/brp/personen", content=json.dumps(body).encode(),
        headers={"Content-Type": "application/json; charset=utf-8"},
    )  # fmt: skip
    response = http.send(request)
    assert response.status_code == 200
    spec = brp_openapi()
    openapi_request = HttpxOpenAPIRequest(request, base_path="/haalcentraal/api/brp")
    spec.validate_request(openapi_request)
    spec.validate_response(openapi_request, HttpxOpenAPIResponse(response))
    personen = response.json()["personen"]
    assert [p["burgerservicenummer"] for p in personen] == [wereld.b1]  # the unknown BSN is left out
    # Not vacuous: the same answer without the required langFormaat of a Datum is refused.
    broken = json.loads(response.content)
    del broken["personen"][0]["geboorte"]["datum"]["langFormaat"]
    with pytest.raises(OpenAPIError):
        spec.validate_response(
            openapi_request,
            HttpxOpenAPIResponse(httpx.Response(200, headers=response.headers, content=json.dumps(broken).encode())),
        )
    persoon = personen[0]
    assert persoon["verblijfplaats"]["type"] == "Adres"
    assert persoon["geboorte"]["datum"]["type"] == "Datum"
    assert persoon["geslacht"]["code"] in {"M", "V", "O"}

    bad = http.build_request(
        "POST", "/haalcentraal/api/brp/personen",
        content=json.dumps({**body, "fields": ["bestaatNiet"]}).encode(),
        headers={"Content-Type": "application/json; charset=utf-8"},
    )  # fmt: skip
    bad_response = http.send(bad)
    assert bad_response.status_code == 400
    assert bad_response.headers["Content-Type"] == "application/problem+json"


@pytest.mark.parametrize("bsn", ["999993653", None])
def test_notificatie_request_matches_the_notificatie_spec(bsn: str | None) -> None:
    """What the simulator POSTs to the product is an opvoerenNotificatie request per DUO's spec."""
    captured: list[httpx.Request] = []

    def product(request: httpx.Request) -> httpx.Response:
        captured.append(request)
        return httpx.Response(201, headers={"API-Version": "1.8.0"})

    sim = Simulator(duo_oin=DUO_OIN, product_url="http://product.test/duo/notificaties",
                    transport=httpx.MockTransport(product))  # fmt: skip
    sent = sim.notificeer(bsn, "SS139", gemeente_oin=GEMEENTE)
    assert [n.status for n in sent] == [201]
    spec = duo_openapi("Notificatie")
    openapi_request = HttpxOpenAPIRequest(captured[0], base_path="/duo")
    spec.validate_request(openapi_request)
    spec.validate_response(openapi_request, HttpxOpenAPIResponse(httpx.Response(201, headers={"API-Version": "1.8.0"})))
    assert duo_operations("Notificatie") == {"opvoerenNotificatie": ("POST", "/notificaties")}
    body = json.loads(captured[0].content)
    assert ("bsn" in body) == (bsn is not None)


def test_seeded_and_scenario_persons_validate() -> None:
    """Every GET about the seed's persons and the scenarios' persons answers per the spec."""
    product = httpx.MockTransport(lambda request: httpx.Response(201))
    sim = Simulator(duo_oin=DUO_OIN, product_url="http://product.test/duo/notificaties", transport=product)
    http = httpx.Client(transport=httpx.WSGITransport(app=sim.wsgi_app), base_url="http://duo.test")
    personen = sim.state.seed(gemeente_oin=GEMEENTE)
    for scenario in ("nieuw-regulier", "examen", "verlengd", "diploma", "tijdelijke-vrijstelling", "overleden"):
        sim.scenario(scenario, gemeente_oin=GEMEENTE, bsn=personen[0].bsn if scenario != "nieuw-regulier" else None)
    gets = [op for op in OPERATIES if op.methode == "GET" and "<bsn>" in op.pad]
    checked = 0
    for persoon in sim.state.personen.values():
        for op in gets:
            url = f"/v{op.major}{op.pad.replace('<bsn>', persoon.bsn)}"
            request = http.build_request("GET", url, headers={"bron": GEMEENTE, "doel": DUO_OIN,
                                                              "berichtId": str(uuid.uuid4())})  # fmt: skip
            response = http.send(request)
            assert response.status_code in {200, 404}, (op.operation_id, response.status_code)
            _validate(op.api, request, response)
            checked += response.status_code == 200
    assert checked > len(gets) * len(personen) // 2
