"""Django template → HTML → PDF with WeasyPrint, without any network access.

WeasyPrint fetches what a document refers to (images, stylesheets, fonts) through a URL fetcher.
Ours answers data: URLs and file: URLs inside this app's static directory, and refuses everything
else, so a letter never reaches out to the internet (nor to our own network), whatever ends up in
its HTML.
"""

import logging
from collections.abc import Mapping
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from django.template.loader import render_to_string
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

from .models import LetterTemplate

logger = logging.getLogger(__name__)

LETTERS_STATIC_DIR = Path(__file__).resolve().parent / "static"
ALLOWED_FILE_ROOTS: tuple[Path, ...] = (LETTERS_STATIC_DIR,)


class ExternalResourceRefused(ValueError):
    """A letter referred to something outside the allowed local files."""


class LocalOnlyURLFetcher(URLFetcher):  # type: ignore[misc]  # WeasyPrint ships no type hints
    """Fetches data: URLs and files below ALLOWED_FILE_ROOTS; refuses http(s), ftp and any other file."""

    def __init__(self, allowed_roots: tuple[Path, ...] = ALLOWED_FILE_ROOTS) -> None:
        super().__init__(timeout=1, allowed_protocols=("data", "file"), allow_redirects=False, fail_on_errors=False)
        self.allowed_roots = tuple(root.resolve() for root in allowed_roots)
        self.refused: list[str] = []

    def _refuse(self, url: str) -> ExternalResourceRefused:
        self.refused.append(url)
        logger.warning("Letter rendering refused to fetch %s", url[:200])
        return ExternalResourceRefused(f"Refused to fetch {url[:200]}")

    def fetch(self, url: str, headers: Mapping[str, str] | None = None) -> URLFetcherResponse:
        parts = urlsplit(url)
        scheme = parts.scheme.lower()
        if scheme == "data":
            return super().fetch(url, headers)
        if scheme == "file" and parts.netloc in ("", "localhost"):  # file://host/… would be a network share
            path = Path(unquote(parts.path)).resolve()
            if any(path.is_relative_to(root) for root in self.allowed_roots) and path.is_file():
                return super().fetch(url, headers)
        raise self._refuse(url)


def render_html(*, template_name: str, context: Mapping[str, Any]) -> str:
    return render_to_string(template_name, dict(context))


def render_pdf(*, template_name: str, context: Mapping[str, Any], base_url: str | None = None) -> bytes:
    """Render a Django template to a PDF (PDF/UA-ready tagging is not attempted; A4 comes from the CSS).

    `base_url` resolves relative URLs in the HTML; by default this app's static directory, so that
    `<img src="letters/x.svg">` finds letters/static/letters/x.svg. Nothing outside it is fetched.
    """
    letter_template = context.get("letter_template")
    if isinstance(letter_template, LetterTemplate):  # a letter: never without the gemeente's address, phone, e-mail
        letter_template.require_complete()
    html = render_html(template_name=template_name, context=context)
    document = HTML(
        string=html,
        base_url=base_url or f"{LETTERS_STATIC_DIR.as_uri()}/",
        url_fetcher=LocalOnlyURLFetcher(),
    )
    pdf: bytes = document.write_pdf()
    return pdf
