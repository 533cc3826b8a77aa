"""The beschikking: the PDF says what was decided, what to do, by when, and how to object (with the date)."""

import io
from datetime import date, timedelta

import pytest
from django.utils import timezone
from django.utils.formats import date_format
from pypdf import PdfReader

from openinburgering.core.tests.clock import travel_to
from openinburgering.dossiers.constants import Status
from openinburgering.dossiers.factories import DossierFactory
from openinburgering.letters.factories import LetterTemplateFactory
from openinburgering.pip import services
from openinburgering.pip.factories import PipAanbodFactory, PipFactory
from openinburgering.pip.letters import pip_beschikking_render
from openinburgering.rules.kalender import feestdagen_for_range
from openinburgering.rules.leerroute import Z_ROUTE_COURSE_HOURS
from openinburgering.rules.termijnen import bezwaartermijn_end, inburgeringstermijn

pytestmark = pytest.mark.django_db

# Koningsdag, a public holiday: the bezwaartermijn in the letter must not end on one.
KONINGSDAG = date(2027, 4, 27)


@pytest.fixture(autouse=True)
def today():
    with travel_to(KONINGSDAG):
        yield KONINGSDAG


def pdf_text(content: bytes) -> str:
    reader = PdfReader(io.BytesIO(content))
    text = "\n".join(page.extract_text() for page in reader.pages)
    return " ".join(text.split())  # words wrapped over lines become one line


def dutch(day) -> str:
    return date_format(day, "j F Y")


def test_stored_beschikking_has_bezwaar_date_route_and_term(dossier, klantregisseur, teamleider):
    LetterTemplateFactory(gemeente=dossier.gemeente, bezwaar_adres="Postbus 123\n3300 AA Aadorp")
    pip = PipFactory(dossier=dossier, ter_accordering=True, drafted_by=klantregisseur)
    PipAanbodFactory(pip=pip, instelling__naam="Taalschool De Brug")
    bekendmaking = timezone.localdate()
    services.pip_letter_viewed(pip=pip, viewer=teamleider)
    pip = services.pip_approve(pip=pip, approver=teamleider, bekendmaking=bekendmaking)

    text = pdf_text(bytes(pip.beschikking.content))
    feestdagen = feestdagen_for_range(bekendmaking, bekendmaking + timedelta(days=120))
    last_day = bezwaartermijn_end(bekendmaking, feestdagen=feestdagen)
    assert f"Dat moet uiterlijk op {dutch(last_day)}" in text
    assert "B1-route" in text
    assert "Wij stellen uw PIP vast" in text
    termijn = inburgeringstermijn(pip.dagtekening)
    assert f"Uw inburgeringstermijn begint op {dutch(termijn.start)}" in text
    assert f"De laatste dag is {dutch(termijn.last_day)}" in text
    assert "Taalschool De Brug" in text
    assert "Postbus 123" in text
    assert "artikel 15 van de Wet inburgering 2021" in text
    assert "VOORBEELD" not in text


def test_z_route_letter_explains_the_route_with_the_rules_hours(gemeente_a):
    dossier = DossierFactory(gemeente=gemeente_a, status=Status.BREDE_INTAKE)
    pip = PipFactory(dossier=dossier, leerroute="Z", niveau="A2")
    text = pdf_text(pip_beschikking_render(pip, preview=True))
    assert "Zelfredzaamheidsroute (Z-route)" in text
    assert f"U volgt {Z_ROUTE_COURSE_HOURS.value} uur les" in text
    assert "VOORBEELD" in text


def test_new_version_letter_says_what_it_replaces(dossier, klantregisseur, teamleider):
    v1 = PipFactory(dossier=dossier, vastgesteld=True)
    v2 = services.pip_draft_create(dossier=dossier, actor=klantregisseur, wijzigingsreden="Afschalen naar A2")
    text = pdf_text(pip_beschikking_render(v2, preview=True))
    assert "Dit is versie 2 van uw PIP" in text
    assert f"Dit besluit vervangt ons besluit van {dutch(v1.dagtekening)}" in text
    assert "Afschalen naar A2" in text
    assert "Uw inburgeringstermijn blijft hetzelfde" in text
