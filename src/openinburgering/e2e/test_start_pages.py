"""Journey 0: every role that does not start in the werkvoorraad logs in at the front door and lands on its
own start page, which passes the accessibility check (issue 11, 5.1)."""

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import Page, expect

from openinburgering.aanbod.factories import AanbiederFactory
from openinburgering.accounts.constants import Role
from openinburgering.accounts.factories import UserFactory
from openinburgering.dossiers.factories import DossierFactory
from openinburgering.e2e.conftest import PASSWORD, assert_accessible, login_with_totp
from openinburgering.gemeenten.factories import GemeenteFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

# role → the start page's heading
HEADINGS = {
    Role.FUNCTIONEEL_BEHEERDER: "Beheeroverzicht",
    Role.BELEIDSMEDEWERKER: "Cijfers",
    Role.CONTRACTMANAGER: "Contractmanagement",
    Role.AANBIEDER: "Taalschool De Brug",
    Role.DOCENT: "Mijn lessen vandaag",
}


def test_each_role_lands_on_its_start_page(page: Page, live_server, settings) -> None:
    settings.TWO_FACTOR_REQUIRED = True
    dordrecht = GemeenteFactory(naam="Dordrecht", code="0505")
    DossierFactory(gemeente=dordrecht)
    brug = AanbiederFactory(naam="Taalschool De Brug")
    for role, heading in HEADINGS.items():
        scope = {"aanbieder": brug} if role in (Role.AANBIEDER, Role.DOCENT) else {"gemeenten": [dordrecht]}
        user = UserFactory(username=f"u-{role}", password=PASSWORD, roles=[role], **scope)
        device = TOTPDevice.objects.create(user=user, name="default", confirmed=True)
        page.context.clear_cookies()
        login_with_totp(page, live_server.url, device, "/")
        expect(page.get_by_role("heading", level=1)).to_have_text(heading)
        expect(page.get_by_text("Geen toegang")).to_have_count(0)
        assert_accessible(page, f"0-start-{role}")
