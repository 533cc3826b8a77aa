"""Contract tests: every request our DUO clients build is valid per DUO's OpenAPI documents.

For every operation of every spec the client method is called with valid example data; an
``httpx.MockTransport`` captures the request and answers with a response that is valid per the
spec. openapi-core validates both, and the test checks the client returned the parsed body.
The specs are read from ``../shared/reference/duo-m2m`` next to the repository; without them
these tests are skipped, or fail under ``CI=true`` (core/tests/reference.py).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import httpx
import pytest

from openinburgering.core.tests.reference import DUO_SPEC_DIR as SPEC_DIR
from openinburgering.core.tests.reference import reference_path
from openinburgering.duo.clients import (
    ContactpersoonClient,
    DuoClient,
    DuoClientConfig,
    DuoFout,
    DuoFoutmeldingen,
    DuoNietGeauthenticeerd,
    DuoNietGeautoriseerd,
    DuoNietGevonden,
    DuoTijdelijkeFout,
    ExamenClient,
    GevolgdeUrenClient,
    InburgeringsaanbodClient,
    InburgeringsplichtClient,
    InburgeringstermijnClient,
    LeerbaarheidstoetsClient,
    MapPvtZrouteClient,
    NotificatieClient,
    OntheffingClient,
    PipClient,
    VrijstellingClient,
)

reference_path(SPEC_DIR / "API", "DUO's OpenAPI specs", module_level=True)


BSN = "999993653"
GEMEENTE_OIN = "00000001234567890000"
DUO_OIN = "00000001800866472000"
INSTELLINGSNUMMER = "1234567890"

CONFIG = DuoClientConfig(base_url="https://duo.test:8443", bron_oin=GEMEENTE_OIN, doel_oin=DUO_OIN)


# The openapi-core adapters for httpx and the spec loading are shared with the simulator's contract tests.
from openinburgering.duosim.tests.spec import (  # noqa: E402
    HttpxOpenAPIRequest,
    HttpxOpenAPIResponse,
)
from openinburgering.duosim.tests.spec import duo_document as spec_document  # noqa: E402
from openinburgering.duosim.tests.spec import duo_openapi as openapi  # noqa: E402


def operations(api: str) -> dict[str, tuple[str, str]]:
    """operationId → (method, path template) of one spec."""
    paths = spec_document(api)["paths"]
    return {
        op["operationId"]: (method, template)
        for template, item in paths.items()
        for method, op in item.items()
        if method != "parameters"
    }


def matches_template(path: str, template: str) -> bool:
    pattern = re.sub(r"\\\{[^}]+\\\}", "[^/]+", re.escape(template))
    return re.fullmatch(pattern, path) is not None


# --- one case per operation -------------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    api: str  # folder under API/
    operation_id: str
    client_class: type[DuoClient]
    call: Callable[[Any], Any]
    status: int
    body: Any = None
    expected_request_body: Any = field(default=None)

    @property
    def id(self) -> str:
        return f"{self.api}:{self.operation_id}"


CONTACTPERSOONGEGEVENS = {
    "naam": "Fatima el Amrani",
    "email": "f.elamrani@gemeente.example",
    "telefoonnummer": "0201234567",
}
PIP = {
    "dagtekeningPip": "2026-03-02",
    "leerroute": "B",
    "niveau": "B1",
    "geschatteIntensiteitB1Route": 600,
    "indicatorMagOpleidingAfmaken": False,
    "indicatorAlfabetiseringsonderwijs": "NVT",
}
AANBOD = {
    "datumInburgeringsaanbod": "2026-03-10",
    "verwachteStartdatumOpleiding": "2026-04-01",
    "verwachteEinddatumOpleiding": "2027-04-01",
    "indicatorAlfabetiseringsonderwijs": "NVT",
}
NOTIFICATIE = {"registratieDatumTijd": "2026-03-02T10:15:00+01:00", "bsn": BSN, "gebeurtenisId": "SS101"}

CASES = [
    # Contactpersoon
    Case("Contactpersoon", "createContactpersoon", ContactpersoonClient,
         lambda c: c.post_contactpersoon(CONTACTPERSOONGEGEVENS), 201,
         {"id": 42, "contactpersoongegevens": CONTACTPERSOONGEGEVENS}, CONTACTPERSOONGEGEVENS),
    Case("Contactpersoon", "updateContactpersoonById", ContactpersoonClient,
         lambda c: c.put_contactpersoon(42, CONTACTPERSOONGEGEVENS), 200, None, CONTACTPERSOONGEGEVENS),
    Case("Contactpersoon", "deleteContactpersoonById", ContactpersoonClient,
         lambda c: c.delete_contactpersoon(42), 200),
    Case("Contactpersoon", "postContactpersoonByBsn", ContactpersoonClient,
         lambda c: c.post_contactpersoon_persoon(42, BSN), 201),
    Case("Contactpersoon", "deleteContactpersoonByBsn", ContactpersoonClient,
         lambda c: c.delete_contactpersoon_persoon(42, BSN), 200),
    # Examen
    Case("Examen", "getGratisPogingenTegoedByBsn", ExamenClient, lambda c: c.get_gratis_pogingen(BSN), 200,
         [{"onderdeel": "LE", "gratisPogingenTegoed": 2}, {"onderdeel": "KNM", "gratisPogingenTegoed": 3}]),
    Case("Examen", "getExamenresultatenByBsn", ExamenClient, lambda c: c.get_resultaten(BSN), 200,
         [{"examendatum": "2026-05-12", "resultaat": "Geslaagd", "onderdeel": "LE", "niveau": "B1"},
          {"examendatum": "2026-05-13", "resultaat": "Geen", "redenGeenResultaat": "Absent", "onderdeel": "SP"}]),
    # GevolgdeUren
    Case("GevolgdeUren", "getGevolgdeUrenByBsn", GevolgdeUrenClient, lambda c: c.get_uren(BSN), 200,
         [{"gemeentecode": "0363", "TaallesEnKnmBredeIntake": {"uren": 120},
           "ParticipatieactiviteitenBredeIntake": {"uren": 40}, "ParticipatieAlsTaalles": {"uren": 8}}]),
    Case("GevolgdeUren", "updateUrenTaallesEnKnmByBSN", GevolgdeUrenClient,
         lambda c: c.put_uren_taalles_knm(BSN, {"uren": 120}), 200, None, {"uren": 120}),
    Case("GevolgdeUren", "updateUrenParticipatieactiviteiten", GevolgdeUrenClient,
         lambda c: c.put_uren_participatieactiviteiten(BSN, {"uren": 40}), 200, None, {"uren": 40}),
    Case("GevolgdeUren", "updateUrenParticipatieAlsTaallesByBsn", GevolgdeUrenClient,
         lambda c: c.put_uren_participatie_taalles(BSN, {"uren": 0}), 200, None, {"uren": 0}),
    # Inburgeringsaanbod
    Case("Inburgeringsaanbod", "getInstellingen", InburgeringsaanbodClient, lambda c: c.get_instellingen(), 200,
         [{"instellingsnummer": INSTELLINGSNUMMER, "naam": "Taalschool Amstel", "postcode": "1011AB",
           "huisnummer": 12, "huisnummertoevoeging": "A", "plaatsnaam": "Amsterdam", "bow": "12345",
           "brin": "12AB", "indicatieBowKeurmerk": True, "indicatieTstKeurmerk": False}]),
    Case("Inburgeringsaanbod", "postInburgeringsaanbodByBsnAndInstellingsnummer", InburgeringsaanbodClient,
         lambda c: c.post_inburgeringsaanbod(BSN, INSTELLINGSNUMMER, AANBOD), 201, None, AANBOD),
    Case("Inburgeringsaanbod", "deleteInburgeringsaanbodByBsnAndInstellingsnumer", InburgeringsaanbodClient,
         lambda c: c.delete_inburgeringsaanbod(BSN, INSTELLINGSNUMMER), 204),
    # Inburgeringsplicht
    Case("Inburgeringsplicht", "getDoelgroepByBsn", InburgeringsplichtClient, lambda c: c.get_doelgroep(BSN), 200,
         {"indeling": "Asielstatushouder", "begindatum": "2026-01-15", "gedetailleerdeDoelgroep": "Asielstatushouder"}),
    Case("Inburgeringsplicht", "getDoelgroephistorieByBsn", InburgeringsplichtClient,
         lambda c: c.get_doelgroep_historie(BSN), 200,
         [{"indeling": "Gezinsmigrant en overige migrant", "begindatum": "2025-01-01", "einddatum": "2026-01-14"}]),
    Case("Inburgeringsplicht", "getInburgeringsplichtByBsn", InburgeringsplichtClient,
         lambda c: c.get_inburgeringsplicht(BSN), 200,
         {"indicatorInburgeringsplicht": True, "begindatum": "2026-01-15",
          "datumKennisgevingInburgeringsplicht": "2026-01-20"}),
    Case("Inburgeringsplicht", "getInburgeringsplichthistorieByBsn", InburgeringsplichtClient,
         lambda c: c.get_inburgeringsplicht_historie(BSN), 200,
         [{"indicatorInburgeringsplicht": True, "begindatum": "2026-01-15", "wijzigingsdatum": "2026-01-15"}]),
    # Inburgeringstermijn
    Case("Inburgeringstermijn", "getInburgeringstermijnByBsn", InburgeringstermijnClient,
         lambda c: c.get_inburgeringstermijn(BSN), 200, {"startdatum": "2026-03-02", "einddatum": "2029-03-02"}),
    Case("Inburgeringstermijn", "getInburgeringstermijnhistorieByBsn", InburgeringstermijnClient,
         lambda c: c.get_inburgeringstermijn_historie(BSN), 200,
         [{"einddatum": "2029-09-02", "wijzigingsdatum": "2028-12-01", "verlengingsgrondcode": "MED",
           "verlengingsgrondomschrijving": "Medische omstandigheden"}]),
    Case("Inburgeringstermijn", "getVerlengingsgronden", InburgeringstermijnClient,
         lambda c: c.get_verlengingsgronden(), 200, [{"code": "MED", "omschrijving": "Medische omstandigheden"}]),
    # Leerbaarheidstoets
    Case("Leerbaarheidstoets", "getExamennummerByBsn", LeerbaarheidstoetsClient,
         lambda c: c.get_examennummer(BSN), 200, {"examennummer": "LBT123456789"}),
    Case("Leerbaarheidstoets", "deleteExamennummerByBsn", LeerbaarheidstoetsClient,
         lambda c: c.delete_examennummer(BSN), 200),
    Case("Leerbaarheidstoets", "getLbtResultatenByBsn", LeerbaarheidstoetsClient,
         lambda c: c.get_resultaten(BSN), 200,
         [{"resultaat": "B1-route haalbaar", "behaaldeScore": "61,50", "benodigdeScore": "55,00",
           "datumAfname": "2026-02-10"}]),
    # MAP, PVT, Z-route
    Case("MAP,PVT,Zroute", "getMapByBsn", MapPvtZrouteClient, lambda c: c.get_map(BSN), 200,
         {"datumEindgesprekMap": "2027-06-01"}),
    Case("MAP,PVT,Zroute", "updateMapByBsn", MapPvtZrouteClient,
         lambda c: c.put_map(BSN, {"datumEindgesprekMap": "2027-06-01"}), 200, None,
         {"datumEindgesprekMap": "2027-06-01"}),
    Case("MAP,PVT,Zroute", "getPvtByBsn", MapPvtZrouteClient, lambda c: c.get_pvt(BSN), 200,
         {"datumOndertekeningPvt": "2026-09-01"}),
    Case("MAP,PVT,Zroute", "updatePvtByBsn", MapPvtZrouteClient,
         lambda c: c.put_pvt(BSN, {"datumOndertekeningPvt": "2029-04-01", "verwijtbaar": "Nee"}), 200, None,
         {"datumOndertekeningPvt": "2029-04-01", "verwijtbaar": "Nee"}),
    Case("MAP,PVT,Zroute", "updateZrouteByBsn", MapPvtZrouteClient,
         lambda c: c.put_zroute(BSN, {"datumAfrondingZroute": "2028-01-15"}), 200, None,
         {"datumAfrondingZroute": "2028-01-15"}),
    # Notificatie (DUO → gemeente; for the simulator)
    Case("Notificatie", "opvoerenNotificatie", NotificatieClient,
         lambda c: c.post_notificatie(NOTIFICATIE), 201, None, NOTIFICATIE),
    # Ontheffing
    Case("Ontheffing", "getOntheffingenByBsn", OntheffingClient, lambda c: c.get_ontheffingen(BSN), 200,
         [{"GeheleOntheffing": {"oordeel": "Toekenning", "datumOordeel": "2026-04-01", "grond": "MED"}},
          {"GedeeltelijkeOntheffing": {"oordeel": "Afwijzing", "datumOordeel": "2026-04-02", "grond": "BIO",
                                       "examenonderdeel": "SP", "urenBelastbaarheidParticipatieactiviteit": 10}}]),
    # PIP
    Case("PIP", "getPipByBsn", PipClient, lambda c: c.get_pip(BSN), 200, {"gemeentecode": "0363", "pip": PIP}),
    Case("PIP", "postPipByBsn", PipClient, lambda c: c.post_pip(BSN, PIP), 201, None, PIP),
    Case("PIP", "deletePipByBsn", PipClient, lambda c: c.delete_pip(BSN), 200),
    # Vrijstelling
    Case("Vrijstelling", "getVrijstellingenByBsn", VrijstellingClient, lambda c: c.get_vrijstellingen(BSN), 200,
         [{"GeheleVrijstelling": {"oordeel": "Toekenning", "reden": "DIP", "datumOordeel": "2026-04-01"}},
          {"TijdelijkeVrijstelling": {"oordeel": "Toekenning", "reden": "INS", "startdatum": "2026-04-01",
                                      "einddatum": "2026-10-01"}},
          {"GedeeltelijkeVrijstelling": {"reden": "OPL", "oordeel": "Toekenning", "examenonderdeel": "LE",
                                         "examenniveau": "B1"}}]),
]  # fmt: skip

SPEC_APIS = sorted(p.parent.name for p in (SPEC_DIR / "API").glob("*/openapi.yml"))


def test_every_operation_of_every_spec_has_a_case() -> None:
    assert len(SPEC_APIS) == 12
    expected = {f"{api}:{op}" for api in SPEC_APIS for op in operations(api)}
    covered = {case.id for case in CASES}
    assert covered == expected
    assert len(CASES) == len(covered), "one case per operation"


@pytest.mark.parametrize("client_class", sorted({c.client_class for c in CASES}, key=lambda c: c.API_NAME))
def test_client_speaks_the_spec_version(client_class: type[DuoClient]) -> None:
    """A new spec version must be read before the client's SPEC_VERSION is raised."""
    assert spec_document(client_class.API_NAME)["info"]["version"] == client_class.SPEC_VERSION


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.id)
def test_request_and_response_match_the_spec(case: Case) -> None:
    api_version = spec_document(case.api)["info"]["version"]
    captured: list[httpx.Request] = []
    responses: list[httpx.Response] = []

    def handler(request: httpx.Request) -> httpx.Response:
        captured.append(request)
        headers = {"API-Version": api_version, "berichtId": request.headers["berichtId"]}
        if case.body is None:
            response = httpx.Response(case.status, headers=headers)
        else:
            response = httpx.Response(case.status, headers=headers, json=case.body)
        responses.append(response)
        return response

    client = case.client_class(CONFIG, transport=httpx.MockTransport(handler))
    result = case.call(client)

    assert len(captured) == 1
    request = captured[0]
    spec = openapi(case.api)
    openapi_request = HttpxOpenAPIRequest(request, base_path=f"/v{client.major}")
    spec.validate_request(openapi_request)
    method, template = operations(case.api)[case.operation_id]
    assert openapi_request.method == method
    assert matches_template(openapi_request.path, template), (openapi_request.path, template)
    if case.expected_request_body is None:
        assert request.content == b""
    else:
        assert json.loads(request.content) == case.expected_request_body
        assert request.headers["Content-Type"] == "application/json"

    spec.validate_response(openapi_request, HttpxOpenAPIResponse(responses[0]))
    assert result == case.body


