"""The BRP client against the Haal Centraal BRP API Personen spec (../shared/reference/brp/openapi.yaml).

Every request the client builds is validated against the spec, and every answer it is fed is first
validated against the spec too, so the client is tested on what a real BRP sends: a full person, a
person with a huisletter and toevoeging, partly unknown dates, no person at all, and the errors. Without
the spec the module is skipped, and under ``CI=true`` it fails (core/tests/reference.py).
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import httpx
import pytest
from openapi_core.exceptions import OpenAPIError

from openinburgering.brp.client import FIELDS, BrpFout, BrpPersoon, brp_configured, brp_persoon
from openinburgering.core.tests.reference import BRP_SPEC, reference_path
from openinburgering.duosim.brp import MAANDEN

reference_path(BRP_SPEC, "The BRP spec", module_level=True)

from openinburgering.duosim.tests.spec import HttpxOpenAPIRequest, HttpxOpenAPIResponse, brp_openapi  # noqa: E402

BASE = "https://brp.test/haalcentraal/api/brp"
BSN = "999993653"
JSON = {"Content-Type": "application/json; charset=utf-8"}


@pytest.fixture(autouse=True)
def brp_settings(settings):
    settings.BRP_BASE_URL = BASE
    settings.BRP_API_KEY = ""
    settings.BRP_TIMEOUT = 3
    return settings


def datum(value: str) -> dict[str, Any]:
    day = date.fromisoformat(value)
    return {"type": "Datum", "datum": value, "langFormaat": f"{day.day} {MAANDEN[day.month - 1]} {day.year}"}


def persoon(**overrides: Any) -> dict[str, Any]:
    """A person as the BRP answers RaadpleegMetBurgerservicenummer with our FIELDS."""
    result: dict[str, Any] = {
        "burgerservicenummer": BSN,
        "naam": {"voornamen": "Amira Noor", "voorvoegsel": "el", "geslachtsnaam": "Haddad"},
        "geboorte": {"datum": datum("1990-02-28")},
        "geslacht": {"code": "V", "omschrijving": "vrouw"},
        "verblijfplaats": {
            "type": "Adres",
            "verblijfadres": {
                "officieleStraatnaam": "Burgemeester de Raadtsingel",
                "korteStraatnaam": "Burg de Raadtsingel",
                "huisnummer": 12,
                "postcode": "3311 JG",
                "woonplaats": "Dordrecht",
            },
        },
        "gemeenteVanInschrijving": {"code": "0505", "omschrijving": "Dordrecht"},
        "datumInschrijvingInGemeente": datum("2024-02-29"),
    }
    result.update(overrides)
    return result


class Brp:
    """A BRP on an httpx MockTransport: validates each request and each answer against the spec."""

    def __init__(self, status: int = 200, body: Any = None, *, content: bytes | None = None, validate: bool = True):
        self.status, self.body, self.content, self.validate = status, body, content, validate
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        spec = brp_openapi()
        openapi_request = HttpxOpenAPIRequest(request, base_path="/haalcentraal/api/brp")
        spec.validate_request(openapi_request)
        content = self.content if self.content is not None else json.dumps(self.body).encode()
        media = "application/problem+json" if self.status >= 400 else JSON["Content-Type"]
        response = httpx.Response(self.status, headers={"Content-Type": media}, content=content)
        if self.validate and self.status < 400:  # openapi-core cannot parse application/problem+json
            spec.validate_response(openapi_request, HttpxOpenAPIResponse(response))
        return response

    @property
    def transport(self) -> httpx.MockTransport:
        return httpx.MockTransport(self)


def answer(*personen: dict[str, Any]) -> dict[str, Any]:
    return {"type": "RaadpleegMetBurgerservicenummer", "personen": list(personen)}


def problem(status: int, title: str) -> dict[str, Any]:
    return {"type": "https://example.org/problem", "title": title, "status": status, "instance": "/personen"}


def test_the_request_is_valid_per_the_spec_and_asks_only_our_fields():
    brp = Brp(body=answer(persoon()))
    brp_persoon(BSN, transport=brp.transport)
    [request] = brp.requests
    assert request.url == f"{BASE}/personen"
    assert request.method == "POST"
    body = json.loads(request.content)
    assert body == {"type": "RaadpleegMetBurgerservicenummer", "burgerservicenummer": [BSN], "fields": list(FIELDS)}
    assert "X-API-KEY" not in request.headers


def test_the_api_key_is_sent_when_configured(settings):
    settings.BRP_API_KEY = "geheim"
    brp = Brp(body=answer(persoon()))
    brp_persoon(BSN, transport=brp.transport)
    assert brp.requests[0].headers["X-API-KEY"] == "geheim"


def test_a_full_person_is_read_field_by_field():
    assert brp_persoon(BSN, transport=Brp(body=answer(persoon())).transport) == BrpPersoon(
        bsn=BSN,
        voornamen="Amira Noor",
        voorvoegsel="el",
        geslachtsnaam="Haddad",
        geboortedatum=date(1990, 2, 28),
        geslacht="V",
        straat="Burgemeester de Raadtsingel",
        huisnummer="12",
        postcode="3311JG",
        woonplaats="Dordrecht",
        gemeentecode="0505",
        datum_inschrijving_gemeente=date(2024, 2, 29),
    )


def test_huisletter_and_toevoeging_and_the_short_street_name():
    adres = {"korteStraatnaam": "Voorstraat", "huisnummer": 4, "huisletter": "a", "huisnummertoevoeging": "bis"}
    found = brp_persoon(
        BSN, transport=Brp(body=answer(persoon(verblijfplaats={"type": "Adres", "verblijfadres": adres}))).transport
    )
    assert found is not None
    assert (found.straat, found.huisnummer, found.postcode) == ("Voorstraat", "4a-bis", "")


@pytest.mark.parametrize(
    "geboortedatum",
    [
        {"type": "DatumOnbekend", "onbekend": True, "langFormaat": "onbekend"},
        {"type": "JaarDatum", "jaar": 1990, "langFormaat": "1990"},
        {"type": "JaarMaandDatum", "jaar": 1990, "maand": 2, "langFormaat": "februari 1990"},
    ],
    ids=["onbekend", "jaar", "jaar-maand"],
)
def test_a_partly_unknown_birth_date_is_none_not_a_guess(geboortedatum):
    """The BRP records many newcomers' birth dates as 00-00-1990: never turned into 1 January."""
    found = brp_persoon(BSN, transport=Brp(body=answer(persoon(geboorte={"datum": geboortedatum}))).transport)
    assert found is not None and found.geboortedatum is None


