"""openapi-core access to DUO's specs and the BRP spec, for the contract tests.

The specs are read from ``../shared/reference`` next to the repository (core/tests/reference.py). A test
module that calls ``require_specs`` is skipped when they are absent, and fails under ``CI=true``.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx
import yaml
from werkzeug.datastructures import Headers, ImmutableMultiDict

from openinburgering.core.tests.reference import BRP_SPEC, DUO_SPEC_DIR, REFERENCE_DIR, reference_path

__all__ = ["BRP_SPEC", "DUO_SPEC_DIR", "REFERENCE_DIR"]


def require_specs(path: Path, what: str) -> None:
    reference_path(path, what, module_level=True)


class HttpxOpenAPIRequest:
    """openapi-core's Request protocol over an ``httpx.Request``; ``base_path`` is stripped
    (DUO's specs leave out ``/v{MAJOR}``, README "Basis pad URI")."""

    def __init__(self, request: httpx.Request, *, base_path: str) -> None:
        from openapi_core.datatypes import RequestParameters

        self.request = request
        url = urlsplit(str(request.url))
        self._host_url = f"{url.scheme}://{url.netloc}"
        assert url.path.startswith(base_path + "/"), f"{url.path} is not under {base_path}"
        self._path = url.path.removeprefix(base_path)
        self.parameters = RequestParameters(
            query=ImmutableMultiDict(parse_qs(url.query)),
            header=Headers(list(request.headers.items())),
            cookie=ImmutableMultiDict(),
        )

    @property
    def host_url(self) -> str:
        return self._host_url

    @property
    def path(self) -> str:
        return self._path

    @property
    def method(self) -> str:
        return self.request.method.lower()

    @property
    def body(self) -> bytes | None:
        return self.request.content or None

    @property
    def content_type(self) -> str:
        return self.request.headers.get("Content-Type", "")


class HttpxOpenAPIResponse:
    def __init__(self, response: httpx.Response) -> None:
        self.response = response

    @property
    def status_code(self) -> int:
        return self.response.status_code

    @property
    def content_type(self) -> str:
        return self.response.headers.get("Content-Type", "")

    @property
    def headers(self) -> Headers:
        return Headers(list(self.response.headers.items()))

    @property
    def data(self) -> bytes | None:
        return self.response.content or None


# Python's ``re`` has no \p{L} / \p{Pd} (Contactpersoon.naam): nearest equivalents, as in
# openinburgering/duo/tests/test_clients_contract.py.
UNICODE_CLASSES = {"\\p{L}": "\\w", "\\p{Pd}": "\\-\u2010-\u2015"}


def _python_patterns(node: Any) -> Any:
    if isinstance(node, dict):
        return {k: _python_pattern(v) if k == "pattern" else _python_patterns(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_python_patterns(item) for item in node]
    return node


def _python_pattern(pattern: str) -> str:
    for unicode_class, replacement in UNICODE_CLASSES.items():
        pattern = pattern.replace(unicode_class, replacement)
    return pattern


def duo_spec_path(api: str) -> Path:
    return DUO_SPEC_DIR / "API" / api / "openapi.yml"


@cache
def duo_document(api: str) -> dict[str, Any]:
    with duo_spec_path(api).open(encoding="utf-8") as fh:
        document: dict[str, Any] = yaml.safe_load(fh)
    return document


@cache
def duo_openapi(api: str) -> Any:
    from openapi_core import OpenAPI

    return OpenAPI.from_dict(_python_patterns(duo_document(api)), base_uri=duo_spec_path(api).as_uri())


def duo_operations(api: str) -> dict[str, tuple[str, str]]:
    """operationId → (METHOD, path template)."""
    return {
        op["operationId"]: (method.upper(), template)
        for template, item in duo_document(api)["paths"].items()
        for method, op in item.items()
        if method != "parameters"
    }


def duo_apis() -> list[str]:
    return sorted(p.parent.name for p in (DUO_SPEC_DIR / "API").glob("*/openapi.yml"))


def resolve_discriminators(document: dict[str, Any]) -> dict[str, Any]:
    """Make the BRP spec's ``discriminator`` mappings count in validation.

    JSON Schema ignores ``discriminator``: a response would only be checked against the abstract
    schema (``PersonenQueryResponse`` has nothing but ``type``), so almost anything validates.
    Each abstract schema becomes "the abstract part, and if ``type`` is X then schema X"; the
    concrete schemas extend a copy of the abstract part (no recursion).
    """
    schemas = document["components"]["schemas"]
    prefix = "#/components/schemas/"
    abstract = {name: s for name, s in schemas.items() if "mapping" in s.get("discriminator", {})}
    for name, schema in abstract.items():
        base = f"{name}Basis__"
        schemas[base] = {k: v for k, v in schema.items() if k != "discriminator"}
        for other in schemas.values():
            for part in other.get("allOf", []):
                if part.get("$ref") == prefix + name:
                    part["$ref"] = prefix + base
        prop = schema["discriminator"]["propertyName"]
        schemas[name] = {
            "allOf": [{"$ref": prefix + base}]
            + [
                {"if": {"properties": {prop: {"const": key}}, "required": [prop]}, "then": {"$ref": target}}
                for key, target in schema["discriminator"]["mapping"].items()
            ]
        }
    return document


@cache
def brp_openapi() -> Any:
    from openapi_core import OpenAPI

    with BRP_SPEC.open(encoding="utf-8") as fh:
        document: dict[str, Any] = yaml.safe_load(fh)
    document.pop("servers", None)  # served under /haalcentraal/api/brp, stripped like DUO's base path
    return OpenAPI.from_dict(resolve_discriminators(document), base_uri=BRP_SPEC.as_uri())
