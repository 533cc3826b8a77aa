"""The aanbiedersportaal's accounts (issue 13, parts 3 and 4): the school's coordinator adds a learner and gets a
start code on a printable slip; the learner logs in on a phone with that code and no authenticator app, chooses
their own password and lands on "Mijn lessen". Every page passes the accessibility check, the learner's on a
390×844 screen."""

import re

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import Page, expect

from openinburgering.aanbod.factories import AanbiederFactory
from openinburgering.accounts.constants import Role
from openinburgering.accounts.factories import UserFactory
from openinburgering.e2e.conftest import PASSWORD, assert_accessible, login_with_totp

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

OWN_PASSWORD = "Drie-Tulpen-Aan-Zee"


def test_the_coordinator_issues_a_learner_account_and_the_learner_logs_in_on_a_phone(
    page: Page, browser, live_server, settings
) -> None:
    settings.TWO_FACTOR_REQUIRED = True
    brug = AanbiederFactory(naam="Taalschool De Brug")
    coordinator = UserFactory(username="coord.brug", password=PASSWORD, roles=[Role.AANBIEDER], aanbieder=brug)
    device = TOTPDevice.objects.create(user=coordinator, name="default", confirmed=True)

    login_with_totp(page, live_server.url, device, "/")
    expect(page.get_by_role("heading", name="Accounts van docenten en leerlingen")).to_be_visible()
    page.get_by_role("link", name="Accounts beheren").click()
    assert_accessible(page, "13-portaal-accounts-leeg")
    page.get_by_role("link", name="Leerling toevoegen").click()
    assert_accessible(page, "13-portaal-leerling-toevoegen")
    page.get_by_label("Voornaam").fill("Amina")
    page.get_by_label("Achternaam").fill("Haddad")
    page.get_by_role("button", name="Account maken").click()
    expect(page.get_by_role("heading", name="Account gemaakt")).to_be_visible()
    assert_accessible(page, "13-portaal-startcode")
    username = page.locator("code.oi-slip__code").first.inner_text()
    code = page.get_by_test_id("startcode").inner_text()
    assert re.fullmatch(r"amina\d{4}", username)
    page.get_by_role("link", name="Terug naar de accounts").click()
    expect(page.get_by_role("cell", name=username)).to_be_visible()
    assert code not in page.content()

    phone = browser.new_context(viewport={"width": 390, "height": 844}, locale="nl-NL", is_mobile=True, has_touch=True)
    learner = phone.new_page()
    learner.set_default_timeout(10_000)
    learner.goto(f"{live_server.url}/")
    learner.get_by_label("Gebruikersnaam").fill(username)
    learner.get_by_label("Wachtwoord").fill(code)
    learner.get_by_role("button", name="Inloggen").click()
    expect(learner.get_by_role("heading", name="Kies uw eigen wachtwoord")).to_be_visible()
    assert_accessible(learner, "13-leerling-wachtwoord-kiezen")
    learner.get_by_label("Uw nieuwe wachtwoord").fill(OWN_PASSWORD)
    learner.get_by_label("Typ het nieuwe wachtwoord nog een keer").fill(OWN_PASSWORD)
    learner.get_by_role("button", name="Wachtwoord opslaan").click()
    expect(learner.get_by_role("heading", name="Mijn lessen")).to_be_visible()
    expect(learner.get_by_text("Er zijn nog geen lessen ingepland.")).to_be_visible()
    # Nothing sticks out of a phone's screen.
    assert learner.evaluate("document.documentElement.scrollWidth") <= 390
    assert_accessible(learner, "13-leerling-mijn-lessen")
    phone.close()

    # The coordinator adds a docent (a taken username is refused, naming the field), then sees both accounts.
    page.goto(f"{live_server.url}/portaal/accounts/docent/nieuw/")
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Voornaam").fill("Peter")
    page.get_by_label("Achternaam").fill("Bos")
    page.get_by_label("E-mailadres").fill("p.bos@debrug.example")
    page.get_by_role("button", name="Account maken").click()
    expect(page.get_by_role("alert")).to_contain_text("bestaat al")
    assert_accessible(page, "13-portaal-docent-fout")
    page.get_by_label("Gebruikersnaam").fill("p.bos")
    page.get_by_role("button", name="Account maken").click()
    expect(page.get_by_role("heading", name="Account gemaakt")).to_be_visible()
    page.get_by_role("link", name="Terug naar de accounts").click()
    expect(page.get_by_role("cell", name="p.bos")).to_be_visible()
    expect(page.get_by_role("cell", name="Actief")).to_be_visible()  # Amina chose her password
    assert_accessible(page, "13-portaal-accounts")
    # A new start code for the learner: shown once, the old password gone.
    page.get_by_role("button", name="Nieuwe startcode voor Amina Haddad").click()
    expect(page.get_by_role("heading", name="Nieuwe startcode")).to_be_visible()
    assert page.get_by_test_id("startcode").inner_text() != code
    page.goto(f"{live_server.url}/start/aanbieder/")
    panel = page.get_by_role("region", name="Accounts van docenten en leerlingen")
    expect(panel).to_contain_text("Docenten")
    assert_accessible(page, "13-aanbieder-start")
