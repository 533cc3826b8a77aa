from collections.abc import Callable
from typing import Any, TypeVar

from django import forms
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from .exceptions import DomainError

T = TypeVar("T")


@require_GET
def health(request: HttpRequest) -> HttpResponse:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "core/403.html", status=403)


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "core/404.html", status=404)


def form_submit(
    form: forms.BaseForm,
    service: Callable[[dict[str, Any]], T],
    *,
    done: Callable[[T], HttpResponse],
    refused: Callable[[DomainError | None], HttpResponse],
) -> HttpResponse:
    """The one shape of a mutating view: the form validates shape, one service applies the rules.

    An invalid form answers `refused(None)`; a service that refuses (DomainError) answers
    `refused(error)`, whose caller puts the problems at the form's fields; otherwise `done(result)`.
    Every answer (an htmx fragment, a page with errors, a redirect) is the caller's.
    """
    if not form.is_valid():
        return refused(None)
    try:
        result = service(form.cleaned_data)
    except DomainError as error:
        return refused(error)
    return done(result)
