"""The BRP, read through the Haal Centraal BRP API Personen (../shared/reference/brp/openapi.yaml).

Only what opening a dossier needs: name, birth date, sex, address and the gemeente of inschrijving of one
person by BSN (``RaadpleegMetBurgerservicenummer``). ``BRP_BASE_URL`` empty = no BRP: the caller decides
what to do without it. The demo and the tests point it at the DUO simulator's BRP fake.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from datetime import date
from typing import Any

import httpx
from django.conf import settings

logger = logging.getLogger(__name__)

FIELDS = (
    "burgerservicenummer",
    "naam.voornamen",
    "naam.voorvoegsel",
    "naam.geslachtsnaam",
    "geboorte.datum",
    "geslacht",
    "verblijfplaats",
    "gemeenteVanInschrijving",
    "datumInschrijvingInGemeente",
)


class BrpFout(Exception):
    """The BRP could not be asked now (down, slow, an answer we do not understand): try again later."""


@dataclass(frozen=True)
class BrpPersoon:
    bsn: str
    voornamen: str
    voorvoegsel: str
    geslachtsnaam: str
    geboortedatum: date | None
    geslacht: str  # M, V or O (BRP's aanduiding geslacht)
    straat: str
    huisnummer: str
    postcode: str
    woonplaats: str
    gemeentecode: str  # CBS code of the gemeente of inschrijving, "" when unknown
    datum_inschrijving_gemeente: date | None


def brp_configured() -> bool:
    return bool(settings.BRP_BASE_URL)


def brp_persoon(bsn: str, *, transport: httpx.BaseTransport | None = None) -> BrpPersoon | None:
    """The person with this BSN as the BRP knows them; None when the BRP does not know the BSN.

    Raises BrpFout when the BRP cannot answer now, ValueError when it refuses the question.
    """
    body = {"type": "RaadpleegMetBurgerservicenummer", "burgerservicenummer": [bsn], "fields": list(FIELDS)}
    # The spec's only request media type; the BRP may refuse any other with 415.
    headers = {"Accept": "application/json", "Content-Type": "application/json; charset=utf-8"}
    if settings.BRP_API_KEY:
        headers["X-API-KEY"] = settings.BRP_API_KEY
    timeout = httpx.Timeout(float(settings.BRP_TIMEOUT), connect=min(5.0, float(settings.BRP_TIMEOUT)))
    try:
        with httpx.Client(base_url=settings.BRP_BASE_URL, timeout=timeout, transport=transport) as client:
            response = client.post("/personen", content=json.dumps(body).encode(), headers=headers)
    except httpx.HTTPError as exc:
        raise BrpFout(f"BRP niet bereikbaar: {exc.__class__.__name__}") from exc
    if response.status_code >= 500 or response.status_code == 429:
        raise BrpFout(f"BRP antwoordde HTTP {response.status_code}")
    if response.status_code != 200:  # our question is wrong, or we may not ask it: a retry will not help
        raise ValueError(f"BRP weigerde de vraag: HTTP {response.status_code} {response.text[:200]}")
    try:
        personen = response.json()["personen"]
    except (ValueError, KeyError, TypeError) as exc:
        raise BrpFout("BRP gaf een antwoord zonder personen") from exc
    for persoon in personen:
        if persoon.get("burgerservicenummer") == bsn:
            return _persoon(bsn, persoon)
    return None


def _date(value: Any) -> date | None:
    """A BRP date object ({"type": "Datum", "datum": "2001-02-03"}); partial or unknown dates give None."""
    if isinstance(value, dict) and value.get("type") == "Datum" and isinstance(value.get("datum"), str):
        try:
            return date.fromisoformat(value["datum"])
        except ValueError:
            return None
    return None


def _persoon(bsn: str, data: dict[str, Any]) -> BrpPersoon:
    naam = data.get("naam") or {}
    adres = (data.get("verblijfplaats") or {}).get("verblijfadres") or {}
    huisnummer = str(adres.get("huisnummer", "") or "")
    huisnummer += str(adres.get("huisletter", "") or "")
    if adres.get("huisnummertoevoeging"):
        huisnummer += f"-{adres['huisnummertoevoeging']}"
    return BrpPersoon(
        bsn=bsn,
        voornamen=str(naam.get("voornamen", "")),
        voorvoegsel=str(naam.get("voorvoegsel", "")),
        geslachtsnaam=str(naam.get("geslachtsnaam", "")),
        geboortedatum=_date((data.get("geboorte") or {}).get("datum")),
        geslacht=str((data.get("geslacht") or {}).get("code", "O")),
        straat=str(adres.get("officieleStraatnaam") or adres.get("korteStraatnaam") or ""),
        huisnummer=huisnummer[:10],
        postcode=str(adres.get("postcode", "")).replace(" ", ""),
        woonplaats=str(adres.get("woonplaats", "")),
        gemeentecode=str((data.get("gemeenteVanInschrijving") or {}).get("code", "")),
        datum_inschrijving_gemeente=_date(data.get("datumInschrijvingInGemeente")),
    )