def _pip_exchange(*, bericht_id: str | None = None, api_version: str = "1.2.0") -> tuple[httpx.Request, httpx.Response]:
    exchanged: list[tuple[httpx.Request, httpx.Response]] = []

    def handler(request: httpx.Request) -> httpx.Response:
        response = httpx.Response(201, headers={"API-Version": api_version})
        exchanged.append((request, response))
        return response

    PipClient(CONFIG, transport=httpx.MockTransport(handler)).post_pip(BSN, PIP, bericht_id=bericht_id)  # type: ignore[arg-type]
    return exchanged[0]


def test_validation_is_not_vacuous() -> None:
    """The adapters really let openapi-core see headers, path and body: bad input is refused."""
    from openapi_core.exceptions import OpenAPIError

    spec = openapi("PIP")
    request, response = _pip_exchange()
    spec.validate_request(HttpxOpenAPIRequest(request, base_path="/v1"))

    bad_header = httpx.Request(
        request.method, request.url, headers={**request.headers, "bron": "123"}, content=request.content
    )
    with pytest.raises(OpenAPIError):
        spec.validate_request(HttpxOpenAPIRequest(bad_header, base_path="/v1"))

    bad_body = httpx.Request(request.method, request.url, headers=request.headers, json={**PIP, "leerroute": "X"})
    with pytest.raises(OpenAPIError):
        spec.validate_request(HttpxOpenAPIRequest(bad_body, base_path="/v1"))

    bad_bsn = httpx.Request(
        request.method, "https://duo.test:8443/v1/personen/12345/PIP", headers=request.headers, content=request.content
    )
    with pytest.raises(OpenAPIError):
        spec.validate_request(HttpxOpenAPIRequest(bad_bsn, base_path="/v1"))

    no_version = httpx.Response(201)
    with pytest.raises(OpenAPIError):
        spec.validate_response(HttpxOpenAPIRequest(request, base_path="/v1"), HttpxOpenAPIResponse(no_version))
    spec.validate_response(HttpxOpenAPIRequest(request, base_path="/v1"), HttpxOpenAPIResponse(response))


