"""The brede intake page in a real browser: sections save in place, errors show, health loads on demand,
and nothing breaks the Content Security Policy."""

import re
from datetime import date, timedelta

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import Page, expect

from openinburgering.accounts.constants import Role
from openinburgering.accounts.factories import UserFactory
from openinburgering.core.tests.clock import travel_to
from openinburgering.dossiers.factories import GezinslidFactory
from openinburgering.e2e.conftest import PASSWORD, assert_accessible, login_with_totp
from openinburgering.gemeenten.factories import GemeenteFactory
from openinburgering.intake.factories import BredeIntakeFactory, IntakeGezondheidFactory
from openinburgering.intake.models import IntakeGezondheid
from openinburgering.rules.intake import BREDE_INTAKE_ONDERDELEN

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SENT = date(2027, 12, 23)


# The summons goes out on 23 December 2027: its two weeks run over Christmas and New Year's Day.
@travel_to(SENT, tick=True)
def test_klantregisseur_records_the_intake(page: Page, live_server, settings) -> None:
    settings.TWO_FACTOR_REQUIRED = True
    gemeente = GemeenteFactory(naam="Dordrecht", code="0505")
    user = UserFactory(username="fatima", password=PASSWORD, roles=[Role.KLANTREGISSEUR], gemeenten=[gemeente])
    device = TOTPDevice.objects.create(user=user, name="default", confirmed=True)
    intake = BredeIntakeFactory(dossier__gemeente=gemeente)
    IntakeGezondheidFactory(brede_intake=intake, lichamelijke_gezondheid="Astma, gebruikt een inhalator.")
    GezinslidFactory(inburgeraar=intake.dossier.inburgeraar, geboortedatum=SENT - timedelta(days=500))
    violations: list[str] = []
    page.on(
        "console",
        lambda message: violations.append(message.text) if "Content Security Policy" in message.text else None,
    )

    login_with_totp(page, live_server.url, device, f"/dossiers/{intake.dossier_id}/intake/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Brede intake")
    total = len(BREDE_INTAKE_ONDERDELEN.value)
    expect(page.locator("#intake-status")).to_contain_text(f"0 van {total} wettelijke onderdelen ingevuld")
    assert_accessible(page, "intake")

    # One section saves on its own; the progress follows without a reload.
    section = page.locator("#onderdeel-zelfredzaamheid")
    section.get_by_label("Mate van zelfredzaamheid").select_option("hoog")
    section.get_by_role("button", name="Opslaan").click()
    expect(page.locator("#onderdeel-zelfredzaamheid")).to_contain_text("Opgeslagen")
    expect(page.locator("#intake-status")).to_contain_text(f"1 van {total} wettelijke onderdelen ingevuld")

    # A wrong value is named, in place.
    section = page.locator("#onderdeel-opleiding_werk")
    section.get_by_label(re.compile("Aantal jaren onderwijs")).fill("99")
    section.get_by_role("button", name="Opslaan").click()
    expect(page.locator("#onderdeel-opleiding_werk #error-summary")).to_contain_text("Aantal jaren onderwijs")

    # Health loads only when opened, and saves in place.
    expect(page.get_by_text("Astma")).to_have_count(0)
    page.get_by_text("Gezondheidsinformatie tonen").click()
    expect(page.locator("#gezondheid")).to_contain_text("Astma")
    page.locator("#gezondheid").get_by_label("Beperkingen").fill("Slechthorend")
    page.locator("#gezondheid").get_by_role("button", name="Opslaan").click()
    expect(page.locator("#gezondheid")).to_contain_text("Opgeslagen")
    assert IntakeGezondheid.objects.get(brede_intake=intake).beperkingen == "Slechthorend"

    # The first summons.
    oproepen = page.locator("#oproepen")
    oproepen.get_by_label("Verzonden op").fill(SENT.isoformat())
    oproepen.get_by_role("button", name="Oproep vastleggen").click()
    expect(page.locator("#oproepen")).to_contain_text("Uitkomst van oproep 1 vastleggen")
    assert not violations, violations
