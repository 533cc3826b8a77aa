"""The simulator's WSGI application (werkzeug, no Django).

- ``/v1/...``: DUO's APIs (``api.OPERATIES``), with DUO's header checks, idempotency by
  ``berichtId`` and the faults of ``storingen``.
- ``POST /haalcentraal/api/brp/personen``: the BRP fake (``brp``), also subject to faults.
- ``GET /``: the Dutch control page; ``/_sim/...``: control endpoints (JSON or HTML forms).

Header checks, in this order, for every DUO operation: ``bron``/``doel`` not 20 characters or
``berichtId`` not a UUID → 400; ``doel`` not DUO's OIN or ``bron`` not a known gemeente → 403
(where the spec has a 403). A repeated ``berichtId`` on a mutating operation is answered with
the stored first answer and changes nothing.
"""

from __future__ import annotations

import contextlib
import json
import re
import socket
import time
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from werkzeug.exceptions import HTTPException, MethodNotAllowed, NotFound
from werkzeug.routing import Map, Rule
from werkzeug.wrappers import Request, Response

from . import brp, html
from .api import OPERATIES, Fout, Operatie, Verzoek
from .besturing import SimulatorLike
from .state import Antwoord, OntvangenBericht

if TYPE_CHECKING:
    from _typeshed.wsgi import StartResponse, WSGIEnvironment


UUID_RE = re.compile(r"[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}")
BRP_PATH = "/haalcentraal/api/brp/personen"


class VerbindingVerbroken(ConnectionAbortedError):
    """Raised after the socket was shut down on purpose; werkzeug's server ignores it."""


def _verbreek(environ: WSGIEnvironment) -> None:
    """Drop the connection without an answer: the client sees the server disconnect."""
    sock = environ.get("werkzeug.socket")
    if isinstance(sock, socket.socket):
        with contextlib.suppress(OSError):
            sock.shutdown(socket.SHUT_RDWR)
    raise VerbindingVerbroken("connection dropped by fault injection")


def _json_response(status: int, body: Any, *, headers: dict[str, str] | None = None) -> Response:
    if body is None:
        response = Response(status=status, headers=headers)
        response.headers.remove("Content-Type")
        return response
    return Response(
        json.dumps(body, ensure_ascii=False), status=status, headers=headers, content_type="application/json"
    )


