"""The letters: the beschikking says what is paid to whom and until when, the change states its ground and
reason, the monthly overview accounts for every euro of the benefit."""

import io
from datetime import date
from decimal import Decimal

import pytest
from pypdf import PdfReader

from openinburgering.betalingen import maandoverzicht as maandoverzicht_letter
from openinburgering.betalingen.constants import AfrekeningStatus, RegelSoort, Uitsluitingsreden
from openinburgering.betalingen.models import Afrekening, Betaalregel
from openinburgering.core.exceptions import DomainError
from openinburgering.dossiers.models import DossierEvent
from openinburgering.letters.bezwaar import bezwaar_last_day
from openinburgering.letters.models import Document
from openinburgering.ontzorgen import letters, services
from openinburgering.ontzorgen.constants import (
    KenmerkSoort,
    VasteLastSoortChoices,
    VerlengingsGrondChoices,
    WijzigingSoort,
)
from openinburgering.ontzorgen.factories import BETALINGSKENMERK, IBAN_CREDITEUR_2, IBAN_INBURGERAAR
from openinburgering.ontzorgen.templatetags.ontzorgen_format import betalingskenmerk

pytestmark = pytest.mark.django_db

START = date(2025, 8, 31)


def pdf_text(content: bytes) -> str:
    reader = PdfReader(io.BytesIO(content))
    text = "\n".join(page.extract_text() for page in reader.pages)
    return " ".join(text.split())


def pages(content: bytes) -> int:
    return len(PdfReader(io.BytesIO(content)).pages)


@pytest.fixture
def ontzorging(dossier, fm):
    return services.ontzorging_create(
        dossier=dossier,
        actor=fm,
        startdatum=START,
        asielvergunning_bepaalde_tijd=True,
        besluitdatum=date(2025, 9, 5),
        iban=IBAN_INBURGERAAR,
    )


@pytest.fixture
def huur(ontzorging, fm):
    return services.vaste_last_add(
        ontzorging=ontzorging,
        actor=fm,
        soort=VasteLastSoortChoices.HUUR,
        van_maand=date(2025, 9, 1),
        tot_en_met_maand=None,
        crediteur="Woningstichting De Linie",
        iban="NL02ABNA0123456789",
        bic="",
        kenmerk_soort=KenmerkSoort.GESTRUCTUREERD,
        kenmerk=BETALINGSKENMERK,
        bedrag=Decimal("650.00"),
    )


def test_the_beschikking_names_the_period_the_law_and_the_bezwaar_term(ontzorging, dossier):
    document = Document.objects.get(kind=Document.Kind.ONTZORGEN_BESCHIKKING)
    text = pdf_text(bytes(document.content))
    assert dossier.inburgeraar.naam in text
    assert "Besluit financieel ontzorgen" in text
    assert "31 augustus 2025 tot en met 28 februari 2026" in text
    assert "6 maanden" in text and "artikel 56a lid 2 van de Participatiewet" in text
    assert "huur, gas, elektriciteit, water en zorgverzekering" in text
    assert "machtiging" in text
    assert "Wat gebeurt er na 28 februari 2026?" in text
    assert "NL91 ABNA 0417 1643 00" in text  # where the leefgeld goes
    assert f"uiterlijk op {bezwaar_last_day(date(2025, 9, 5)):%-d}" in text
    assert letters.ontzorging_kenmerk(ontzorging) in text
    assert document.filename == f"Beschikking ontzorgen {letters.ontzorging_kenmerk(ontzorging)}.pdf"
    assert pages(bytes(document.content)) <= 2


def test_the_change_letter_states_ground_and_reason(ontzorging, huur, fm):
    wijziging = services.ontzorging_change(
        ontzorging=ontzorging,
        actor=fm,
        soort=WijzigingSoort.VERLENGING,
        grond=VerlengingsGrondChoices.PW57_BESLUIT,
        reden="Er is een huurachterstand ontstaan; budgetcoaching loopt nog.",
        besluitdatum=date(2026, 2, 10),
        nieuwe_einddatum=date(2026, 5, 31),
    )
    text = pdf_text(bytes(wijziging.document.content))
    assert "Besluit verlenging financieel ontzorgen" in text
    assert "Eerst was de laatste dag 28 februari 2026. Nu is de laatste dag 31 mei 2026." in text
    assert "artikel 57" in text
    assert "huurachterstand" in text
    assert "Woningstichting De Linie" in text  # what is paid
    assert "bezwaar" in text


def test_the_end_letter_tells_the_person_to_pay_himself(ontzorging, fm):
    wijziging = services.ontzorging_change(
        ontzorging=ontzorging,
        actor=fm,
        soort=WijzigingSoort.BEEINDIGING,
        grond="",
        reden="U betaalt uw vaste lasten vanaf januari zelf.",
        besluitdatum=date(2025, 12, 1),
        nieuwe_einddatum=date(2025, 12, 31),
    )
    text = pdf_text(bytes(wijziging.document.content))
    assert "De laatste dag is nu 31 december 2025" in text
    assert "betaalt u uw vaste lasten zelf" in text


