"""Journey 1 (foundation part): Fatima logs in with her authenticator code, lands on her
werkvoorraad, finds an inburgeraar, opens the dossier, registers a new inburgeraar; she never
sees a dossier of a gemeente outside her scope."""

import re
from datetime import date

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import Page, expect

from openinburgering.accounts.constants import Role
from openinburgering.accounts.factories import UserFactory
from openinburgering.dossiers.factories import DossierFactory, InburgeraarFactory
from openinburgering.dossiers.models import Dossier
from openinburgering.e2e.conftest import PASSWORD, assert_accessible, login_with_totp
from openinburgering.gemeenten.factories import GemeenteFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_klantregisseur_day_start(page: Page, live_server, settings) -> None:
    settings.TWO_FACTOR_REQUIRED = True
    dordrecht = GemeenteFactory(naam="Dordrecht", code="0505")
    elders = GemeenteFactory(naam="Sliedrecht", code="0610", uitvoeringsorganisatie=dordrecht.uitvoeringsorganisatie)
    fatima = UserFactory(
        username="fatima",
        first_name="Fatima",
        last_name="El Amrani",
        password=PASSWORD,
        roles=[Role.KLANTREGISSEUR],
        gemeenten=[dordrecht],
    )
    device = TOTPDevice.objects.create(user=fatima, name="default", confirmed=True)
    mine = DossierFactory(
        gemeente=dordrecht,
        klantregisseur=fatima,
        inburgeraar=InburgeraarFactory(voornamen="Aylin", geslachtsnaam="Öztürk"),
    )
    hidden = DossierFactory(
        gemeente=elders, inburgeraar=InburgeraarFactory(voornamen="Verborgen", geslachtsnaam="Persoon")
    )

    login_with_totp(page, live_server.url, device)

    # Werkvoorraad: her own dossier, nothing of Sliedrecht.
    expect(page.get_by_role("heading", level=1)).to_have_text("Werkvoorraad")
    expect(page.get_by_role("link", name=re.compile("Öztürk"))).to_be_visible()
    expect(page.get_by_text("Verborgen")).to_have_count(0)
    assert_accessible(page)

    # Search without accents, updated by htmx without a full reload.
    page.get_by_label("Klantregisseur").select_option("")
    page.get_by_label(re.compile("Zoek op naam")).fill("ozturk")
    expect(page).to_have_url(re.compile(r"q=ozturk"))
    expect(page.get_by_role("link", name=re.compile("Öztürk"))).to_be_visible()
    page.get_by_label(re.compile("Zoek op naam")).fill(hidden.inburgeraar.bsn)
    expect(page.get_by_text("Geen dossiers gevonden")).to_be_visible()

    # The dossier of another gemeente does not exist for her.
    response = page.goto(f"{live_server.url}/dossiers/{hidden.pk}/")
    assert response is not None and response.status == 404

    # Open her dossier; the timeline shows its history.
    page.goto(f"{live_server.url}/dossiers/{mine.pk}/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Aylin Öztürk")
    expect(page.get_by_role("heading", name="Tijdlijn")).to_be_visible()
    assert_accessible(page)

    # Move it to the brede intake: the status and the timeline update in place.
    page.get_by_label("Nieuwe status").select_option("brede_intake")
    page.get_by_role("button", name="Status wijzigen").click()
    expect(page.locator("#status")).to_contain_text("Brede intake")
    expect(page.locator("#timeline")).to_contain_text("Status gewijzigd naar Brede intake")

    # Register a new inburgeraar; first with a wrong BSN, which is refused naming the field.
    page.goto(f"{live_server.url}/dossiers/aanmelden/")
    page.get_by_label("BSN").fill("123456789")
    page.get_by_label("Voornamen").fill("Yonas")
    page.get_by_label("Geslachtsnaam").fill("Tesfaye")
    page.get_by_label("Geboortedatum").fill("1994-03-02")
    page.get_by_label("Doelgroep", exact=True).select_option("Asielstatushouder")
    page.get_by_label("Begindatum inburgeringsplicht").fill("2026-09-01")
    page.get_by_role("button", name="Aanmelden").click()
    summary = page.locator("#error-summary")
    expect(summary).to_contain_text("BSN")
    expect(summary).to_contain_text("elfproef")
    assert_accessible(page)
    assert not Dossier.objects.filter(inburgeraar__geslachtsnaam="Tesfaye").exists()

    page.get_by_label("BSN").fill("999990019")
    page.get_by_role("button", name="Aanmelden").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Yonas Tesfaye")
    expect(page.locator("#timeline")).to_contain_text("Inburgeraar aangemeld in Dordrecht")
    created = Dossier.objects.get(inburgeraar__bsn="999990019")
    assert created.gemeente == dordrecht and created.klantregisseur == fatima
    assert created.plicht_begindatum == date(2026, 9, 1)
