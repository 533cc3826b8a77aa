"""Every letter gives the gemeente's postal address, phone number and e-mail address (issue 11, part 5.7).

Real PDFs of the PIP beschikking, the brede-intake summons and the ontzorgen beschikking, read back as
text; and no letter (and nothing else) is made for a gemeente whose letter template lacks them.
"""

import io
from datetime import date

import pytest
from pypdf import PdfReader

from openinburgering.core.tests.clock import travel_to
from openinburgering.dossiers.constants import Status
from openinburgering.dossiers.factories import DossierFactory
from openinburgering.gemeenten.factories import GemeenteFactory
from openinburgering.intake.factories import OproepFactory
from openinburgering.intake.letters import oproep_brief_render
from openinburgering.letters.factories import LetterTemplateFactory
from openinburgering.letters.models import Document, LetterTemplateIncomplete
from openinburgering.ontzorgen.factories import OntzorgingFactory
from openinburgering.ontzorgen.letters import beschikking_render
from openinburgering.pip import services as pip_services
from openinburgering.pip.factories import PipAanbodFactory, PipFactory
from openinburgering.pip.letters import pip_beschikking_render
from openinburgering.pip.models import Pip, PipStatus

pytestmark = pytest.mark.django_db

ADRES = "Postbus 4711\n3300 KZ Aadorp"
BEZWAAR = "Het college van burgemeester en wethouders van Aadorp\nAfdeling Bezwaar\nPostbus 4712\n3300 LA Aadorp"
TELEFOON = "078 555 0101"
EMAIL = "inburgering@aadorp.example"


def pdf_text(content: bytes) -> str:
    reader = PdfReader(io.BytesIO(content))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


@pytest.fixture
def gemeente():
    gemeente = GemeenteFactory(naam="Aadorp", letter_template=None)
    LetterTemplateFactory(
        gemeente=gemeente, afzender_adres=ADRES, bezwaar_adres=BEZWAAR, telefoon=TELEFOON, email=EMAIL
    )
    return gemeente


def assert_contact_details(text: str) -> None:
    assert "Postbus 4711" in text and "3300 KZ Aadorp" in text
    assert TELEFOON in text
    assert EMAIL in text


def test_pip_beschikking_gives_address_phone_email_and_where_to_send_a_bezwaar(gemeente):
    pip = PipFactory(dossier=DossierFactory(gemeente=gemeente, status=Status.BREDE_INTAKE), vastgesteld=True)
    text = pdf_text(pip_beschikking_render(pip))
    assert_contact_details(text)
    assert "Stuur uw bezwaar naar: Het college van burgemeester en wethouders van Aadorp" in text
    assert "Postbus 4712 3300 LA Aadorp" in text


def test_intake_summons_gives_address_and_the_number_to_call(gemeente):
    oproep = OproepFactory(dossier__gemeente=gemeente)
    text = pdf_text(oproep_brief_render(oproep))
    assert_contact_details(text)
    assert f"Bel ons op {TELEFOON}" in text


def test_ontzorgen_beschikking_gives_address_phone_and_email(gemeente):
    ontzorging = OntzorgingFactory(dossier__gemeente=gemeente, startdatum=date(2026, 7, 1))
    text = pdf_text(beschikking_render(ontzorging))
    assert_contact_details(text)
    assert "Postbus 4712" in text  # the bezwaar address


@pytest.mark.parametrize("render", ["pip", "oproep", "ontzorging"])
def test_no_letter_for_a_gemeente_without_contact_details(render):
    gemeente = GemeenteFactory(naam="Zonderbrief", letter_template=None)
    dossier = DossierFactory(gemeente=gemeente, status=Status.BREDE_INTAKE)
    with pytest.raises(LetterTemplateIncomplete) as caught:
        if render == "pip":
            pip_beschikking_render(PipFactory(dossier=dossier, vastgesteld=True))
        elif render == "oproep":
            oproep_brief_render(OproepFactory(dossier=dossier))
        else:
            beschikking_render(OntzorgingFactory(dossier=dossier))
    assert "Zonderbrief" in caught.value.message and "telefoonnummer" in caught.value.message


# Koningsdag, a public holiday: the approval must fail on the letter, not on its date.
KONINGSDAG = date(2027, 4, 27)


@travel_to(KONINGSDAG)
def test_pip_approval_without_contact_details_changes_nothing(klantregisseur, teamleider, gemeente_a):
    gemeente_a.letter_template.delete()
    dossier = DossierFactory(gemeente=gemeente_a, klantregisseur=klantregisseur, status=Status.BREDE_INTAKE)
    pip = PipFactory(dossier=dossier, ter_accordering=True, drafted_by=klantregisseur)
    PipAanbodFactory(pip=pip)
    pip_services.pip_letter_viewed(pip=pip, viewer=teamleider)  # the approver read the concept (issue 11, 5.8)
    with pytest.raises(LetterTemplateIncomplete):
        pip_services.pip_approve(pip=pip, approver=teamleider, bekendmaking=KONINGSDAG)
    assert Pip.objects.get(pk=pip.pk).status == PipStatus.TER_ACCORDERING
    assert not Document.objects.filter(dossier=dossier).exists()


def test_pip_preview_for_a_gemeente_without_contact_details_says_what_is_missing(kr_client, gemeente_a, klantregisseur):
    from django.urls import reverse

    gemeente_a.letter_template.delete()
    dossier = DossierFactory(gemeente=gemeente_a, klantregisseur=klantregisseur, status=Status.BREDE_INTAKE)
    pip = PipFactory(dossier=dossier, drafted_by=klantregisseur)

    response = kr_client.get(reverse("pip:preview", args=[dossier.pk, pip.versie]))

    assert response.status_code == 409
    html = response.content.decode()
    assert "Brief kan niet worden gemaakt" in html
    assert "telefoonnummer" in html and "e-mailadres" in html
