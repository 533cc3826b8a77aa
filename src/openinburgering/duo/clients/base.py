"""Base client for DUO's M2M APIs (Digikoppeling REST, mTLS with a PKIoverheid certificate).

DUO's README prescribes for every request the headers ``bron`` (our OIN), ``doel`` (DUO's OIN)
and ``berichtId`` (a UUID, random per message), the base path ``/v{MAJOR}`` and an
``API-Version`` header (MAJOR.MINOR.PATCH) on every response. No Django imports: the clients
run in the worker and in the simulator's tests alike.
"""

from __future__ import annotations

import re
import ssl
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any, ClassVar, Self

import httpx

from .errors import (
    DuoConflict,
    DuoFout,
    DuoFoutmeldingen,
    DuoGatewayAntwoord,
    DuoNietGeauthenticeerd,
    DuoNietGeautoriseerd,
    DuoNietGevonden,
    DuoOnverwachtAntwoord,
    DuoTeVeelVerzoeken,
    DuoTijdelijkeFout,
    DuoVersieFout,
)

JsonValue = Any
BSN_RE = re.compile(r"^\d{9}$")
API_VERSION_RE = re.compile(r"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:[-+].*)?$")


@dataclass(frozen=True)
class DuoClientConfig:
    """Where and as whom we talk to DUO.

    ``base_url`` is scheme, host and port only (``https://api.duo.nl:1234``); each client adds
    ``/v{MAJOR}`` itself. ``cert`` is a PEM file holding the client certificate and key, or a
    (certificate, key) pair. ``verify`` is a CA bundle path or ``True`` for the system store.
    """

    base_url: str
    bron_oin: str
    doel_oin: str
    cert: str | Path | tuple[str | Path, str | Path] | None = None
    verify: str | Path | bool = True
    connect_timeout: float = 5.0
    read_timeout: float = 30.0

    def __post_init__(self) -> None:
        for name in ("bron_oin", "doel_oin"):
            value = getattr(self, name)
            if len(value) != 20 or not value.isdigit():
                raise ValueError(f"{name} must be an OIN of 20 digits, got {value!r}")


def new_bericht_id() -> str:
    """A fresh ``berichtId``: a random UUID in its canonical 36-character form (with dashes).

    The specs give ``format: uuid`` and, for Inburgeringstermijn and Leerbaarheidstoets,
    ``minLength``/``maxLength`` 36, which only the dashed form satisfies.
    """
    return str(uuid.uuid4())


def check_bsn(bsn: str) -> str:
    """The BSN as the path parameter wants it: exactly nine digits, as a string."""
    if not BSN_RE.fullmatch(bsn):
        raise ValueError(f"BSN must be nine digits, got {bsn!r}")
    return bsn


def parse_retry_after(value: str | None, *, now: datetime | None = None) -> timedelta | None:
    """The wait a ``Retry-After`` header asks for (RFC 9110 10.2.3): delta-seconds (``120``) or an
    HTTP-date (``Wed, 21 Oct 2026 07:28:00 GMT``). A date in the past is no wait; a value that is neither
    is ignored (None). Not capped here: the caller decides what is absurd."""
    if value is None:
        return None
    value = value.strip()
    if value.isdigit():
        return timedelta(seconds=min(int(value), 10**9))
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:  # an obsolete date form without a zone: HTTP dates are GMT
        when = when.replace(tzinfo=UTC)
    return max(when - (now or datetime.now(UTC)), timedelta(0))


def _foutteksten(response: httpx.Response) -> tuple[str, ...]:
    """DUO's fouttekst(en) from a body that is a list of Foutmelding or one Foutmelding."""
    if not response.content:
        return ()
    try:
        body = response.json()
    except ValueError:
        return ()
    items = body if isinstance(body, list) else [body]
    return tuple(
        str(item["fouttekst"]) for item in items if isinstance(item, dict) and item.get("fouttekst") is not None
    )


