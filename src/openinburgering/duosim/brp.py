"""A fake of the Haal Centraal BRP API Personen (version 2), for the persons the simulator knows.

Only ``RaadpleegMetBurgerservicenummer`` is supported: ``POST /haalcentraal/api/brp/personen``
with ``{"type": "RaadpleegMetBurgerservicenummer", "burgerservicenummer": [...], "fields": [...]}``.
Unknown or deceased persons are left out of ``personen`` (the real API does the same unless
``inclusiefOverledenPersonen`` is given). ``fields`` filters the answer by dotted path.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from datetime import date
from typing import Any

Json = dict[str, Any]

MAANDEN = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september",
           "oktober", "november", "december")  # fmt: skip
GESLACHT = {"M": "man", "V": "vrouw", "O": "onbekend"}

# Names as they are written in the BRP (Latin script; the schema allows À-ž).
NAMEN: dict[str, tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]] = {
    # nationality: (male voornamen, female voornamen, geslachtsnamen)
    "Syrisch": (("Mohammed Ali", "Ahmad", "Omar", "Khaled", "Yousef"), ("Fatima", "Aya", "Lina", "Rania", "Nour"),
                ("Al-Hassan", "Haddad", "Khalil", "Al-Ahmad", "Darwish", "Mansour")),
    "Eritrees": (("Tesfay", "Yonas", "Filmon", "Merhawi"), ("Selam", "Helen", "Rahwa", "Senait"),
                 ("Tekle", "Ghebremedhin", "Haile", "Tesfamariam", "Berhane")),
    "Turks": (("Mehmet", "Emre", "Mustafa", "Hüseyin"), ("Ayşe", "Elif", "Zeynep", "Büşra"),
              ("Yılmaz", "Kaya", "Demir", "Şahin", "Çelik", "Öztürk")),
    "Oekraïens": (("Oleksandr", "Dmytro", "Andrii", "Serhii"), ("Olena", "Iryna", "Kateryna", "Yuliia"),
                  ("Kovalenko", "Shevchenko", "Bondarenko", "Tkachenko", "Melnyk")),
    "Afghaans": (("Ahmad Shah", "Farid", "Hamid"), ("Mariam", "Zahra", "Shabnam"),
                 ("Ahmadzai", "Noori", "Rahimi", "Karimi")),
}  # fmt: skip

# Streets that exist, with a postcode area; house numbers are made up.
ADRESSEN: dict[str, tuple[tuple[str, str], ...]] = {
    "Dordrecht": (("Vrieseplein", "3311"), ("Spuiboulevard", "3311"), ("Krispijnseweg", "3317"),
                  ("Brouwersdijk", "3314"), ("Reeweg-Oost", "3312"), ("Bilderdijkstraat", "3314")),
    "Zwijndrecht": (("Burgemeester Jansenlaan", "3331"), ("Kerkstraat", "3331"), ("Karel Doormanweg", "3333")),
    "Papendrecht": (("Westeind", "3351"), ("Burgemeester Keijzerweg", "3354")),
    "Sliedrecht": (("Kerkbuurt", "3361"), ("Stationsweg", "3362")),
    "Amsterdam": (("Kinkerstraat", "1053"), ("Javastraat", "1094"), ("Bijlmerdreef", "1102")),
}  # fmt: skip


@dataclass
class BrpPersoon:
    bsn: str
    voornamen: str
    voorvoegsel: str | None
    geslachtsnaam: str
    geboortedatum: date
    geslacht: str  # M, V or O
    straat: str
    huisnummer: int
    postcode: str
    woonplaats: str
    gemeentecode: str | None = None
    overleden_op: date | None = None
    datum_inschrijving_gemeente: date | None = None  # set when the person settles in a gemeente

    @property
    def volledige_naam(self) -> str:
        return " ".join(part for part in (self.voornamen, self.voorvoegsel, self.geslachtsnaam) if part)


def brp_persoon_make(rng: random.Random, *, bsn: str, gemeente: str) -> BrpPersoon:
    """A newcomer with a realistic name and an address in ``gemeente`` (Dordrecht if unknown)."""
    mannen, vrouwen, achternamen = NAMEN[rng.choice(sorted(NAMEN))]
    geslacht = rng.choice("MV")
    straat, pc4 = rng.choice(ADRESSEN.get(gemeente, ADRESSEN["Dordrecht"]))
    letters = "ABCDEGHJKLMNPRSTVWXZ"
    return BrpPersoon(
        bsn=bsn,
        voornamen=rng.choice(mannen if geslacht == "M" else vrouwen),
        voorvoegsel=None,
        geslachtsnaam=rng.choice(achternamen),
        geboortedatum=date(rng.randrange(1960, 2006), rng.randrange(1, 13), rng.randrange(1, 29)),
        geslacht=geslacht,
        straat=straat,
        huisnummer=rng.randrange(1, 250),
        postcode=f"{pc4}{rng.choice(letters)}{rng.choice(letters)}",
        woonplaats=gemeente if gemeente in ADRESSEN else "Dordrecht",
    )


def _datum(value: date) -> Json:
    return {
        "type": "Datum",
        "datum": value.isoformat(),
        "langFormaat": f"{value.day} {MAANDEN[value.month - 1]} {value.year}",
    }


def _leeftijd(geboren: date, vandaag: date) -> int:
    return vandaag.year - geboren.year - ((vandaag.month, vandaag.day) < (geboren.month, geboren.day))


def persoon_json(persoon: BrpPersoon, *, vandaag: date, gemeentenaam: str | None = None) -> Json:
    """The whole Persoon as the BRP API answers it (schema Persoon), before ``fields`` filtering."""
    naam: Json = {"voornamen": persoon.voornamen, "geslachtsnaam": persoon.geslachtsnaam}
    if persoon.voorvoegsel:
        naam["voorvoegsel"] = persoon.voorvoegsel
    naam["voorletters"] = " ".join(f"{v[0]}." for v in persoon.voornamen.split())
    naam["volledigeNaam"] = persoon.volledige_naam
    result: Json = {
        "burgerservicenummer": persoon.bsn,
        "naam": naam,
        "geboorte": {"datum": _datum(persoon.geboortedatum)},
        "geslacht": {"code": persoon.geslacht, "omschrijving": GESLACHT[persoon.geslacht]},
        "leeftijd": _leeftijd(persoon.geboortedatum, vandaag),
        "verblijfplaats": {
            "type": "Adres",
            "verblijfadres": {
                "officieleStraatnaam": persoon.straat,
                "korteStraatnaam": persoon.straat[:24],
                "huisnummer": persoon.huisnummer,
                "postcode": persoon.postcode,
                "woonplaats": persoon.woonplaats,
            },
        },
    }
    if persoon.datum_inschrijving_gemeente:
        result["datumInschrijvingInGemeente"] = _datum(persoon.datum_inschrijving_gemeente)
    if persoon.gemeentecode:
        result["gemeenteVanInschrijving"] = {
            "code": persoon.gemeentecode,
            "omschrijving": gemeentenaam or persoon.woonplaats,
        }
    return result


FIELD_RE = re.compile(r"[a-zA-Z0-9._]{1,200}")
BSN_RE = re.compile(r"[0-9]{9}")
_TEMPLATE = persoon_json(
    BrpPersoon(
        *("999993653", "A", "van", "B", date(2000, 1, 1), "M", "C", 1, "1011AB", "Dordrecht", "0505"),
        datum_inschrijving_gemeente=date(2024, 1, 1),
    ),
    vandaag=date(2026, 1, 1),
)


def _paths(node: Any, prefix: str = "") -> set[str]:
    if not isinstance(node, dict):
        return set()
    found: set[str] = set()
    for key, value in node.items():
        path = f"{prefix}{key}"
        found.add(path)
        found |= _paths(value, path + ".")
    return found


KNOWN_FIELDS = frozenset(_paths(_TEMPLATE))


def fields_filter(persoon: Json, fields: list[str]) -> Json:
    """Keep only the requested dotted paths; a typed object (``type``) keeps its type and langFormaat."""
    result: Json = {}
    for path in fields:
        source: Any = persoon
        target = result
        parts = path.split(".")
        for i, part in enumerate(parts):
            if not isinstance(source, dict) or part not in source:
                break
            if i == len(parts) - 1:
                target[part] = source[part]
                break
            source = source[part]
            child = target.setdefault(part, {})
            if isinstance(source, dict):
                for required in ("type", "langFormaat"):
                    if required in source:
                        child[required] = source[required]
            target = child
    return result


class BrpFout(Exception):
    def __init__(self, status: int, title: str, code: str) -> None:
        super().__init__(title)
        self.status = status
        self.title = title
        self.code = code

    def body(self, instance: str) -> Json:
        return {
            "type": "https://www.w3.org/Protocols/rfc2616/rfc2616-sec10.html#sec10.4.1",
            "title": self.title,
            "status": self.status,
            "detail": self.title,
            "instance": instance,
            "code": self.code,
        }


def raadpleeg(query: Any, *, personen: dict[str, BrpPersoon], vandaag: date, gemeentenamen: dict[str, str]) -> Json:
    """Answer a PersonenQuery of type RaadpleegMetBurgerservicenummer, or raise BrpFout (400)."""
    if not isinstance(query, dict):
        raise BrpFout(400, "Het verzoek is geen JSON object", "paramsValidation")
    if query.get("type") != "RaadpleegMetBurgerservicenummer":
        raise BrpFout(400, "Alleen RaadpleegMetBurgerservicenummer wordt ondersteund", "paramsValidation")
    bsns = query.get("burgerservicenummer")
    if (
        not isinstance(bsns, list)
        or not 1 <= len(bsns) <= 20
        or not all(isinstance(b, str) and BSN_RE.fullmatch(b) for b in bsns)
    ):
        raise BrpFout(400, "Burgerservicenummer is ongeldig", "paramsValidation")
    fields = query.get("fields")
    if (
        not isinstance(fields, list)
        or not 1 <= len(fields) <= 130
        or not all(isinstance(f, str) and FIELD_RE.fullmatch(f) for f in fields)
    ):
        raise BrpFout(400, "Fields is ongeldig", "paramsValidation")
    unknown = [f for f in fields if f not in KNOWN_FIELDS]
    if unknown:
        raise BrpFout(400, "Fields bevat een onbekend veld", "fields")
    gevonden: list[Json] = []
    for bsn in dict.fromkeys(bsns):
        persoon = personen.get(bsn)
        if persoon is None or persoon.overleden_op is not None:
            continue
        volledig = persoon_json(persoon, vandaag=vandaag, gemeentenaam=gemeentenamen.get(persoon.gemeentecode or ""))
        gevonden.append(fields_filter(volledig, fields))
    return {"type": "RaadpleegMetBurgerservicenummer", "personen": gevonden}
