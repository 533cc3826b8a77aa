"""Errors as application/problem+json (RFC 9457), shaped as the Haal Centraal APIs return them."""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404
from djangorestframework_camel_case.util import camelize_re, underscore_to_camel
from rest_framework import exceptions, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import exception_handler

from openinburgering.core.exceptions import DomainError

PROBLEM_CONTENT_TYPE = "application/problem+json"

_TITLES = {
    400: "Een of meer parameters zijn niet correct.",
    401: "Niet geauthenticeerd.",
    403: "U bent niet geautoriseerd voor deze operatie.",
    404: "Opgevraagde resource bestaat niet.",
    405: "Gebruikte methode is niet toegestaan.",
    406: "Gevraagde contenttype wordt niet ondersteund.",
    409: "Conflict met de huidige toestand.",
    415: "Mediatype wordt niet ondersteund.",
    422: "De gegevens voldoen niet aan de regels.",
    429: "Te veel verzoeken.",
}


def _camel(name: str) -> str:
    camel: str = camelize_re.sub(underscore_to_camel, name)
    return camel


def _invalid_params(detail: Any, prefix: str = "") -> list[dict[str, str]]:
    params: list[dict[str, str]] = []
    if isinstance(detail, dict):
        for key, value in detail.items():
            name = "" if key == "non_field_errors" else _camel(str(key))
            params.extend(_invalid_params(value, f"{prefix}.{name}" if prefix and name else (name or prefix)))
    elif isinstance(detail, list):
        for index, item in enumerate(detail):
            if isinstance(item, dict | list) and not isinstance(item, exceptions.ErrorDetail):
                params.extend(_invalid_params(item, f"{prefix}.{index}" if prefix else str(index)))
            else:
                params.append({"name": prefix, "code": getattr(item, "code", "invalid"), "reason": str(item)})
    else:
        params.append({"name": prefix, "code": getattr(detail, "code", "invalid"), "reason": str(detail)})
    return params


def problem_response(
    request: Request | None,
    status_code: int,
    *,
    detail: str,
    code: str,
    invalid_params: list[dict[str, str]] | None = None,
    headers: dict[str, str] | None = None,
) -> Response:
    body: dict[str, Any] = {
        "type": f"https://httpstatuses.io/{status_code}",
        "title": _TITLES.get(status_code, "Er ging iets mis."),
        "status": status_code,
        "detail": detail,
        "instance": request.get_full_path() if request is not None else "",
        "code": code,
    }
    if invalid_params:
        body["invalidParams"] = invalid_params
    response = Response(body, status=status_code, headers=headers, content_type=PROBLEM_CONTENT_TYPE)
    return response


def problem_exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    request = context.get("request")
    if isinstance(exc, DomainError):
        params = [{"name": _camel(exc.field) if exc.field else "", "code": exc.code, "reason": exc.message}]
        code = (
            status.HTTP_409_CONFLICT
            if exc.code.startswith("duplicate") or exc.code == "stale"
            else status.HTTP_400_BAD_REQUEST
        )
        return problem_response(request, code, detail=exc.message, code=exc.code, invalid_params=params)
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied()
    response = exception_handler(exc, context)
    if response is None:
        return None
    detail = response.data
    if isinstance(exc, exceptions.ValidationError):
        return problem_response(
            request,
            400,
            detail="De invoer is niet geldig.",
            code="invalid",
            invalid_params=_invalid_params(detail),
            headers=dict(response.items()),
        )
    message = str(detail.get("detail", "")) if isinstance(detail, dict) else str(detail)
    error_code = getattr(getattr(exc, "detail", None), "code", None) or getattr(exc, "default_code", "error")
    return problem_response(
        request, response.status_code, detail=message, code=str(error_code), headers=dict(response.items())
    )