class DuoClient:
    """One DUO API: subclasses set ``API_NAME`` and ``SPEC_VERSION`` (the spec's info.version)."""

    API_NAME: ClassVar[str] = ""
    SPEC_VERSION: ClassVar[str] = "1.0.0"

    def __init__(self, config: DuoClientConfig, *, transport: httpx.BaseTransport | None = None) -> None:
        self.config = config
        self._http = httpx.Client(
            base_url=f"{config.base_url.rstrip('/')}/v{self.major}",
            verify=_ssl_context(config),
            timeout=httpx.Timeout(config.read_timeout, connect=config.connect_timeout),
            transport=transport,
            headers={"Accept": "application/json"},
        )

    @property
    def major(self) -> int:
        return int(self.SPEC_VERSION.split(".", 1)[0])

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def _request(
        self,
        method: str,
        path: str,
        *,
        json: JsonValue = None,
        params: dict[str, str] | None = None,
        bericht_id: str | None = None,
    ) -> JsonValue:
        """Send one message; return the parsed JSON body (``None`` when empty) or raise a DuoFout."""
        bericht_id = bericht_id or new_bericht_id()
        headers = {"bron": self.config.bron_oin, "doel": self.config.doel_oin, "berichtId": bericht_id}
        if json is not None:
            headers["Content-Type"] = "application/json"
        try:
            response = self._http.request(method, path, json=json, params=params, headers=headers)
        except httpx.TimeoutException as exc:
            raise DuoTijdelijkeFout(
                f"{self.API_NAME}: timeout on {method} {path}", status=None, bericht_id=bericht_id
            ) from exc
        except httpx.TransportError as exc:
            raise DuoTijdelijkeFout(
                f"{self.API_NAME}: connection error on {method} {path}: {exc}", status=None, bericht_id=bericht_id
            ) from exc
        return self._handle(response, method=method, path=path, bericht_id=bericht_id)

    def _handle(self, response: httpx.Response, *, method: str, path: str, bericht_id: str) -> JsonValue:
        status = response.status_code
        what = f"{self.API_NAME}: {method} {path} → {status}"
        retry_after = parse_retry_after(response.headers.get("Retry-After"))
        if status >= 500 or status in (408, 429):
            # Temporary whoever answered: a proxy in front of DUO may answer 502/504/429 without API-Version.
            exc_class: type[DuoFout] = DuoTeVeelVerzoeken if status == 429 else DuoTijdelijkeFout
            raise exc_class(
                what, status=status, bericht_id=bericht_id, foutteksten=_foutteksten(response), retry_after=retry_after
            )
        if "API-Version" not in response.headers:
            # Every answer of DUO's APIs carries API-Version (required in every spec): this one came from
            # a gateway in front of DUO, which did not pass the message on. Safe to resend (same berichtId).
            raise DuoGatewayAntwoord(
                f"{what} without API-Version: an answer of a gateway, not of DUO",
                status=status,
                bericht_id=bericht_id,
                retry_after=retry_after,
            )
        self._check_version(response, what=what, bericht_id=bericht_id)
        if 200 <= status < 300:
            if not response.content:
                return None
            try:
                return response.json()
            except ValueError as exc:
                raise DuoOnverwachtAntwoord(f"{what}: body is not JSON", status=status, bericht_id=bericht_id) from exc
        foutteksten = _foutteksten(response)
        exc_class = {
            400: DuoFoutmeldingen,
            401: DuoNietGeauthenticeerd,
            403: DuoNietGeautoriseerd,
            404: DuoNietGevonden,
            409: DuoConflict,
        }.get(status, DuoOnverwachtAntwoord)
        raise exc_class(what, status=status, bericht_id=bericht_id, foutteksten=foutteksten, retry_after=retry_after)

    def _check_version(self, response: httpx.Response, *, what: str, bericht_id: str) -> None:
        version = response.headers.get("API-Version")
        match = API_VERSION_RE.fullmatch(version.strip()) if version else None
        if match is None:
            raise DuoVersieFout(
                f"{what}: API-Version header missing or malformed ({version!r})",
                status=response.status_code,
                bericht_id=bericht_id,
            )
        if int(match.group(1)) != self.major:
            raise DuoVersieFout(
                f"{what}: DUO speaks API-Version {version}, this client speaks {self.SPEC_VERSION}",
                status=response.status_code,
                bericht_id=bericht_id,
            )


def _ssl_context(config: DuoClientConfig) -> ssl.SSLContext | bool:
    """TLS settings: the CA bundle to trust DUO by and our PKIoverheid client certificate (mTLS)."""
    if config.cert is None and config.verify is True:
        return True
    if config.verify is False:
        context = ssl.create_default_context()
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE
    elif config.verify is True:
        context = ssl.create_default_context()
    else:
        context = ssl.create_default_context(cafile=str(config.verify))
    if isinstance(config.cert, tuple):
        context.load_cert_chain(certfile=str(config.cert[0]), keyfile=str(config.cert[1]))
    elif config.cert is not None:
        context.load_cert_chain(certfile=str(config.cert))
    return context