@pytest.fixture
def afrekening(ontzorging, huur, put_in_run):
    regel = put_in_run(huur, date(2025, 10, 1))
    afrekening = regel.afrekening
    Betaalregel.objects.create(
        betaalrun=afrekening.betaalrun,
        afrekening=afrekening,
        gemeente=afrekening.gemeente,
        soort=RegelSoort.LEEFGELD,
        maand=afrekening.maand,
        end_to_end_id=f"OZ-L-{afrekening.pk}",
        bedrag=afrekening.leefgeld,
        crediteur="A. Haddad",
        iban=IBAN_INBURGERAAR,
    )
    return afrekening


def test_the_monthly_overview_accounts_for_the_benefit(afrekening, fm):
    document = maandoverzicht_letter.maandoverzicht_store(afrekening=afrekening, actor=fm)

    assert document.kind == Document.Kind.ONTZORGEN_MAANDOVERZICHT
    text = pdf_text(bytes(document.content))
    assert "Uw bijstand en vaste lasten in oktober 2025" in text
    assert "€ 1.200,00" in text  # the benefit
    assert "Woningstichting De Linie" in text and "Huur" in text
    assert betalingskenmerk(BETALINGSKENMERK) in text and "€ 650,00" in text
    assert "€ 550,00" in text  # the leefgeld
    assert "NL91 ABNA 0417 1643 00" in text and "A. Haddad" in text
    assert "geen besluit" in text
    assert DossierEvent.objects.filter(action="ontzorgen_maandoverzicht").exists()
    assert pages(bytes(document.content)) <= 2


def test_the_overview_when_the_leefgeld_is_paid_by_the_benefits_system(afrekening, fm):
    afrekening.gemeente.leefgeld_in_betaalrun = False
    afrekening.gemeente.save()
    Betaalregel.objects.filter(afrekening=afrekening, soort=RegelSoort.LEEFGELD).delete()
    afrekening.refresh_from_db()
    text = pdf_text(maandoverzicht_letter.maandoverzicht_render(afrekening=afrekening))
    assert "samen met de betaling van uw bijstand" in text


def test_an_excluded_settlement_has_no_overview(ontzorging, huur, put_in_run, fm):
    afrekening = put_in_run(huur, date(2025, 10, 1)).afrekening
    excluded = Afrekening(
        betaalrun=afrekening.betaalrun,
        ontzorging=ontzorging,
        dossier=ontzorging.dossier,
        gemeente=ontzorging.dossier.gemeente,
        maand=afrekening.maand,
        status=AfrekeningStatus.UITGESLOTEN,
        reden=Uitsluitingsreden.GEEN_UITKERING,
        inhoudingen=Decimal(0),
    )
    with pytest.raises(DomainError):
        maandoverzicht_letter.maandoverzicht_store(afrekening=excluded, actor=fm)


def test_the_letters_list_what_is_paid_after_a_change(ontzorging, huur, fm):
    services.vaste_last_change(
        vaste_last=huur,
        actor=fm,
        van_maand=date(2025, 11, 1),
        tot_en_met_maand=None,
        crediteur="Woonbron",
        iban=IBAN_CREDITEUR_2,
        bic="",
        kenmerk_soort=KenmerkSoort.VRIJ,
        kenmerk="Huurcontract 2025-0815",
        bedrag=Decimal("675.00"),
    )
    text = pdf_text(letters.beschikking_render(ontzorging))
    assert "Woonbron" in text and "€ 675,00" in text


def test_an_incomplete_letter_template_skips_its_gemeente_with_a_task_and_a_rerun_makes_the_overview(afrekening, fm):
    from openinburgering.letters.factories import LetterTemplateFactory
    from openinburgering.taken.constants import TaakSoort
    from openinburgering.taken.models import Taak

    template = afrekening.gemeente.letter_template
    template.telefoon = ""
    template.save()

    made = maandoverzicht_letter.maandoverzichten_create(run_id=afrekening.betaalrun_id, actor=fm)

    assert made == 0
    assert not Document.objects.filter(kind=Document.Kind.ONTZORGEN_MAANDOVERZICHT).exists()
    taak = Taak.objects.get(soort=TaakSoort.BRIEFSJABLOON_ONVOLLEDIG)
    assert taak.gemeente_id == afrekening.gemeente_id and taak.rol == "functioneel_beheerder"
    assert "zonder maandoverzicht: 1." in taak.toelichting
    # Asking again does not raise a second task for the same run and gemeente.
    maandoverzicht_letter.maandoverzichten_create(run_id=afrekening.betaalrun_id, actor=fm)
    assert Taak.objects.filter(soort=TaakSoort.BRIEFSJABLOON_ONVOLLEDIG).count() == 1

    LetterTemplateFactory(gemeente=afrekening.gemeente)  # completed by the beheerder
    assert maandoverzicht_letter.maandoverzichten_create(run_id=afrekening.betaalrun_id, actor=fm) == 1
    assert Document.objects.filter(kind=Document.Kind.ONTZORGEN_MAANDOVERZICHT, dossier=afrekening.dossier).exists()