class SimulatorApp:
    def __init__(self, simulator: SimulatorLike) -> None:
        self.simulator = simulator
        self.operaties: dict[str, Operatie] = {op.operation_id: op for op in OPERATIES}
        self.url_map = Map(
            [Rule(f"/v{op.major}{op.pad}", endpoint=op.operation_id, methods=[op.methode]) for op in OPERATIES],
            strict_slashes=False,
        )

    def __call__(self, environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        request = Request(environ)
        response = self.dispatch(request)
        return response(environ, start_response)

    def dispatch(self, request: Request) -> Response:
        path = request.path
        if path == "/" and request.method == "GET":
            return Response(html.pagina(self.simulator), content_type="text/html; charset=utf-8")
        if path.startswith("/_sim/"):
            return self.control(request)
        if path.rstrip("/") == BRP_PATH:
            return self.with_storingen(request, self.brp)
        if re.match(r"^/v[0-9]+/", path):
            return self.with_storingen(request, self.duo)
        return Response("Niet gevonden", status=404, content_type="text/plain; charset=utf-8")

    # --- faults ---------------------------------------------------------------------------------

    def with_storingen(self, request: Request, handler: Any) -> Response:
        storing = self.simulator.storingen.volgende()
        if storing.vertraging_s:
            time.sleep(storing.vertraging_s)
        if storing.verbreken or storing.status is not None:
            request.get_data()  # read the body first, so the client is not reset while sending
            operatie = self._operatie(request)
            self._log(request, operatie, status=0 if storing.verbreken else (storing.status or 0), antwoord=None,
                      storing="verbinding verbroken" if storing.verbreken else f"status {storing.status}")  # fmt: skip
            if storing.verbreken:
                _verbreek(request.environ)
            headers = {"API-Version": operatie.versie} if operatie and not storing.als_gateway else {}
            if storing.retry_after is not None:
                headers["Retry-After"] = storing.retry_after
            if storing.als_gateway:  # a gateway's own page: no API-Version, not DUO's JSON
                return Response(
                    f"<html><body><h1>{storing.status}</h1>Gateway</body></html>",
                    status=storing.status or 503,
                    headers=headers,
                    content_type="text/html; charset=utf-8",
                )
            return _json_response(storing.status or 503, None, headers=headers)
        response: Response = handler(request)
        if storing.antwoord_vertraging_s:
            time.sleep(storing.antwoord_vertraging_s)  # done, and logged: only the answer is late
        return response

    def _operatie(self, request: Request) -> Operatie | None:
        try:
            endpoint, _ = self.url_map.bind_to_environ(request.environ).match()
        except HTTPException:
            return None
        return self.operaties[str(endpoint)]

    def _log(
        self,
        request: Request,
        operatie: Operatie | None,
        *,
        status: int,
        antwoord: Any,
        herhaling: bool = False,
        storing: str | None = None,
    ) -> None:
        self.simulator.state.bericht_vastleggen(
            OntvangenBericht(
                ontvangen_op=datetime.now(UTC),
                methode=request.method,
                pad=request.path,
                operatie=operatie.operation_id if operatie else "",
                bron=request.headers.get("bron"),
                bericht_id=request.headers.get("berichtId"),
                status=status,
                antwoord=antwoord,
                herhaling=herhaling,
                storing=storing,
            )
        )

    # --- DUO ------------------------------------------------------------------------------------

    def duo(self, request: Request) -> Response:
        adapter = self.url_map.bind_to_environ(request.environ)
        try:
            endpoint, params = adapter.match()
        except MethodNotAllowed as exc:
            return Response(status=405, headers={"Allow": ", ".join(exc.valid_methods or [])})
        except NotFound:
            return Response(status=404)
        operatie = self.operaties[str(endpoint)]
        antwoord, herhaling = self.handle(operatie, request, {k: str(v) for k, v in params.items()})
        self._log(request, operatie, status=antwoord.status, antwoord=antwoord.body, herhaling=herhaling)
        headers = {"API-Version": operatie.versie}
        bericht_id = request.headers.get("berichtId")
        if bericht_id:
            headers["berichtId"] = bericht_id  # the specs: the answer carries the request's berichtId
        return _json_response(antwoord.status, antwoord.body, headers=headers)

    def handle(self, operatie: Operatie, request: Request, params: dict[str, str]) -> tuple[Antwoord, bool]:
        """The answer to one DUO request, and whether it came from the berichtId store."""
        state = self.simulator.state
        bron = request.headers.get("bron")
        doel = request.headers.get("doel")
        bericht_id = request.headers.get("berichtId")
        if bron is None or doel is None or bericht_id is None or len(bron) != 20 or len(doel) != 20:
            return Antwoord(400), False
        if not UUID_RE.fullmatch(bericht_id) or (operatie.berichtid_36 and len(bericht_id) != 36):
            return Antwoord(400), False
        if self.simulator.accept_unknown_gemeenten and bron not in state.gemeenten and bron.isdigit():
            state.gemeente(bron)  # registers it with a made-up gemeentecode
        if operatie.autorisatie and (doel != self.simulator.duo_oin or bron not in state.gemeenten):
            fout = [{"fouttekst": "U bent niet geautoriseerd voor dit bericht."}] if operatie.fout_body else None
            return Antwoord(403, fout), False
        with state.lock:
            if operatie.muterend and bericht_id in state.antwoorden:
                return state.antwoorden[bericht_id], True
            antwoord = self._call(operatie, request, params, bron)
            if operatie.muterend and antwoord.status < 500:
                state.antwoorden[bericht_id] = antwoord
            return antwoord, False

    def _call(self, operatie: Operatie, request: Request, params: dict[str, str], bron: str) -> Antwoord:
        body: Any = None
        if operatie.body:
            if request.mimetype != "application/json":
                return Antwoord(400)
            try:
                body = json.loads(request.get_data(as_text=True))
            except ValueError:
                return Antwoord(400)
        try:
            return operatie.handler(Verzoek(self.simulator.state, bron, params, body))
        except Fout as fout:
            if fout.status == 403 and operatie.fout_body:
                return Antwoord(403, [{"fouttekst": t} for t in fout.foutteksten] or None)
            return Antwoord(fout.status)

    # --- BRP ------------------------------------------------------------------------------------

    def brp(self, request: Request) -> Response:
        state = self.simulator.state
        if request.method != "POST":
            return Response(status=405, headers={"Allow": "POST"})
        try:
            query = json.loads(request.get_data(as_text=True))
            with state.lock:
                personen = {bsn: p.brp for bsn, p in state.personen.items()}
                namen = {g.code: g.naam for g in state.gemeenten.values()}
                body = brp.raadpleeg(query, personen=personen, vandaag=state.vandaag(), gemeentenamen=namen)
        except ValueError:
            fout = brp.BrpFout(400, "Het verzoek is geen geldige JSON", "paramsValidation")
            return Response(json.dumps(fout.body(request.url)), status=400, content_type="application/problem+json")
        except brp.BrpFout as fout:
            return Response(
                json.dumps(fout.body(request.url), ensure_ascii=False),
                status=fout.status,
                content_type="application/problem+json",
            )
        return Response(json.dumps(body, ensure_ascii=False), content_type="application/json; charset=utf-8")

    # --- control --------------------------------------------------------------------------------

    def control(self, request: Request) -> Response:
        sim = self.simulator
        form = request.mimetype != "application/json"
        try:
            data = dict(request.form) if form else request.get_json(silent=False) or {}
        except Exception:  # werkzeug raises BadRequest on bad JSON
            return _json_response(400, {"fout": "geen geldige JSON"})
        path = request.path.rstrip("/")
        try:
            if path == "/_sim/state" and request.method == "GET":
                return _json_response(200, html.overzicht(sim))
            if request.method != "POST":
                return Response(status=405, headers={"Allow": "POST"})
            if path == "/_sim/storingen":
                sim.storingen.instellen_uit_json(_formulier_storingen(data) if form else data)
                result: Any = sim.storingen.overzicht()
            elif path == "/_sim/scenario":
                scenario = sim.scenario(
                    str(data.get("scenario", "")),
                    gemeente_oin=str(data.get("gemeente_oin", "")),
                    bsn=str(data["bsn"]) if data.get("bsn") else None,
                )
                result = {
                    "scenario": scenario.scenario,
                    "bsn": scenario.bsn,
                    "gebeurtenisId": scenario.gebeurtenis_id,
                    "notificaties": [
                        {"berichtId": n.bericht_id, "status": n.status, "fout": n.fout} for n in scenario.notificaties
                    ],
                }
            elif path == "/_sim/personen":
                persoon = sim.state.persoon_toevoegen(
                    gemeente_oin=str(data.get("gemeente_oin", "")),
                    bsn=str(data["bsn"]) if data.get("bsn") else None,
                    asiel=data.get("asiel", True) not in (False, "false", "0", ""),
                )
                result = {"bsn": persoon.bsn}
            elif path == "/_sim/seed":
                result = {
                    "bsns": [
                        p.bsn
                        for p in sim.state.seed(
                            gemeente_oin=str(data.get("gemeente_oin") or next(iter(sim.state.gemeenten)))
                        )
                    ]
                }
            elif path == "/_sim/reset":
                sim.state.reset()
                sim.storingen.instellen(reset=True)
                result = {}
            else:
                return _json_response(404, {"fout": "onbekend"})
        except (ValueError, TypeError, RuntimeError, StopIteration) as exc:
            if form:
                return Response(html.foutpagina(str(exc)), status=400, content_type="text/html; charset=utf-8")
            return _json_response(400, {"fout": str(exc)})
        if form:
            return Response(status=303, headers={"Location": "/"})
        return _json_response(200, result)


def _formulier_storingen(form: dict[str, str]) -> dict[str, Any]:
    """The control page's form fields as the JSON of ``POST /_sim/storingen``."""
    data: dict[str, Any] = {}
    for key in ("status", "aantal", "vertraging_ms"):
        if form.get(key, "").strip():
            data[key] = int(form[key])
    if form.get("dubbele_notificaties", "").strip():
        data["dubbele_notificaties"] = float(form["dubbele_notificaties"])
    if form.get("verbinding_verbreken"):
        data["verbinding_verbreken"] = True
    if form.get("retry_after", "").strip():
        data["retry_after"] = form["retry_after"].strip()
    if form.get("als_gateway"):
        data["als_gateway"] = True
    if form.get("reset"):
        data = {"reset": True}
    return data
