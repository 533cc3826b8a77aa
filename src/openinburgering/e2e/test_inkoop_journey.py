"""Journey 4.1 in a real browser: Sanne, contractmanager, records a contract with a language school: a zero
tariff is refused with the field named and nothing stored; then the contract stands, with its perceel.

Set E2E_SCREENSHOTS to a directory to keep a screenshot of each page.
"""

from datetime import date
from decimal import Decimal

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import Page, expect

from openinburgering.aanbod.factories import AanbiederFactory
from openinburgering.accounts.constants import Role
from openinburgering.accounts.factories import UserFactory
from openinburgering.core.tests.clock import travel_to
from openinburgering.e2e.conftest import PASSWORD, assert_accessible, login_with_totp
from openinburgering.gemeenten.factories import GemeenteFactory
from openinburgering.inkoop.models import Contract, Perceel

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@travel_to(date(2026, 3, 16), tick=True)
def test_the_contractmanager_creates_a_contract(page: Page, live_server, settings) -> None:
    settings.TWO_FACTOR_REQUIRED = True
    dordrecht = GemeenteFactory(naam="Dordrecht", code="0505")
    GemeenteFactory(naam="Zwijndrecht", code="0642", uitvoeringsorganisatie=dordrecht.uitvoeringsorganisatie)
    AanbiederFactory(naam="Taalschool De Brug", bow_keurmerk_geldig_tot=date(2026, 5, 31))
    user = UserFactory(username="sanne", password=PASSWORD, roles=[Role.CONTRACTMANAGER], gemeenten=[dordrecht])
    sanne = TOTPDevice.objects.create(user=user, name="default", confirmed=True)

    login_with_totp(page, live_server.url, sanne, "/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Contractmanagement")
    expect(page.locator("main")).to_contain_text("Verloopt binnenkort (geldig tot en met 31 mei 2026)")
    assert_accessible(page, "4-start-contractmanager")

    page.get_by_role("link", name="Nieuw contract").click()
    page.get_by_label("Aanbieder").select_option(label="Taalschool De Brug")
    page.get_by_label("Contractnummer").fill("INK-2026-014")
    page.get_by_label("Startdatum").fill("2026-04-01")
    page.get_by_label("Einddatum").fill("2027-12-31")
    page.locator("#id_percelen-0-component").select_option(label="B1-route")
    page.locator("#id_percelen-0-prijsmodel").select_option(label="Prijs per traject")
    page.locator("#id_percelen-0-tarief").fill("0")
    page.locator("#id_percelen-0-volume").fill("40")
    page.locator("#id_percelen-0-budgetplafond").fill("394.000,00")
    page.get_by_role("group", name="Perceel 1").get_by_label("Dordrecht").check()
    expect(page.get_by_role("group", name="Perceel 1").get_by_label("Zwijndrecht")).to_have_count(0)  # not in scope
    page.locator("#id_percelen-0-starttermijn_dagen").fill("28")
    page.locator("#id_percelen-0-acceptatietermijn_werkdagen").fill("5")
    assert_accessible(page, "4-contract-form")
    page.get_by_role("button", name="Contract vastleggen").click()

    expect(page.get_by_role("alert").first).to_contain_text("Controleer de volgende velden")
    expect(page.locator("main")).to_contain_text("Tarief (euro)")
    assert Contract.objects.count() == 0
    assert_accessible(page, "4-contract-refused")

    page.locator("#id_percelen-0-tarief").fill("9.850,00")
    page.get_by_role("button", name="Contract vastleggen").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Contract INK-2026-014")
    expect(page.locator("main")).to_contain_text("€ 9.850,00")
    expect(page.locator("main")).to_contain_text("Versie 1 — in werking vanaf 1 april 2026")
    perceel = Perceel.objects.get(versie__contract__kenmerk="INK-2026-014")
    assert perceel.tarief == Decimal("9850.00") and [g.naam for g in perceel.gemeenten.all()] == ["Dordrecht"]
    assert_accessible(page, "4-contract-detail")
