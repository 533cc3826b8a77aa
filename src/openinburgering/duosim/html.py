"""The control page (plain HTML, no JavaScript) and the JSON overview of ``GET /_sim/state``.

Everything shown is escaped with ``html.escape``: BSNs, names and answers come from outside.
"""

from __future__ import annotations

import json
from html import escape
from typing import Any

from .besturing import SCENARIOS, SimulatorLike
from .state import Persoon, datum

MAX_REGELS = 50


def _e(value: Any) -> str:
    return escape("" if value is None else str(value))


def persoon_overzicht(persoon: Persoon, gemeentecode: str) -> dict[str, Any]:
    actuele = persoon.actuele_pip
    return {
        "bsn": persoon.bsn,
        "naam": persoon.brp.volledige_naam,
        "gemeente_oin": persoon.gemeente_oin,
        "gemeentecode": gemeentecode,
        "adres": f"{persoon.brp.straat} {persoon.brp.huisnummer}, {persoon.brp.postcode} {persoon.brp.woonplaats}",
        "doelgroep": persoon.doelgroep,
        "inburgeringsplicht": persoon.plicht,
        "plicht_begindatum": datum(persoon.plicht_begindatum),
        "plicht_reden": persoon.plicht_reden,
        "termijn": [datum(persoon.termijn_start), datum(persoon.termijn_eind)] if persoon.termijn_start else None,
        "pip": dict(actuele.pip, gemeente_oin=actuele.gemeente_oin) if actuele else None,
        "aanbod": dict(persoon.aanbod),
        "map": [datum(persoon.map_datum), persoon.map_verwijtbaar] if persoon.map_datum else None,
        "pvt": [datum(persoon.pvt_datum), persoon.pvt_verwijtbaar] if persoon.pvt_datum else None,
        "zroute": datum(persoon.zroute_datum),
        "uren": {oin: dict(u) for oin, u in persoon.uren.items()},
        "contactpersonen": dict(persoon.contactpersoon_ids),
        "examenresultaten": len(persoon.examenresultaten),
        "vrijstellingen": len(persoon.vrijstellingen),
        "overleden": datum(persoon.brp.overleden_op),
    }


def overzicht(sim: SimulatorLike) -> dict[str, Any]:
    """A JSON-able snapshot of the simulator."""
    state = sim.state
    with state.lock:
        return {
            "duo_oin": sim.duo_oin,
            "product_url": sim.product_url,
            "vandaag": state.vandaag().isoformat(),
            "gemeenten": [{"oin": g.oin, "code": g.code, "naam": g.naam} for g in state.gemeenten.values()],
            "personen": [persoon_overzicht(p, state.gemeente(p.gemeente_oin).code) for p in state.personen.values()],
            "contactpersonen": [
                {"id": c.id, "gemeente_oin": c.gemeente_oin, **c.gegevens} for c in state.contactpersonen.values()
            ],
            "storingen": sim.storingen.overzicht(),
            "berichten": [
                {
                    "ontvangen_op": b.ontvangen_op.isoformat(),
                    "methode": b.methode,
                    "pad": b.pad,
                    "operatie": b.operatie,
                    "bron": b.bron,
                    "berichtId": b.bericht_id,
                    "status": b.status,
                    "antwoord": b.antwoord,
                    "herhaling": b.herhaling,
                    "storing": b.storing,
                }
                for b in list(state.berichten)[-MAX_REGELS:]
            ],
            "notificaties": [
                {
                    "verzonden_op": n.verzonden_op.isoformat(),
                    "berichtId": n.bericht_id,
                    "gemeente_oin": n.gemeente_oin,
                    "bsn": n.bsn,
                    "gebeurtenisId": n.gebeurtenis_id,
                    "status": n.status,
                    "fout": n.fout,
                    "dubbel": n.dubbel,
                }
                for n in list(state.notificaties)[-MAX_REGELS:]
            ],
        }


def _tabel(koppen: list[str], rijen: list[list[Any]]) -> str:
    if not rijen:
        return "<p>Geen.</p>"
    head = "".join(f"<th scope='col'>{_e(k)}</th>" for k in koppen)
    body = "".join("<tr>" + "".join(f"<td>{_e(c)}</td>" for c in rij) + "</tr>" for rij in rijen)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


CSS = """
body { font-family: system-ui, sans-serif; margin: 1.5rem; color: #1a1a1a; }
table { border-collapse: collapse; margin-bottom: 1rem; font-size: .85rem; }
th, td { border: 1px solid #bbb; padding: .25rem .5rem; text-align: left; vertical-align: top; }
form { display: inline-block; border: 1px solid #ccc; padding: .5rem; margin: 0 .5rem .5rem 0; }
label { display: block; font-size: .85rem; }
code { font-size: .8rem; }
"""