def test_bericht_id_is_a_uuid_the_spec_accepts() -> None:
    """berichtId is format uuid (and 36 characters in two specs): the dashed form."""
    request, _ = _pip_exchange()
    assert len(request.headers["berichtId"]) == 36
    spec = openapi("Leerbaarheidstoets")  # the one with minLength/maxLength 36
    exchanged: list[httpx.Request] = []

    def handler(req: httpx.Request) -> httpx.Response:
        exchanged.append(req)
        return httpx.Response(200, headers={"API-Version": "1.2.0"})

    LeerbaarheidstoetsClient(CONFIG, transport=httpx.MockTransport(handler)).delete_examennummer(BSN)
    spec.validate_request(HttpxOpenAPIRequest(exchanged[0], base_path="/v1"))


ERROR_CLASSES: dict[int, type[DuoFout]] = {
    400: DuoFoutmeldingen,
    401: DuoNietGeauthenticeerd,
    403: DuoNietGeautoriseerd,
    404: DuoNietGevonden,
    500: DuoTijdelijkeFout,
    503: DuoTijdelijkeFout,
}
FOUTTEKST = "De datum dagtekening mag niet voor de start van de inburgeringsplicht liggen."


def _error_body(response_spec: dict[str, Any]) -> Any:
    """A body valid for an error response: a list of Foutmelding, one Foutmelding, or none."""
    schema = response_spec.get("content", {}).get("application/json", {}).get("schema")
    if schema is None:
        return None
    if schema.get("type") == "array":
        return [{"fouttekst": FOUTTEKST}, {"fouttekst": "Tweede foutmelding."}]
    return {"fouttekst": FOUTTEKST}


