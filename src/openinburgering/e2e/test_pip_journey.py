"""Journeys 1.4 and 2.2 in a real browser: Fatima drafts a PIP (the form follows the leerroute she
picks, A2 on a first PIP is refused in plain Dutch) and offers it; Kees signs it off from his queue.

Set PIP_SCREENSHOTS to a directory to keep a screenshot of each page.
"""

from datetime import date, timedelta

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import Page, expect

from openinburgering.aanbod.factories import AanbiederFactory
from openinburgering.accounts.constants import Role
from openinburgering.accounts.factories import UserFactory
from openinburgering.core.tests.clock import travel_to
from openinburgering.dossiers.constants import Status
from openinburgering.dossiers.factories import DossierFactory, InburgeraarFactory
from openinburgering.e2e.conftest import PASSWORD, assert_accessible, login_with_totp
from openinburgering.gemeenten.factories import GemeenteFactory
from openinburgering.pip.models import PipStatus

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

KONINGSDAG = date(2027, 4, 27)


def _user(username: str, role: str, gemeente: object, first_name: str) -> TOTPDevice:
    user = UserFactory(username=username, first_name=first_name, password=PASSWORD, roles=[role], gemeenten=[gemeente])
    return TOTPDevice.objects.create(user=user, name="default", confirmed=True)


# Koningsdag, a public holiday: the PIP is drafted, offered and signed off that day.
@travel_to(KONINGSDAG, tick=True)
def test_draft_offer_and_sign_off(page: Page, live_server, settings, browser) -> None:
    settings.TWO_FACTOR_REQUIRED = True
    dordrecht = GemeenteFactory(naam="Dordrecht", code="0505")
    fatima = _user("fatima", Role.KLANTREGISSEUR, dordrecht, "Fatima")
    kees = _user("kees", Role.TEAMLEIDER, dordrecht, "Kees")
    dossier = DossierFactory(
        gemeente=dordrecht,
        klantregisseur=fatima.user,
        status=Status.BREDE_INTAKE,
        inburgeraar=InburgeraarFactory(voornamen="Amira", geslachtsnaam="Haddad"),
    )
    AanbiederFactory(naam="Taalschool De Brug")
    pip_url = f"/dossiers/{dossier.pk}/pip/"

    login_with_totp(page, live_server.url, fatima, pip_url)
    page.get_by_role("button", name="PIP opstellen").click()
    expect(page.locator("#pip-form")).to_be_visible()

    # The form follows the route: the B1-route has a MAP, the onderwijsroute none.
    map_field = page.get_by_label("Invulling en intensiteit MAP")
    page.get_by_role("radio", name="B1-route").check()
    expect(map_field).to_be_visible()
    page.get_by_role("radio", name="Onderwijsroute").check()
    expect(map_field).to_have_count(0)
    page.get_by_role("radio", name="B1-route").check()
    expect(map_field).to_be_visible()

    page.get_by_label("Niveau").select_option("A2")
    page.get_by_label("Invulling en intensiteit MAP").fill("Acht bijeenkomsten over werk in Nederland.")
    page.get_by_label("Intensiteit PVT (uren)").fill("16")
    page.get_by_label("Maatschappelijke begeleiding").fill("VluchtelingenWerk, het eerste jaar.")
    page.get_by_label("Begeleiding en ondersteuning").fill("Elke maand een gesprek met de klantregisseur.")
    page.get_by_label("Aantal voortgangsgesprekken").fill("4")
    page.get_by_label("Motivering van het besluit").fill("De leerbaarheidstoets zegt: B1-route haalbaar.")
    page.get_by_label("Overweging onderwijsroute").fill("Geen wens om een opleiding te volgen.")
    page.get_by_label("Overweging Z-route").fill("Niet nodig: B1 is haalbaar.")
    page.get_by_role("button", name="Opslaan en ter accordering aanbieden").click()

    summary = page.locator("#error-summary")
    expect(summary).to_contain_text("Niveau A2 op de B1-route kan niet in de eerste PIP")
    assert_accessible(page, "1-concept-met-fout")

    page.get_by_label("Niveau").select_option("")
    today = KONINGSDAG
    page.get_by_text("Inburgeringsaanbod toevoegen of wijzigen").click()
    page.get_by_label("Instelling").select_option(label="Taalschool De Brug (keurmerk Blik op Werk)")
    page.get_by_label("Datum inburgeringsaanbod").fill((today + timedelta(days=7)).isoformat())
    page.get_by_label("Verwachte startdatum opleiding").fill((today + timedelta(days=21)).isoformat())
    page.get_by_role("button", name="Aanbod opslaan").click()
    expect(page.locator("#aanbod")).to_contain_text("Taalschool De Brug")
    page.get_by_role("button", name="Opslaan en ter accordering aanbieden").click()
    expect(page.get_by_text("U kunt uw eigen PIP niet accorderen")).to_be_visible()
    assert_accessible(page, "2-ter-accordering-opsteller")

    # Kees, in a browser of his own, opens it from the queue: the approval page shows the plan and the
    # concept letter (its frame loads the PDF, which the server records); only then does he sign it off.
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="nl-NL")
    kees_page = context.new_page()
    login_with_totp(kees_page, live_server.url, kees, "/pip/ter-accordering/")
    expect(kees_page.get_by_role("heading", level=1)).to_have_text("PIP's ter accordering")
    assert_accessible(kees_page, "3-wachtrij")
    expect(kees_page.get_by_role("button", name="Accorderen: Amira Haddad")).to_have_count(0)
    with kees_page.expect_response(lambda r: "voorbeeld.pdf" in r.url and r.status == 200):
        kees_page.get_by_role("link", name="Beoordelen: Amira Haddad").click()
    expect(kees_page.get_by_role("heading", level=1)).to_contain_text("PIP versie 1 accorderen")
    expect(kees_page.get_by_role("heading", name="Conceptbeschikking")).to_be_visible()
    assert_accessible(kees_page, "3b-beoordelen")
    kees_page.get_by_role("button", name="Accorderen en beschikking vaststellen").click()
    expect(kees_page.get_by_text("Er staan geen PIP's ter accordering.")).to_be_visible()
    kees_page.goto(f"{live_server.url}{pip_url}")
    expect(kees_page.get_by_role("link", name="Beschikking downloaden (PDF)")).to_be_visible()
    assert_accessible(kees_page, "4-vastgesteld")
    context.close()

    pip = dossier.pips.get()
    assert (pip.status, pip.approved_by_id, pip.drafted_by_id) == (PipStatus.VASTGESTELD, kees.user_id, fatima.user_id)
    dossier.refresh_from_db()
    assert dossier.status == Status.UITVOERING