def pagina(sim: SimulatorLike) -> str:
    data = overzicht(sim)
    gemeenten = data["gemeenten"]
    opties = "".join(f"<option value='{_e(g['oin'])}'>{_e(g['naam'])}</option>" for g in gemeenten)
    keuzes = "".join(f"<option value='{_e(g['oin'])}'>{_e(g['naam'])} ({_e(g['oin'])})</option>" for g in gemeenten)
    gemeenteveld = f'<label>Gemeente <select name="gemeente_oin" required>{keuzes}</select></label>'

    scenarioformulieren = "".join(
        f"""<form method="post" action="/_sim/scenario">
<input type="hidden" name="scenario" value="{_e(s.naam)}">
<strong>{_e(s.omschrijving)}</strong> <small>({_e(s.gebeurtenissen)})</small>
{gemeenteveld}
<label>BSN (optioneel) <input name="bsn" inputmode="numeric" pattern="[0-9]{{9}}" size="10"></label>
<button type="submit">Verstuur</button></form>"""
        for s in SCENARIOS
    )
    personen = _tabel(
        ["BSN", "Naam", "Adres", "Gemeente", "Doelgroep", "Plicht", "Termijn", "PIP", "MAP", "PVT", "Z-route", "Uren"],
        [
            [p["bsn"], p["naam"], p["adres"], p["gemeentecode"], p["doelgroep"],
             "ja" if p["inburgeringsplicht"] else f"nee ({p['plicht_reden']})",
             " t/m ".join(p["termijn"]) if p["termijn"] else "",
             f"{p['pip']['leerroute']} {p['pip'].get('niveau', '')} {p['pip']['dagtekeningPip']}" if p["pip"] else "",
             p["map"] or "", p["pvt"] or "", p["zroute"] or "", json.dumps(p["uren"]) if p["uren"] else ""]
            for p in data["personen"]
        ],
    )  # fmt: skip
    berichten = _tabel(
        ["Ontvangen", "Operatie", "Methode en pad", "Bron", "berichtId", "Status", "Antwoord", "Herhaling", "Storing"],
        [
            [b["ontvangen_op"][11:19], b["operatie"], f"{b['methode']} {b['pad']}", b["bron"], b["berichtId"],
             b["status"],
             json.dumps(b["antwoord"], ensure_ascii=False) if b["antwoord"] is not None else "",
             "ja" if b["herhaling"] else "", b["storing"] or ""]
            for b in reversed(data["berichten"])
        ],
    )  # fmt: skip
    notificaties = _tabel(
        ["Verzonden", "Gebeurtenis", "BSN", "Gemeente (doel)", "berichtId", "Status product", "Fout", "Dubbel"],
        [
            [n["verzonden_op"][11:19], n["gebeurtenisId"], n["bsn"], n["gemeente_oin"], n["berichtId"],
             n["status"] if n["status"] is not None else "geen antwoord", n["fout"] or "", "ja" if n["dubbel"] else ""]
            for n in reversed(data["notificaties"])
        ],
    )  # fmt: skip
    st = data["storingen"]
    statusextra = (f", Retry-After {_e(st['retry_after'])}" if st["retry_after"] else "") + (
        ", als gateway (zonder API-Version)" if st["als_gateway"] else ""
    )
    verbreken = "nee" if st["verbinding_verbreken"] == 0 else (st["verbinding_verbreken"] or "tot reset")
    return f"""<!doctype html>
<html lang="nl"><head><meta charset="utf-8"><title>DUO-simulator</title><style>{CSS}</style></head>
<body>
<h1>DUO-simulator</h1>
<p>OIN van DUO: <code>{_e(data["duo_oin"])}</code>.
Notificaties naar: <code>{_e(data["product_url"] or "(niet ingesteld)")}</code>.
Vandaag volgens de simulator: {_e(data["vandaag"])}.</p>

<datalist id="gemeenten">{opties}</datalist>
<h2>Scenario's</h2>
{scenarioformulieren}

<h2>Storingen</h2>
<p>Huidig: status {_e(st["status"])} (nog {_e(st["status_aantal"] if st["status"] else 0)}{statusextra}),
vertraging {_e(st["vertraging_ms"])} ms,
verbinding verbreken {_e(verbreken)},
dubbele notificaties {_e(st["dubbele_notificaties"])}.</p>
<form method="post" action="/_sim/storingen">
<label>Status <input name="status" type="number" min="100" max="599" placeholder="503"></label>
<label>Aantal <input name="aantal" type="number" min="1" placeholder="leeg = tot reset"></label>
<label>Retry-After <input name="retry_after" placeholder="120"></label>
<label><input name="als_gateway" type="checkbox" value="1"> Als gateway (zonder API-Version)</label>
<label>Vertraging (ms) <input name="vertraging_ms" type="number" min="0"></label>
<label><input name="verbinding_verbreken" type="checkbox" value="1"> Verbinding verbreken</label>
<label>Fractie dubbele notificaties
<input name="dubbele_notificaties" type="number" min="0" max="1" step="0.05"></label>
<button type="submit">Instellen</button> <button type="submit" name="reset" value="1">Alles uit</button>
</form>

<h2>Personen ({len(data["personen"])})</h2>
<form method="post" action="/_sim/personen">{gemeenteveld}
<label>BSN (optioneel) <input name="bsn" size="10"></label>
<button type="submit">Persoon toevoegen (zonder notificatie)</button></form>
{personen}

<h2>Verzonden notificaties</h2>
{notificaties}

<h2>Ontvangen berichten (laatste {MAX_REGELS})</h2>
{berichten}
</body></html>
"""


def foutpagina(melding: str) -> str:
    return (
        "<!doctype html><html lang='nl'><head><meta charset='utf-8'><title>Fout</title></head><body>"
        f"<h1>Fout</h1><p>{_e(melding)}</p><p><a href='/'>Terug</a></p></body></html>"
    )
