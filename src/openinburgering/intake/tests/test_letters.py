"""The summons letter: stored with the summons, says when, where, with which interpreter, and what a no-show costs."""

import io
from datetime import date, datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from pypdf import PdfReader

from openinburgering.core.tests.clock import travel_to
from openinburgering.dossiers.factories import DossierFactory
from openinburgering.dossiers.models import DossierEvent
from openinburgering.intake import letters, services
from openinburgering.intake.factories import OproepFactory
from openinburgering.intake.models import BredeIntake, Oproep
from openinburgering.letters.factories import LetterTemplateFactory
from openinburgering.letters.models import Document
from openinburgering.rules.intake import BOETE_BREDE_INTAKE, WAARSCHUWING_OPROEP, OproepUitkomst
from openinburgering.rules.termijnen import BREDE_INTAKE_OPROEPEN

pytestmark = pytest.mark.django_db

SENT = date(2024, 4, 2)
AFSPRAAK = datetime(2024, 4, 11, 10, 0)


def pdf_text(content: bytes) -> str:
    reader = PdfReader(io.BytesIO(content))
    text = "\n".join(page.extract_text() for page in reader.pages)
    return " ".join(text.split())  # words wrapped over lines become one line


@pytest.fixture
def dossier(gemeente_a):
    LetterTemplateFactory(gemeente=gemeente_a)
    return DossierFactory(gemeente=gemeente_a)


def send(dossier, actor, *, verzonden_op=SENT, afspraak=AFSPRAAK, **kwargs) -> Oproep:
    return services.oproep_send(
        dossier=dossier,
        actor=actor,
        verzonden_op=verzonden_op,
        afspraak_op=timezone.make_aware(afspraak) if afspraak else None,
        **kwargs,
    )


def test_sending_a_summons_stores_the_letter(dossier, klantregisseur):
    oproep = send(dossier, klantregisseur, locatie="Stadskantoor, Spuiboulevard 300, Dordrecht", tolk_taal="Tigrinya")

    oproep.refresh_from_db()
    document = oproep.brief
    assert document.kind == Document.Kind.OPROEP_BREDE_INTAKE
    assert document.dossier == dossier and document.created_by == klantregisseur
    assert document.filename == f"Oproep 1 brede intake {dossier.kenmerk}.pdf"
    text = pdf_text(bytes(document.content))
    assert dossier.inburgeraar.naam in text
    assert "Uitnodiging brede intake" in text
    assert "donderdag 11 april 2024 om 10:00 uur" in text
    assert "Stadskantoor, Spuiboulevard 300, Dordrecht" in text
    assert "De tolk spreekt Tigrinya" in text
    assert "opleiding, uw werk, uw gezondheid, uw gezin en uw plannen" in text
    assert "alleen voeren" in text
    assert "Kunt u niet komen? Bel ons dan zo snel mogelijk" in text
    assert "schriftelijke waarschuwing en een nieuwe uitnodiging" in text
    assert f"€{BOETE_BREDE_INTAKE.value}" not in text  # the first summons: a warning comes before any boete
    assert "bezwaar" not in text.lower()  # a summons is not a beschikking


def test_without_an_appointment_the_letter_asks_to_call_before_the_last_day(dossier, klantregisseur):
    oproep = send(dossier, klantregisseur, afspraak=None)
    text = pdf_text(bytes(oproep.brief.content))
    assert f"Neem uiterlijk op {oproep.uiterste_datum.day} april 2024 contact met ons op" in text
    assert "Heeft u een tolk nodig?" in text