def test_a_person_without_sex_address_or_gemeente_reads_as_unknown():
    bare = {"burgerservicenummer": BSN, "naam": {"geslachtsnaam": "Haddad"}}
    found = brp_persoon(BSN, transport=Brp(body=answer(bare)).transport)
    assert found is not None
    assert (found.geslacht, found.straat, found.gemeentecode, found.voornamen) == ("O", "", "", "")
    assert found.datum_inschrijving_gemeente is None


def test_an_unknown_bsn_is_none():
    assert brp_persoon(BSN, transport=Brp(body=answer()).transport) is None


def test_another_persons_answer_is_not_taken_for_this_one():
    other = persoon(burgerservicenummer="999990019")
    assert brp_persoon(BSN, transport=Brp(body=answer(other)).transport) is None


@pytest.mark.parametrize("status", [429, 500, 503])
def test_a_brp_that_cannot_answer_now_is_a_brpfout(status):
    with pytest.raises(BrpFout, match=str(status)):
        brp_persoon(BSN, transport=Brp(status, problem(status, "Even niet")).transport)


@pytest.mark.parametrize("status", [400, 401, 403])
def test_a_refused_question_is_a_valueerror_not_retried(status):
    with pytest.raises(ValueError, match=f"HTTP {status}"):
        brp_persoon(BSN, transport=Brp(status, problem(status, "Nee")).transport)


def test_an_unreachable_brp_is_a_brpfout():
    def down(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("refused", request=request)

    with pytest.raises(BrpFout, match="ConnectError"):
        brp_persoon(BSN, transport=httpx.MockTransport(down))


@pytest.mark.parametrize(
    "content", [b"<html>proxy error</html>", b'{"type": "RaadpleegMetBurgerservicenummer"}', b"[]"]
)
def test_an_answer_without_personen_is_a_brpfout(content):
    with pytest.raises(BrpFout, match="zonder personen"):
        brp_persoon(BSN, transport=Brp(content=content, validate=False).transport)


def test_the_canned_answers_are_checked_against_the_spec():
    """Not vacuous: an answer the spec refuses (a Datum without langFormaat) is refused here too."""
    broken = persoon(geboorte={"datum": {"type": "Datum", "datum": "1990-02-28"}})
    with pytest.raises(OpenAPIError):
        brp_persoon(BSN, transport=Brp(body=answer(broken)).transport)


def test_configured_follows_the_setting(settings):
    assert brp_configured()
    settings.BRP_BASE_URL = ""
    assert not brp_configured()
