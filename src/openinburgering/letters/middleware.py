"""A page that needs a letter the gemeente cannot send yet says so, instead of failing with a server error.

Services that store a letter turn LetterTemplateIncomplete into a refusal themselves (it is a DomainError);
this catches the rest, such as a PDF preview, and names what the letter template lacks.
"""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from .models import LetterTemplateIncomplete


class LetterTemplateIncompleteMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if isinstance(exception, LetterTemplateIncomplete):
            return render(request, "letters/letter_template_incomplete.html", {"error": exception}, status=409)
        return None
