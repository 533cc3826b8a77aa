"""PDF rendering: real PDFs from Django templates, and nothing fetched from the network."""

import io
import socket
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from openinburgering.letters.factories import LetterTemplateFactory
from openinburgering.letters.models import LetterTemplateIncomplete
from openinburgering.letters.rendering import ExternalResourceRefused, LocalOnlyURLFetcher, render_pdf

TEST_TEMPLATES = Path(__file__).parent / "templates"


@pytest.fixture
def test_templates(settings):
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [*settings.TEMPLATES[0]["DIRS"], TEST_TEMPLATES]}]


@pytest.fixture
def no_network(monkeypatch):
    """Any attempt to open a connection fails the test."""
    attempts = []

    def refuse(self, address):
        attempts.append(address)
        raise AssertionError(f"network access during rendering: {address}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    return attempts


def pdf_text(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def letter_context(letter_template, **extra):
    return {
        "letter_template": letter_template,
        "addressee_name": "Amira Haddad",
        "addressee_lines": ["Voorstraat 12", "3311 AB  DORDRECHT"],
        "datum": date(2026, 11, 23),
        "kenmerk": "D-0000123",
        "onderwerp": "Voorbeeldbrief",
        **extra,
    }


def test_render_pdf_returns_a_pdf(test_templates, no_network):
    pdf = render_pdf(template_name="letters_test/tiny.html", context={"tekst": "Hallo Dordrecht"})
    assert pdf.startswith(b"%PDF-")
    assert "Hallo Dordrecht" in pdf_text(pdf)


@pytest.mark.django_db
def test_letter_shows_sender_addressee_and_signer(no_network):
    letter_template = LetterTemplateFactory(gemeente__naam="Dordrecht")
    pdf = render_pdf(template_name="letters/voorbeeldbrief.html", context=letter_context(letter_template))
    text = pdf_text(pdf)
    assert letter_template.afzender_naam in text
    assert "M. de Vries" in text and "Teamleider Inburgering" in text
    assert "Amira Haddad" in text and "Voorstraat 12" in text
    assert "23 november 2026" in text and "D-0000123" in text
    assert "Pagina 1 van 1" in text
    assert len(PdfReader(io.BytesIO(pdf)).pages) == 1
    page = PdfReader(io.BytesIO(pdf)).pages[0]
    assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (595, 842)  # A4 in points


@pytest.mark.django_db
def test_letter_shows_the_gemeentes_address_phone_and_email(no_network):
    letter_template = LetterTemplateFactory(
        afzender_adres="Postbus 99\n3300 AZ Dordrecht", telefoon="078 123 4567", email="inburgering@aadorp.example"
    )
    text = pdf_text(render_pdf(template_name="letters/voorbeeldbrief.html", context=letter_context(letter_template)))
    assert "Postbus 99" in text and "3300 AZ Dordrecht" in text
    assert "078 123 4567" in text and "inburgering@aadorp.example" in text


@pytest.mark.django_db
def test_no_letter_without_phone_number(no_network):
    letter_template = LetterTemplateFactory()
    letter_template.telefoon = ""
    with pytest.raises(LetterTemplateIncomplete) as caught:
        render_pdf(template_name="letters/voorbeeldbrief.html", context=letter_context(letter_template))
    assert "telefoonnummer" in caught.value.message


@pytest.mark.django_db
def test_logo_svg_is_drawn(no_network):
    logo = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="10" height="10"/></svg>'
    letter_template = LetterTemplateFactory(logo_svg=logo)
    with_logo = render_pdf(template_name="letters/voorbeeldbrief.html", context=letter_context(letter_template))
    letter_template.logo_svg = ""
    without = render_pdf(template_name="letters/voorbeeldbrief.html", context=letter_context(letter_template))
    assert with_logo != without


@pytest.mark.django_db
def test_remote_images_are_not_fetched(test_templates, no_network, caplog):
    letter_template = LetterTemplateFactory()
    pdf = render_pdf(template_name="letters_test/remote_image.html", context=letter_context(letter_template))
    assert pdf.startswith(b"%PDF-")
    assert no_network == []
    refused = [r.getMessage() for r in caplog.records if r.name == "openinburgering.letters.rendering"]
    assert any("http://example.com/x.png" in message for message in refused)
    assert any("https://example.com/y.png" in message for message in refused)


@pytest.mark.parametrize(
    "url",
    [
        "http://example.com/x.png",
        "https://example.com/x.css",
        "ftp://example.com/x.png",
        "file:///etc/passwd",
        "file://fileserver/share/logo.svg",
        "//example.com/x.png",
    ],
)
def test_fetcher_refuses_everything_outside_the_allowed_files(url, no_network):
    fetcher = LocalOnlyURLFetcher()
    with pytest.raises(ExternalResourceRefused):
        fetcher.fetch(url)
    assert fetcher.refused == [url]


def test_fetcher_serves_data_urls_and_allowed_local_files(tmp_path, no_network):
    (tmp_path / "logo.svg").write_text("<svg/>")
    fetcher = LocalOnlyURLFetcher(allowed_roots=(tmp_path,))
    assert fetcher.fetch("data:text/plain;base64,SGFsbG8=").read() == b"Hallo"
    assert fetcher.fetch((tmp_path / "logo.svg").as_uri()).read() == b"<svg/>"
    with pytest.raises(ExternalResourceRefused):
        fetcher.fetch((tmp_path / ".." / "elders.svg").resolve().as_uri())