ERROR_CASES = [
    pytest.param(case, int(status), id=f"{case.id}:{status}")
    for case in CASES
    for status in spec_document(case.api)["paths"][operations(case.api)[case.operation_id][1]][
        operations(case.api)[case.operation_id][0]
    ]["responses"]
    if int(status) >= 400
]


@pytest.mark.parametrize(("case", "status"), ERROR_CASES)
def test_error_responses_of_the_spec_map_to_exceptions(case: Case, status: int) -> None:
    """Every error status each spec documents, with the body it documents, raises the right DuoFout."""
    method, template = operations(case.api)[case.operation_id]
    response_spec = spec_document(case.api)["paths"][template][method]["responses"][str(status)]
    body = _error_body(response_spec)
    api_version = spec_document(case.api)["info"]["version"]
    exchanged: list[tuple[httpx.Request, httpx.Response]] = []

    def handler(request: httpx.Request) -> httpx.Response:
        if body is None:
            response = httpx.Response(status, headers={"API-Version": api_version})
        else:
            response = httpx.Response(status, headers={"API-Version": api_version}, json=body)
        exchanged.append((request, response))
        return response

    with pytest.raises(ERROR_CLASSES[status]) as excinfo:
        case.call(case.client_class(CONFIG, transport=httpx.MockTransport(handler)))

    request, response = exchanged[0]
    openapi(case.api).validate_response(HttpxOpenAPIRequest(request, base_path="/v1"), HttpxOpenAPIResponse(response))
    error = excinfo.value
    assert error.status == status
    assert error.bericht_id == request.headers["berichtId"]
    assert error.retryable == (status >= 500)
    expected_texts = [item["fouttekst"] for item in (body if isinstance(body, list) else [body] if body else [])]
    assert list(error.foutteksten) == expected_texts
