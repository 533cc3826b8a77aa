"""DUO's Notificatie API (API/Notificatie/openapi.yml, version in constants): POST <prefix>/notificaties.

A plain Django view: the body is DUO's JSON as is, not our camelCase API. Authentication is DUO's PKIoverheid
client certificate: the reverse proxy terminates TLS, verifies it and forwards it as URL-encoded PEM in the
header settings.DUO_CLIENT_CERT_HEADER; that header is believed only from a configured proxy
(TRUSTED_PROXIES), and the certificate is read by an X.509 parser (clientcert.py). Under production settings
(DUO_CLIENT_CERT_REQUIRED) an endpoint without that set-up refuses everything, and the system check
duo.E001–E003 keeps such a production from starting (checks.py). The order of the checks decides the
status code:

- not from a trusted proxy, certificate missing, not valid now, or its serialNumber not DUO's OIN → 401;
- a header missing or not as the spec defines it (bron, doel: 20 characters; berichtId: a UUID) → 400;
- bron is not DUO's OIN, or doel not one of ours → 403;
- body too large, not JSON, or not a Notificatie (required fields, patterns, ranges) → 400;
- the database unavailable → 503 with a Foutmelding, so DUO sends again.

The spec gives a body (Foutmelding) only to 503; 201, 400, 401, 403 and 500 are answered without one.
Every answer carries the API-Version header. Every refusal is logged (NotificatieWeigering).
"""

import json
import logging
import math
import re
import uuid
from datetime import UTC, datetime
from typing import Any

from django.conf import settings
from django.db import DatabaseError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt

from openinburgering.core.proxy import from_trusted_proxy

from .clientcert import CertificaatOngeldig, duo_client_certificate_check
from .constants import (
    FOUTTEKST_MAX_LENGTH,
    NOTIFICATIE_API_VERSION,
    NOTIFICATIE_MAX_BODY_BYTES,
    WeigeringReden,
)
from .services import NotificatieBericht, notificatie_receive, notificatie_weigering_record

logger = logging.getLogger(__name__)

# JSON Schema patterns are ECMA-262 regular expressions, where \d is [0-9] only.
_UUID = re.compile(r"[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}")
_GEBEURTENIS_ID = re.compile(r"[0-9A-Z]{1,6}")
_BSN = re.compile(r"[0-9]{9}")
_DATE_TIME = re.compile(
    r"[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt ][0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?([Zz]|[+-][0-9]{2}:[0-9]{2})?"
)
V_NUMMER_MAX = 9_999_999_999


class Weigering(Exception):
    def __init__(self, reden: WeigeringReden, status_code: int, toelichting: str) -> None:
        super().__init__(toelichting)
        self.reden = reden
        self.status_code = status_code
        self.toelichting = toelichting


def _response(status: int, fouttekst: str | None = None) -> HttpResponse:
    if fouttekst is None:
        response = HttpResponse(status=status)
        del response["Content-Type"]  # no body
    else:
        response = JsonResponse({"fouttekst": fouttekst[:FOUTTEKST_MAX_LENGTH]}, status=status)
    response["API-Version"] = NOTIFICATIE_API_VERSION
    return response


def _check_certificate(request: HttpRequest) -> None:
    header: str = settings.DUO_CLIENT_CERT_HEADER
    if not header:
        if settings.DUO_CLIENT_CERT_REQUIRED:  # production without the set-up: fail closed
            raise Weigering(
                WeigeringReden.CERTIFICAAT,
                401,
                "Clientcertificaat niet te controleren: DUO_CLIENT_CERT_HEADER ontbreekt.",
            )
        return  # not checked (demo, tests)
    if not from_trusted_proxy(request):
        peer = request.META.get("REMOTE_ADDR", "")
        raise Weigering(
            WeigeringReden.CERTIFICAAT, 401, f"Verzoek komt niet via een vertrouwde proxy (TRUSTED_PROXIES): {peer}."
        )
    forwarded = request.headers.get(header, "").strip()
    if not forwarded:
        raise Weigering(WeigeringReden.CERTIFICAAT, 401, f"Header {header} met het clientcertificaat ontbreekt.")
    try:
        duo_client_certificate_check(forwarded, oin=settings.DUO_OIN, now=timezone.now())
    except CertificaatOngeldig as error:
        raise Weigering(WeigeringReden.CERTIFICAAT, 401, str(error)) from None


def _check_headers(request: HttpRequest) -> tuple[uuid.UUID, str, str]:
    values = {name: request.headers.get(name) for name in ("bron", "doel", "berichtId")}
    missing = [name for name, value in values.items() if value is None]
    if missing:
        raise Weigering(WeigeringReden.HEADER, 400, f"Header ontbreekt: {', '.join(missing)}.")
    bron, doel, bericht_id = (values["bron"] or "", values["doel"] or "", values["berichtId"] or "")
    for name, value in (("bron", bron), ("doel", doel)):
        if len(value) != 20:
            raise Weigering(WeigeringReden.HEADER, 400, f"Header {name} is geen OIN van twintig tekens.")
    if not _UUID.fullmatch(bericht_id):
        raise Weigering(WeigeringReden.HEADER, 400, "Header berichtId is geen UUID.")
    if bron != settings.DUO_OIN:
        raise Weigering(WeigeringReden.BRON, 403, f"Bron {bron} is niet het OIN van DUO.")
    if doel not in settings.DUO_EIGEN_OINS:
        raise Weigering(WeigeringReden.DOEL, 403, f"Doel {doel} is niet een OIN van deze organisatie.")
    return uuid.UUID(bericht_id), bron, doel