def test_the_warning_summons_names_the_boete_from_the_rule(dossier, klantregisseur):
    first = send(dossier, klantregisseur)
    services.oproep_record_uitkomst(
        oproep=first, actor=klantregisseur, uitkomst=OproepUitkomst.NIET_VERSCHENEN, uitkomst_op=first.uiterste_datum
    )
    second = send(dossier, klantregisseur, verzonden_op=first.uiterste_datum, afspraak=AFSPRAAK + timedelta(days=14))

    assert second.volgnummer == WAARSCHUWING_OPROEP.value and second.is_waarschuwing
    text = pdf_text(bytes(second.brief.content))
    assert "Tweede uitnodiging brede intake — waarschuwing" in text
    assert "Dit is een schriftelijke waarschuwing" in text
    assert "U bent niet gekomen op de afspraak van 11 april 2024" in text
    assert f"een boete geven van €{BOETE_BREDE_INTAKE.value}" in text
    assert "artikel 22" in text
    assert Document.objects.filter(dossier=dossier, kind=Document.Kind.OPROEP_BREDE_INTAKE).count() == 2


@travel_to(date(2027, 3, 21))
def test_rescheduling_stores_a_second_letter_for_the_new_appointment(dossier, klantregisseur):
    """A week from 21 March 2027 is 28 March, the night summer time starts: 14:30 stays 14:30 in the letter."""
    oproep = send(dossier, klantregisseur, afspraak=None)
    first_letter = oproep.brief
    nieuw = timezone.make_aware(datetime(2027, 3, 28, 14, 30))
    services.oproep_reschedule(oproep=oproep, actor=klantregisseur, afspraak_op=nieuw, locatie="Wijkcentrum Crabbehof")

    oproep.refresh_from_db()
    assert oproep.brief != first_letter
    assert Document.objects.filter(pk=first_letter.pk).exists()  # the earlier letter stays as it was sent
    text = pdf_text(bytes(oproep.brief.content))
    assert "Nieuwe afspraak voor uw brede intake" in text
    assert f"{date_format(nieuw, 'j F Y')} om 14:30 uur" in text
    assert "28 maart 2027 om 14:30 uur" in text
    assert "Wijkcentrum Crabbehof" in text
    assert oproep.brief.filename.endswith(f"afspraak {nieuw.date().isoformat()}.pdf")


def broken(**kwargs):
    raise RuntimeError("WeasyPrint failed")


def test_a_failing_letter_leaves_nothing_behind(dossier, klantregisseur, monkeypatch):
    monkeypatch.setattr(letters, "render_pdf", broken)
    before = (
        Oproep.objects.count(),
        Document.objects.count(),
        BredeIntake.objects.count(),
        DossierEvent.objects.count(),
    )
    with pytest.raises(RuntimeError):
        send(dossier, klantregisseur)
    after = (
        Oproep.objects.count(),
        Document.objects.count(),
        BredeIntake.objects.count(),
        DossierEvent.objects.count(),
    )
    assert after == before


def test_a_failing_letter_leaves_the_appointment_unmoved(dossier, klantregisseur, monkeypatch):
    oproep = send(dossier, klantregisseur, afspraak=None)
    monkeypatch.setattr(letters, "render_pdf", broken)
    with pytest.raises(RuntimeError):
        services.oproep_reschedule(oproep=oproep, actor=klantregisseur, afspraak_op=timezone.now() + timedelta(days=3))
    oproep.refresh_from_db()
    assert oproep.afspraak_op is None
    assert Document.objects.filter(dossier=dossier).count() == 1


def test_the_intake_page_links_the_letter(kr_client, dossier, klantregisseur):
    oproep = send(dossier, klantregisseur)
    html = kr_client.get(reverse("intake:detail", args=[dossier.pk])).content.decode()
    assert reverse("letters:document_download", args=[oproep.brief.uuid]) in html
    assert "Brief (PDF)" in html
    response = kr_client.get(reverse("letters:document_download", args=[oproep.brief.uuid]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"


def test_the_last_summons_says_it_is_the_last(dossier):
    oproep = OproepFactory(dossier=dossier, volgnummer=BREDE_INTAKE_OPROEPEN.value, afspraak_op=None)
    text = pdf_text(letters.oproep_brief_render(oproep))
    assert "Derde en laatste uitnodiging brede intake" in text
    assert f"een boete geven van €{BOETE_BREDE_INTAKE.value}" in text
    assert "Dan doen wij de brede intake zonder u" in text
