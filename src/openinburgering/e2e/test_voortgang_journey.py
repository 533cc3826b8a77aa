"""The voortgang page in a real browser: a klantregisseur records the MAP date; DUO's rule refuses a future
PVT date in plain Dutch. Accessible (axe); with E2E_SCREENSHOTS=<folder>, a screenshot of the page."""

from datetime import date, timedelta

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import Page, expect

from openinburgering.accounts.constants import Role
from openinburgering.accounts.factories import UserFactory
from openinburgering.core.tests.clock import travel_to
from openinburgering.dossiers.constants import Status
from openinburgering.dossiers.factories import DossierFactory, InburgeraarFactory
from openinburgering.duo.models import DuoBericht
from openinburgering.e2e.conftest import PASSWORD, assert_accessible, login_with_totp
from openinburgering.gemeenten.factories import GemeenteFactory
from openinburgering.pip.factories import PipFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

NEW_YEARS_DAY = date(2028, 1, 1)


# New Year's Day: two days ahead is in the future, yesterday was last year.
@travel_to(NEW_YEARS_DAY, tick=True)
def test_record_the_map_date(page: Page, live_server, settings) -> None:
    settings.TWO_FACTOR_REQUIRED = True
    dordrecht = GemeenteFactory(naam="Dordrecht", code="0505")
    user = UserFactory(
        username="fatima", first_name="Fatima", password=PASSWORD, roles=[Role.KLANTREGISSEUR], gemeenten=[dordrecht]
    )
    device = TOTPDevice.objects.create(user=user, name="default", confirmed=True)
    dossier = DossierFactory(
        gemeente=dordrecht,
        klantregisseur=user,
        status=Status.UITVOERING,
        inburgeraar=InburgeraarFactory(voornamen="Amira", geslachtsnaam="Haddad"),
    )
    PipFactory(dossier=dossier, vastgesteld=True)
    today = NEW_YEARS_DAY

    login_with_totp(page, live_server.url, device, f"/dossiers/{dossier.pk}/")
    page.get_by_role("link", name="Voortgang").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Voortgang")
    page.get_by_label("Datum ondertekening PVT").fill((today + timedelta(days=2)).isoformat())
    page.get_by_role("button", name="Opslaan en aan DUO doorgeven").click()
    expect(page.locator("#error-summary")).to_contain_text("mag niet in de toekomst liggen")
    assert not DuoBericht.objects.exists()

    page.get_by_label("Datum ondertekening PVT").fill("")
    page.get_by_label("Datum eindgesprek MAP").fill((today - timedelta(days=1)).isoformat())
    page.get_by_role("button", name="Opslaan en aan DUO doorgeven").click()
    expect(page.locator("#berichten-title + table")).to_contain_text("Datum eindgesprek MAP")
    assert_accessible(page, screenshot="voortgang")
    assert DuoBericht.objects.get().operatie == "put_map"
