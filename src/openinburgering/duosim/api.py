"""DUO's side of the eleven gemeente → DUO APIs: the route table and one handler per operation.

The table is written out by hand (``OPERATIES``) so the simulator runs without DUO's spec files;
the contract tests check it against them. Paths are those of the specs, under ``/v{MAJOR}``
(every API is at major version 1). A handler gets a ``Verzoek`` whose headers were checked
already, and answers an ``Antwoord`` or raises ``Fout`` (400, 403 or 404).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from . import regels
from .state import Antwoord, DuoState, Json, Persoon, PipRegistratie, datum

# info.version of each spec (the folder name under API/ is the key).
API_VERSIES: dict[str, str] = {
    "Contactpersoon": "1.0.0",
    "Examen": "1.0.0",
    "GevolgdeUren": "1.0.0",
    "Inburgeringsaanbod": "1.2.0",
    "Inburgeringsplicht": "1.2.2",
    "Inburgeringstermijn": "1.0.0",
    "Leerbaarheidstoets": "1.2.0",
    "MAP,PVT,Zroute": "1.0.0",
    "Notificatie": "1.8.0",
    "Ontheffing": "1.0.0",
    "PIP": "1.2.0",
    "Vrijstelling": "1.0.0",
}

BSN_RE = re.compile(r"[0-9]{9}")
DATE_RE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
TELEFOON_RE = re.compile(r"^(\+|[0-9])((\s|\s?(-|\(0\))\s?)?[0-9]){2,15}([,][1-9][0-9]{1,8})?$")
FOUTMELDINGEN_MAX = 10  # the smallest maxItems of a 403 body among the specs


class Fout(Exception):
    """A refusal: 400 (bad request), 403 (with foutteksten when the spec has a body) or 404."""

    def __init__(self, status: int, foutteksten: list[str] | None = None) -> None:
        super().__init__(f"{status}: {foutteksten}")
        self.status = status
        self.foutteksten = [t[: regels.FOUTTEKST_MAX] for t in (foutteksten or [])][:FOUTMELDINGEN_MAX]


def fout_verzoek() -> Fout:
    return Fout(400)


@dataclass
class Verzoek:
    state: DuoState
    bron: str
    params: dict[str, str]
    body: Any = None


Handler = Callable[[Verzoek], Antwoord]


@dataclass(frozen=True)
class Operatie:
    operation_id: str
    api: str
    methode: str
    pad: str  # werkzeug rule under /v1
    handler: Handler
    muterend: bool = False
    fout_body: bool = False  # the spec gives 403 a list of Foutmelding
    autorisatie: bool = True  # False where the spec has no 403 (lists not about a person)
    body: bool = False  # a JSON request body is required
    berichtid_36: bool = False  # berichtId has min/maxLength 36 (Inburgeringstermijn, Leerbaarheidstoets)

    @property
    def versie(self) -> str:
        return API_VERSIES[self.api]

    @property
    def major(self) -> int:
        return int(self.versie.split(".", 1)[0])


# --- helpers ------------------------------------------------------------------------------------


def _persoon(v: Verzoek, *, fout_body: bool = False) -> Persoon:
    bsn = v.params["bsn"]
    if not BSN_RE.fullmatch(bsn):
        raise fout_verzoek()
    persoon = v.state.personen.get(bsn)
    if persoon is None:
        raise Fout(404)
    if not v.state.is_relevant(persoon, v.bron):
        raise Fout(403, ["De persoon valt niet onder uw gemeente."] if fout_body else None)
    return persoon


def _datum(value: Any) -> date:
    if not isinstance(value, str) or not DATE_RE.fullmatch(value):
        raise fout_verzoek()
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise fout_verzoek() from None


def _datum_opt(body: Json, key: str) -> date | None:
    return _datum(body[key]) if key in body else None


def _object(body: Any) -> Json:
    if not isinstance(body, dict):
        raise fout_verzoek()
    return body


def _enum(body: Json, key: str, allowed: set[str], *, required: bool = False) -> str | None:
    if key not in body:
        if required:
            raise fout_verzoek()
        return None
    value = body[key]
    if not isinstance(value, str) or value not in allowed:
        raise fout_verzoek()
    return value


def _int(value: Any, low: int, high: int) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
        raise fout_verzoek()
    return value


def _contactpersoon_id(v: Verzoek) -> int:
    raw = v.params["id"]
    if not raw.isascii() or not raw.isdigit():
        raise fout_verzoek()
    cp_id = _int(int(raw), 1, 99999)
    contactpersoon = v.state.contactpersonen.get(cp_id)
    if contactpersoon is None or contactpersoon.gemeente_oin != v.bron:
        raise Fout(404)
    return cp_id


def _afgewezen(fouten: list[str]) -> None:
    if fouten:
        raise Fout(403, fouten)


# --- Contactpersoon -----------------------------------------------------------------------------


def _contactpersoongegevens(body: Any) -> Json:
    body = _object(body)
    naam, email, telefoon = body.get("naam"), body.get("email"), body.get("telefoonnummer")
    if not (isinstance(naam, str) and isinstance(email, str) and isinstance(telefoon, str)):
        raise fout_verzoek()
    naam_ok = len(naam) <= 100 and all(
        c.isspace() or c.isalpha() or c in "'\u2018." or unicodedata.category(c) == "Pd" for c in naam
    )
    if not naam_ok or not 4 <= len(email) <= 241 or not (3 <= len(telefoon) <= 22 and TELEFOON_RE.match(telefoon)):
        raise fout_verzoek()
    return {"naam": naam, "email": email, "telefoonnummer": telefoon}


def create_contactpersoon(v: Verzoek) -> Antwoord:
    gegevens = _contactpersoongegevens(v.body)
    if len(v.state.contactpersonen) >= 99999:
        raise Fout(403, ["Het maximum aantal contactpersonen is bereikt."])
    contactpersoon = v.state.contactpersoon_toevoegen(gemeente_oin=v.bron, gegevens=gegevens)
    return Antwoord(201, {"id": contactpersoon.id, "contactpersoongegevens": contactpersoon.gegevens})


def update_contactpersoon(v: Verzoek) -> Antwoord:
    cp_id = _contactpersoon_id(v)
    v.state.contactpersonen[cp_id].gegevens = _contactpersoongegevens(v.body)
    return Antwoord(200)


def delete_contactpersoon(v: Verzoek) -> Antwoord:
    """README: deleting a contactpersoon also removes its koppelingen with inburgeringsplichtigen."""
    cp_id = _contactpersoon_id(v)
    del v.state.contactpersonen[cp_id]
    for persoon in v.state.personen.values():
        if persoon.contactpersoon_ids.get(v.bron) == cp_id:
            del persoon.contactpersoon_ids[v.bron]
    return Antwoord(200)


def koppel_contactpersoon(v: Verzoek) -> Antwoord:
    """README: koppelen replaces an existing koppeling with another contactpersoon."""
    cp_id = _contactpersoon_id(v)
    _persoon(v).contactpersoon_ids[v.bron] = cp_id
    return Antwoord(201)


def ontkoppel_contactpersoon(v: Verzoek) -> Antwoord:
    cp_id = _contactpersoon_id(v)
    persoon = _persoon(v)
    if persoon.contactpersoon_ids.get(v.bron) != cp_id:
        raise Fout(404)
    del persoon.contactpersoon_ids[v.bron]
    return Antwoord(200)


# --- Examen -------------------------------------------------------------------------------------


def gratis_pogingen(v: Verzoek) -> Antwoord:
    persoon = _persoon(v)
    return Antwoord(200, [{"onderdeel": o, "gratisPogingenTegoed": n} for o, n in persoon.gratis_pogingen.items()])


def examenresultaten(v: Verzoek) -> Antwoord:
    return Antwoord(200, [dict(r) for r in _persoon(v).examenresultaten])


# --- Gevolgde uren ------------------------------------------------------------------------------


def gevolgde_uren(v: Verzoek) -> Antwoord:
    persoon = _persoon(v)
    result: list[Json] = []
    for oin, uren in persoon.uren.items():
        item: Json = {"gemeentecode": v.state.gemeente(oin).code}
        for key, value in uren.items():
            item[key] = {"uren": value}
        result.append(item)
    return Antwoord(200, result)


def _uren_zetten(key: str) -> Handler:
    def handler(v: Verzoek) -> Antwoord:
        body = _object(v.body)
        if "uren" not in body:
            raise fout_verzoek()
        uren = _int(body["uren"], 0, 9999)
        _persoon(v).uren.setdefault(v.bron, {})[key] = uren
        return Antwoord(200)

    handler.__name__ = f"uren_{key}"
    return handler


# --- Inburgeringsaanbod -------------------------------------------------------------------------


def instellingen(v: Verzoek) -> Antwoord:
    return Antwoord(200, [dict(i) for i in v.state.instellingen])


def _instellingsnummer(v: Verzoek) -> str:
    nummer = v.params["instellingsnummer"]
    if len(nummer) != 10:
        raise fout_verzoek()
    return nummer


def post_aanbod(v: Verzoek) -> Antwoord:
    nummer = _instellingsnummer(v)
    body = _object(v.body)
    alfa = _enum(body, "indicatorAlfabetiseringsonderwijs", {"A", "AA", "NVT"}, required=True)
    datum_aanbod = _datum_opt(body, "datumInburgeringsaanbod")
    start = _datum_opt(body, "verwachteStartdatumOpleiding")
    eind = _datum_opt(body, "verwachteEinddatumOpleiding")
    persoon = _persoon(v, fout_body=True)
    pip = persoon.actuele_pip
    instelling = next((i for i in v.state.instellingen if i["instellingsnummer"] == nummer), None)
    _afgewezen(
        regels.aanbod_fouten(
            doelgroep=persoon.doelgroep,
            dagtekening_pip=date.fromisoformat(pip.pip["dagtekeningPip"]) if pip else None,
            leerroute=pip.pip["leerroute"] if pip else None,
            instelling=instelling,
            datum_aanbod=datum_aanbod,
            start=start,
            eind=eind,
            termijn_start=persoon.termijn_start,
            termijn_eind=persoon.termijn_eind,
        )
    )
    aanbod: Json = {"indicatorAlfabetiseringsonderwijs": alfa}
    for key, value in (("datumInburgeringsaanbod", datum_aanbod), ("verwachteStartdatumOpleiding", start),
                       ("verwachteEinddatumOpleiding", eind)):  # fmt: skip
        if value is not None:
            aanbod[key] = value.isoformat()
    persoon.aanbod[nummer] = aanbod  # README: a new aanbod per instelling replaces the previous one
    return Antwoord(201)


def delete_aanbod(v: Verzoek) -> Antwoord:
    nummer = _instellingsnummer(v)
    persoon = _persoon(v, fout_body=True)
    if nummer not in persoon.aanbod:
        raise Fout(404)
    del persoon.aanbod[nummer]
    return Antwoord(204)


# --- Inburgeringsplicht -------------------------------------------------------------------------


def doelgroep(v: Verzoek) -> Antwoord:
    persoon = _persoon(v)
    body: Json = {"indeling": persoon.doelgroep, "gedetailleerdeDoelgroep": persoon.gedetailleerde_doelgroep}
    if persoon.doelgroep_begindatum:
        body["begindatum"] = persoon.doelgroep_begindatum.isoformat()
    return Antwoord(200, body)


def doelgroep_historie(v: Verzoek) -> Antwoord:
    return Antwoord(200, [dict(h) for h in _persoon(v).doelgroep_historie])


def inburgeringsplicht(v: Verzoek) -> Antwoord:
    persoon = _persoon(v)
    body: Json = {"indicatorInburgeringsplicht": persoon.plicht}
    for key, value in (("begindatum", persoon.plicht_begindatum), ("einddatum", persoon.plicht_einddatum),
                       ("datumKennisgevingInburgeringsplicht", persoon.datum_kennisgeving)):  # fmt: skip
        if value is not None:
            body[key] = value.isoformat()
    if persoon.plicht_historie:
        body["wijzigingsdatum"] = persoon.plicht_historie[-1]["wijzigingsdatum"]
    if persoon.plicht_reden:
        body["redenGeenInburgeringsplicht"] = persoon.plicht_reden
    return Antwoord(200, body)


def inburgeringsplicht_historie(v: Verzoek) -> Antwoord:
    return Antwoord(200, [dict(h) for h in _persoon(v).plicht_historie])


# --- Inburgeringstermijn ------------------------------------------------------------------------


def inburgeringstermijn(v: Verzoek) -> Antwoord:
    persoon = _persoon(v)
    if persoon.termijn_start is None or persoon.termijn_eind is None:
        raise Fout(404)
    body: Json = {"startdatum": persoon.termijn_start.isoformat(), "einddatum": persoon.termijn_eind.isoformat()}
    if persoon.termijn_wijzigingsdatum:
        body["wijzigingsdatum"] = persoon.termijn_wijzigingsdatum.isoformat()
    if persoon.verlengingsgrond:
        body["verlengingsgrondcode"] = persoon.verlengingsgrond["code"]
        body["verlengingsgrondomschrijving"] = persoon.verlengingsgrond["omschrijving"]
    return Antwoord(200, body)


def inburgeringstermijn_historie(v: Verzoek) -> Antwoord:
    return Antwoord(200, [dict(h) for h in _persoon(v).termijn_historie])


def verlengingsgronden(v: Verzoek) -> Antwoord:
    return Antwoord(200, [dict(g) for g in v.state.verlengingsgronden])


# --- Leerbaarheidstoets -------------------------------------------------------------------------


def examennummer(v: Verzoek) -> Antwoord:
    persoon = _persoon(v)
    if persoon.lbt_examennummer is None:
        raise Fout(404)
    return Antwoord(200, {"examennummer": persoon.lbt_examennummer})


def delete_examennummer(v: Verzoek) -> Antwoord:
    persoon = _persoon(v)
    if persoon.lbt_examennummer is None:
        raise Fout(404)
    persoon.lbt_examennummer = None
    return Antwoord(200)


def lbt_resultaten(v: Verzoek) -> Antwoord:
    return Antwoord(200, [dict(r) for r in _persoon(v).lbt_resultaten])


# --- MAP, PVT, Z-route --------------------------------------------------------------------------


def get_map(v: Verzoek) -> Antwoord:
    persoon = _persoon(v)
    if persoon.map_datum is None:
        raise Fout(404)
    return Antwoord(200, {"datumEindgesprekMap": persoon.map_datum.isoformat()})


def get_pvt(v: Verzoek) -> Antwoord:
    persoon = _persoon(v)
    if persoon.pvt_datum is None:
        raise Fout(404)
    return Antwoord(200, {"datumOndertekeningPvt": persoon.pvt_datum.isoformat()})


def _put_map_pvt(v: Verzoek, onderdeel: str) -> Antwoord:
    body = _object(v.body)
    key = "datumEindgesprekMap" if onderdeel == "MAP" else "datumOndertekeningPvt"
    nieuw = _datum_opt(body, key)
    verwijtbaar = _enum(body, "verwijtbaar", {"Ja", "Nee"})
    persoon = _persoon(v, fout_body=True)
    actuele = persoon.actuele_pip
    bestaand, door = (
        (persoon.map_datum, persoon.map_gemeente_oin)
        if onderdeel == "MAP"
        else (persoon.pvt_datum, persoon.pvt_gemeente_oin)
    )
    _afgewezen(
        regels.map_pvt_fouten(
            onderdeel=onderdeel,
            datum=nieuw,
            verwijtbaar=verwijtbaar,
            vandaag=v.state.vandaag(),
            gemeente_oin=v.bron,
            eerder_geleverd_door=door if bestaand is not None else None,
            actuele_pip_van=actuele.gemeente_oin if actuele else None,
            voldaan_via_zroute=persoon.voldaan_via_zroute,
            termijn_start=persoon.termijn_start,
            termijn_eind=persoon.termijn_eind,
            datum_afronding_zroute=persoon.zroute_datum,
        )
    )
    # PUT replaces the whole resource: what is left out is withdrawn (README).
    gemeente = v.bron if nieuw is not None else None
    if onderdeel == "MAP":
        persoon.map_datum, persoon.map_verwijtbaar, persoon.map_gemeente_oin = nieuw, verwijtbaar, gemeente
    else:
        persoon.pvt_datum, persoon.pvt_verwijtbaar, persoon.pvt_gemeente_oin = nieuw, verwijtbaar, gemeente
    return Antwoord(200)


def put_map(v: Verzoek) -> Antwoord:
    return _put_map_pvt(v, "MAP")


def put_pvt(v: Verzoek) -> Antwoord:
    return _put_map_pvt(v, "PVT")


def put_zroute(v: Verzoek) -> Antwoord:
    body = _object(v.body)
    nieuw = _datum_opt(body, "datumAfrondingZroute")
    persoon = _persoon(v, fout_body=True)
    actuele = persoon.actuele_pip
    _afgewezen(
        regels.zroute_fouten(
            datum=nieuw,
            vandaag=v.state.vandaag(),
            gemeente_oin=v.bron,
            actuele_pip_van=actuele.gemeente_oin if actuele else None,
            leerroute=actuele.pip["leerroute"] if actuele else None,
            termijn_start=persoon.termijn_start,
            map_datum=persoon.map_datum,
            pvt_datum=persoon.pvt_datum,
        )
    )
    persoon.zroute_datum = nieuw
    persoon.zroute_gemeente_oin = v.bron if nieuw is not None else None
    return Antwoord(200)


# --- Ontheffing, Vrijstelling -------------------------------------------------------------------


def ontheffingen(v: Verzoek) -> Antwoord:
    return Antwoord(200, [dict(o) for o in _persoon(v).ontheffingen])


def vrijstellingen(v: Verzoek) -> Antwoord:
    return Antwoord(200, [dict(o) for o in _persoon(v).vrijstellingen])


# --- PIP ----------------------------------------------------------------------------------------


def get_pip(v: Verzoek) -> Antwoord:
    persoon = _persoon(v)
    actuele = persoon.actuele_pip
    if actuele is None:
        raise Fout(404)
    return Antwoord(200, {"gemeentecode": v.state.gemeente(actuele.gemeente_oin).code, "pip": dict(actuele.pip)})


def _pip_body(body: Any) -> Json:
    body = _object(body)
    dagtekening = _datum(body.get("dagtekeningPip"))
    leerroute = _enum(body, "leerroute", {"B", "O", "Z"}, required=True)
    pip: Json = {"dagtekeningPip": dagtekening.isoformat(), "leerroute": leerroute}
    niveau = _enum(body, "niveau", {"A2", "B1"})
    if niveau is not None:
        pip["niveau"] = niveau
    if "geschatteIntensiteitB1Route" in body:
        pip["geschatteIntensiteitB1Route"] = _int(body["geschatteIntensiteitB1Route"], 1, 9999)
    if "indicatorMagOpleidingAfmaken" in body:
        if not isinstance(body["indicatorMagOpleidingAfmaken"], bool):
            raise fout_verzoek()
        pip["indicatorMagOpleidingAfmaken"] = body["indicatorMagOpleidingAfmaken"]
    alfa = _enum(body, "indicatorAlfabetiseringsonderwijs", {"A", "AA", "NVT"})
    if alfa is not None:
        pip["indicatorAlfabetiseringsonderwijs"] = alfa
    return pip


def post_pip(v: Verzoek) -> Antwoord:
    pip = _pip_body(v.body)
    persoon = _persoon(v, fout_body=True)
    actuele = persoon.actuele_pip
    dagtekening = date.fromisoformat(pip["dagtekeningPip"])
    _afgewezen(
        regels.pip_fouten(
            dagtekening=dagtekening,
            leerroute=pip["leerroute"],
            niveau=pip.get("niveau"),
            geschatte_intensiteit=pip.get("geschatteIntensiteitB1Route"),
            plicht_begindatum=persoon.plicht_begindatum,
            vestigingsdatum=persoon.vestigingsdatum if persoon.gemeente_oin == v.bron else None,
            eerste_dagtekening=date.fromisoformat(persoon.pips[0].pip["dagtekeningPip"]) if persoon.pips else None,
            actuele_dagtekening=date.fromisoformat(actuele.pip["dagtekeningPip"]) if actuele else None,
            doelgroep=persoon.doelgroep,
        )
    )
    niveau = regels.pip_niveau_vastgesteld(pip["leerroute"], pip.get("niveau"))
    if niveau is not None:
        pip["niveau"] = niveau
    persoon.pips.append(PipRegistratie(v.bron, pip, v.state.vandaag()))
    return Antwoord(201)


def delete_pip(v: Verzoek) -> Antwoord:
    persoon = _persoon(v, fout_body=True)
    actuele = persoon.actuele_pip
    if actuele is None:
        raise Fout(404)
    _afgewezen(
        regels.pip_verwijderen_fouten(
            eigen_pip=actuele.gemeente_oin == v.bron,
            termijn_vastgesteld=persoon.termijn_start is not None,
            cursusdeelnameuren=persoon.cursusdeelnameuren,
        )
    )
    persoon.pips.pop()
    return Antwoord(200)


# --- the route table ----------------------------------------------------------------------------

P = "/personen/<bsn>"

OPERATIES: tuple[Operatie, ...] = (
    Operatie("createContactpersoon", "Contactpersoon", "POST", "/contactpersonen", create_contactpersoon,
             muterend=True, fout_body=True, body=True),
    Operatie("updateContactpersoonById", "Contactpersoon", "PUT", "/contactpersonen/<id>", update_contactpersoon,
             muterend=True, fout_body=True, body=True),
    Operatie("deleteContactpersoonById", "Contactpersoon", "DELETE", "/contactpersonen/<id>", delete_contactpersoon,
             muterend=True),
    Operatie("postContactpersoonByBsn", "Contactpersoon", "POST", "/contactpersonen/<id>/personen/<bsn>",
             koppel_contactpersoon, muterend=True),
    Operatie("deleteContactpersoonByBsn", "Contactpersoon", "DELETE", "/contactpersonen/<id>/personen/<bsn>",
             ontkoppel_contactpersoon, muterend=True),
    Operatie("getGratisPogingenTegoedByBsn", "Examen", "GET", f"{P}/examens/gratispogingen", gratis_pogingen),
    Operatie("getExamenresultatenByBsn", "Examen", "GET", f"{P}/examens/resultaten", examenresultaten),
    Operatie("getGevolgdeUrenByBsn", "GevolgdeUren", "GET", f"{P}/uren", gevolgde_uren),
    Operatie("updateUrenTaallesEnKnmByBSN", "GevolgdeUren", "PUT", f"{P}/uren/bredeintake/taallesknm",
             _uren_zetten("TaallesEnKnmBredeIntake"), muterend=True, body=True),
    Operatie("updateUrenParticipatieactiviteiten", "GevolgdeUren", "PUT", f"{P}/uren/participatieactiviteiten",
             _uren_zetten("ParticipatieactiviteitenBredeIntake"), muterend=True, body=True),
    Operatie("updateUrenParticipatieAlsTaallesByBsn", "GevolgdeUren", "PUT", f"{P}/uren/participatietaalles",
             _uren_zetten("ParticipatieAlsTaalles"), muterend=True, body=True),
    Operatie("getInstellingen", "Inburgeringsaanbod", "GET", "/instellingen", instellingen, autorisatie=False),
    Operatie("postInburgeringsaanbodByBsnAndInstellingsnummer", "Inburgeringsaanbod", "POST",
             f"{P}/Inburgeringsaanbod/<instellingsnummer>", post_aanbod, muterend=True, fout_body=True, body=True),
    Operatie("deleteInburgeringsaanbodByBsnAndInstellingsnumer", "Inburgeringsaanbod", "DELETE",
             f"{P}/Inburgeringsaanbod/<instellingsnummer>", delete_aanbod, muterend=True, fout_body=True),
    Operatie("getDoelgroepByBsn", "Inburgeringsplicht", "GET", f"{P}/doelgroep", doelgroep),
    Operatie("getDoelgroephistorieByBsn", "Inburgeringsplicht", "GET", f"{P}/doelgroep/historie", doelgroep_historie),
    Operatie("getInburgeringsplichtByBsn", "Inburgeringsplicht", "GET", f"{P}/inburgeringsplicht", inburgeringsplicht),
    Operatie("getInburgeringsplichthistorieByBsn", "Inburgeringsplicht", "GET", f"{P}/inburgeringsplicht/historie",
             inburgeringsplicht_historie),
    Operatie("getInburgeringstermijnByBsn", "Inburgeringstermijn", "GET", f"{P}/inburgeringstermijn",
             inburgeringstermijn, berichtid_36=True),
    Operatie("getInburgeringstermijnhistorieByBsn", "Inburgeringstermijn", "GET", f"{P}/inburgeringstermijn/historie",
             inburgeringstermijn_historie, berichtid_36=True),
    Operatie("getVerlengingsgronden", "Inburgeringstermijn", "GET", "/verlengingsgronden", verlengingsgronden,
             autorisatie=False, berichtid_36=True),
    Operatie("getExamennummerByBsn", "Leerbaarheidstoets", "GET", f"{P}/lbt/examennummer", examennummer,
             berichtid_36=True),
    Operatie("deleteExamennummerByBsn", "Leerbaarheidstoets", "DELETE", f"{P}/lbt/examennummer", delete_examennummer,
             muterend=True, berichtid_36=True),
    Operatie("getLbtResultatenByBsn", "Leerbaarheidstoets", "GET", f"{P}/lbt/resultaten", lbt_resultaten,
             berichtid_36=True),
    Operatie("getMapByBsn", "MAP,PVT,Zroute", "GET", f"{P}/map", get_map),
    Operatie("updateMapByBsn", "MAP,PVT,Zroute", "PUT", f"{P}/map", put_map, muterend=True, fout_body=True, body=True),
    Operatie("getPvtByBsn", "MAP,PVT,Zroute", "GET", f"{P}/pvt", get_pvt),
    Operatie("updatePvtByBsn", "MAP,PVT,Zroute", "PUT", f"{P}/pvt", put_pvt, muterend=True, fout_body=True, body=True),
    Operatie("updateZrouteByBsn", "MAP,PVT,Zroute", "PUT", f"{P}/zroute", put_zroute, muterend=True, fout_body=True,
             body=True),
    Operatie("getOntheffingenByBsn", "Ontheffing", "GET", f"{P}/ontheffingen", ontheffingen),
    Operatie("getPipByBsn", "PIP", "GET", f"{P}/PIP", get_pip),
    Operatie("postPipByBsn", "PIP", "POST", f"{P}/PIP", post_pip, muterend=True, fout_body=True, body=True),
    Operatie("deletePipByBsn", "PIP", "DELETE", f"{P}/PIP", delete_pip, muterend=True, fout_body=True),
    Operatie("getVrijstellingenByBsn", "Vrijstelling", "GET", f"{P}/vrijstellingen", vrijstellingen),
)  # fmt: skip

__all__ = ["API_VERSIES", "OPERATIES", "Fout", "Operatie", "Verzoek", "datum"]