def _read_body(request: HttpRequest) -> tuple[dict[str, Any], bytes]:
    """The body as JSON, and its bytes as DUO sent them."""
    try:
        declared = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        declared = 0
    if declared > NOTIFICATIE_MAX_BODY_BYTES:
        raise Weigering(WeigeringReden.TE_GROOT, 400, f"Bericht is groter dan {NOTIFICATIE_MAX_BODY_BYTES} bytes.")
    content_type = request.content_type or ""
    if content_type and content_type != "application/json" and not content_type.endswith("+json"):
        raise Weigering(WeigeringReden.CONTENT_TYPE, 400, "Content-Type moet application/json zijn.")
    raw = request.read(NOTIFICATIE_MAX_BODY_BYTES + 1)
    if len(raw) > NOTIFICATIE_MAX_BODY_BYTES:
        raise Weigering(WeigeringReden.TE_GROOT, 400, f"Bericht is groter dan {NOTIFICATIE_MAX_BODY_BYTES} bytes.")
    try:
        text = raw.decode("utf-8")
        data = json.loads(text, parse_constant=_refuse_constant, parse_float=_parse_float, parse_int=_parse_int)
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise Weigering(WeigeringReden.JSON, 400, "Bericht is geen geldige JSON.") from None
    if not isinstance(data, dict):
        raise Weigering(WeigeringReden.INHOUD, 400, "Bericht is geen JSON-object.")
    return data, raw


def _refuse_constant(name: str) -> None:
    raise ValueError(name)  # NaN, Infinity: not JSON


def _parse_float(literal: str) -> float | str:
    """A JSON number beyond a float (1e400) is valid JSON; it is kept as its text, not as infinity."""
    value = float(literal)
    return value if math.isfinite(value) else literal


def _parse_int(literal: str) -> int | str:
    """An integer beyond Python's digit limit for int() is valid JSON too; kept as its text."""
    try:
        return int(literal)
    except ValueError:
        return literal


def _inhoud(toelichting: str) -> Weigering:
    return Weigering(WeigeringReden.INHOUD, 400, toelichting)


def _parse_date_time(value: object) -> datetime:
    if not isinstance(value, str) or not _DATE_TIME.fullmatch(value):
        raise _inhoud("registratieDatumTijd is geen datum-tijd (RFC 3339).")
    try:
        parsed = datetime.fromisoformat(value.upper())
        if timezone.is_naive(parsed):
            # RFC 3339 requires an offset; DUO is in the Netherlands, so a time without one is read as ours.
            parsed = timezone.make_aware(parsed)
        return parsed.astimezone(UTC)
    except (ValueError, OverflowError):
        raise _inhoud("registratieDatumTijd is geen bestaande datum-tijd.") from None


def _parse_notificatie(
    data: dict[str, Any], raw: bytes, *, bericht_id: uuid.UUID, bron: str, doel: str
) -> NotificatieBericht:
    """Check the body against the schema Notificatie; answer it as a NotificatieBericht."""
    for field in ("registratieDatumTijd", "gebeurtenisId"):
        if field not in data:
            raise _inhoud(f"Verplicht veld {field} ontbreekt.")
    gebeurtenis_id = data["gebeurtenisId"]
    if not isinstance(gebeurtenis_id, str) or not _GEBEURTENIS_ID.fullmatch(gebeurtenis_id):
        raise _inhoud("gebeurtenisId voldoet niet aan het patroon ^[0-9A-Z]{1,6}$.")
    registratie = _parse_date_time(data["registratieDatumTijd"])
    bsn = data.get("bsn", "")
    if "bsn" in data and (not isinstance(bsn, str) or not _BSN.fullmatch(bsn)):
        raise _inhoud("bsn bestaat niet uit negen cijfers.")
    v_nummer = data.get("vNummer")
    if "vNummer" in data and (type(v_nummer) is not int or not 0 <= v_nummer <= V_NUMMER_MAX):
        raise _inhoud(f"vNummer is geen geheel getal van 0 tot en met {V_NUMMER_MAX}.")
    return NotificatieBericht(
        bericht_id=bericht_id,
        bron=bron,
        doel=doel,
        gebeurtenis_id=gebeurtenis_id,
        registratie_datum_tijd=registratie,
        bsn=bsn,
        v_nummer=v_nummer,
        body=data,
        raw=raw,
    )


@csrf_exempt
def notificaties(request: HttpRequest) -> HttpResponse:
    """opvoerenNotificatie: store DUO's notificatie and answer 201 after the commit."""
    if request.method != "POST":
        response = _response(405)
        response["Allow"] = "POST"
        return response
    try:
        _check_certificate(request)
        bericht_id, bron, doel = _check_headers(request)
        data, raw = _read_body(request)
        bericht = _parse_notificatie(data, raw, bericht_id=bericht_id, bron=bron, doel=doel)
    except Weigering as weigering:
        return _refuse(request, weigering)
    try:
        notificatie_receive(bericht=bericht)
    except DatabaseError:
        logger.exception("DUO-notificatie %s not stored: database unavailable", bericht_id)
        return _response(503, "Notificatie tijdelijk niet op te slaan; probeer het later opnieuw.")
    except Exception:  # the spec's 500, with its API-Version header, rather than Django's error page
        logger.exception("DUO-notificatie %s not stored", bericht_id)
        return _response(500)
    return _response(201)


def _refuse(request: HttpRequest, weigering: Weigering) -> HttpResponse:
    try:
        notificatie_weigering_record(
            reden=weigering.reden,
            toelichting=weigering.toelichting,
            status_code=weigering.status_code,
            bericht_id=request.headers.get("berichtId", ""),
            bron=request.headers.get("bron", ""),
            doel=request.headers.get("doel", ""),
        )
    except DatabaseError:
        logger.exception("Refusal of DUO-notificatie not stored")  # the warning above is already logged
    return _response(weigering.status_code)
