"""JOURNEYS 1.2 in a real browser, with the DUO simulator on its own port: DUO announces a new
asielstatushouder in Dordrecht overnight; in the morning the klantregisseur finds the dossier holding what
DUO and the BRP know, with the PIP deadline running; the functioneel beheerder sees the notificatie and an
unknown gebeurtenis on the beheer page. Accessible (axe)."""

import re

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import Page, expect

from openinburgering.accounts.constants import Role
from openinburgering.accounts.factories import UserFactory
from openinburgering.brp.client import brp_persoon
from openinburgering.duo.clients import DuoClientConfig
from openinburgering.duo.verwerking import notificaties_process
from openinburgering.duosim import Simulator, serve_in_thread
from openinburgering.e2e.conftest import PASSWORD, assert_accessible, login_with_totp
from openinburgering.gemeenten.factories import GemeenteFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

DUO = "00000001003214345000"
DORDRECHT = "00000001002306608000"


def test_a_newcomer_announced_by_duo_is_waiting_in_the_morning(page: Page, live_server, settings) -> None:
    settings.TWO_FACTOR_REQUIRED = True
    settings.DUO_OIN = DUO
    settings.DUO_EIGEN_OINS = [DORDRECHT]
    dordrecht = GemeenteFactory(naam="Dordrecht", code="0505", oin=DORDRECHT)
    fatima = UserFactory(
        username="fatima", first_name="Fatima", password=PASSWORD, roles=[Role.KLANTREGISSEUR], gemeenten=[dordrecht]
    )
    jeroen = UserFactory(
        username="jeroen", password=PASSWORD, roles=[Role.FUNCTIONEEL_BEHEERDER], gemeenten=[dordrecht]
    )
    sim = Simulator(duo_oin=DUO, product_url=f"{live_server.url}/duo/notificaties")
    sim.state.gemeente_toevoegen(DORDRECHT, "0505", "Dordrecht")
    with serve_in_thread(sim) as running:
        settings.BRP_BASE_URL = f"{running.url}/haalcentraal/api/brp"
        nieuw = sim.nieuwe_inburgeringsplichtige(gemeente_oin=DORDRECHT, asiel=True)
        sim.notificeer(nieuw.bsn, "SS777", gemeente_oin=DORDRECHT)  # a code DUO added after our release
        assert [n.status for n in sim.verzonden()] == [201, 201]
        # The worker's run (db_worker in production; here in the test's thread, over real HTTP).
        notificaties_process(
            config=DuoClientConfig(base_url=running.url, bron_oin=DORDRECHT, doel_oin=DUO), brp=brp_persoon
        )
    persoon = sim.state.persoon(nieuw.bsn)

    login_with_totp(page, live_server.url, TOTPDevice.objects.create(user=fatima, name="default", confirmed=True))
    page.get_by_role("link", name="1 nieuwe aanmelding heeft nog geen klantregisseur").click()
    expect(page.get_by_label("Klantregisseur")).to_have_value("geen")
    page.get_by_label("Zoek op naam, BSN, V-nummer of kenmerk").fill(nieuw.bsn)
    page.get_by_role("button", name="Zoeken").click()
    link = page.get_by_role("link", name=re.compile(persoon.brp.geslachtsnaam)).first
    page.goto(f"{live_server.url}{link.get_attribute('href')}")
    expect(page.get_by_role("heading", level=1)).to_contain_text(persoon.brp.geslachtsnaam)
    expect(page.locator("#duo-title").locator("..")).to_contain_text("Laatst opgehaald")
    expect(page.locator("#termijnen")).to_contain_text("PIP vaststellen")
    expect(page.locator("#timeline")).to_contain_text("Aangemeld door DUO")
    assert_accessible(page, screenshot="duo-dossier")

    page.context.clear_cookies()
    device = TOTPDevice.objects.create(user=jeroen, name="default", confirmed=True)
    login_with_totp(page, live_server.url, device, "/beheer/duo/notificaties/")
    tabel = page.locator("table")
    expect(tabel).to_contain_text("SS139")
    expect(tabel).to_contain_text("dossier geopend in Dordrecht")
    expect(tabel).to_contain_text("SS777")
    expect(tabel).to_contain_text("onbekende gebeurtenis")
    assert_accessible(page, screenshot="duo-notificaties")
