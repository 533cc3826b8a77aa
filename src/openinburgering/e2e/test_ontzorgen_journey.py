"""Journey 3.1 in a real browser: Ahmed records the ontzorgingsbeschikking of a newly settled
asielstatushouder and the rent; a wrong IBAN is refused with the field named, nothing is half-stored.

Set PIP_SCREENSHOTS to a directory to keep a screenshot of each page.
"""

from datetime import date

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import Page, expect

from openinburgering.accounts.constants import Role
from openinburgering.accounts.factories import UserFactory
from openinburgering.core.tests.clock import travel_to
from openinburgering.dossiers.constants import Status
from openinburgering.dossiers.factories import DossierFactory, InburgeraarFactory
from openinburgering.e2e.conftest import PASSWORD, assert_accessible, login_with_totp
from openinburgering.gemeenten.factories import GemeenteFactory
from openinburgering.letters.models import Document
from openinburgering.ontzorgen.factories import betalingskenmerk_for
from openinburgering.ontzorgen.models import Ontzorging, VasteLast
from openinburgering.rules.enums import Doelgroep, GedetailleerdeDoelgroep
from openinburgering.rules.ontzorgen import ontzorgen_last_day

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


# Bijstand from 31 August 2027, ten days ago: six months run to 29 February 2028 (Pw 56a(2)), a leap day.
@travel_to(date(2027, 9, 10), tick=True)
def test_beschikking_and_rent(page: Page, live_server, settings, browser) -> None:
    settings.TWO_FACTOR_REQUIRED = True
    dordrecht = GemeenteFactory(naam="Dordrecht", code="0505")
    user = UserFactory(
        username="ahmed", first_name="Ahmed", password=PASSWORD, roles=[Role.FINANCIEEL_MEDEWERKER],
        gemeenten=[dordrecht],
    )  # fmt: skip
    ahmed = TOTPDevice.objects.create(user=user, name="default", confirmed=True)
    dossier = DossierFactory(
        gemeente=dordrecht,
        status=Status.UITVOERING,
        doelgroep=Doelgroep.ASIELSTATUSHOUDER,
        gedetailleerde_doelgroep=GedetailleerdeDoelgroep.ASIELSTATUSHOUDER,
        inburgeraar=InburgeraarFactory(voornamen="Amira", geslachtsnaam="Haddad"),
    )
    today = date(2027, 9, 10)
    start = date(2027, 8, 31)

    login_with_totp(page, live_server.url, ahmed, f"/dossiers/{dossier.pk}/ontzorgen/")
    page.get_by_label("Ingangsdatum bijstand").fill(start.isoformat())
    page.get_by_label("Heeft zelf een verblijfsvergunning asiel voor bepaalde tijd").check()
    page.get_by_label("Datum besluit").fill(today.isoformat())
    page.get_by_label("IBAN van de inburgeraar").fill("NL18 RABO 0123 4598 76")
    page.get_by_role("button", name="Beschikking vastleggen en brief maken").click()

    last_day = ontzorgen_last_day(start)
    assert last_day == date(2028, 2, 29)
    expect(page.locator("main")).to_contain_text(f"tot en met {last_day.day}")
    ontzorging = Ontzorging.objects.get(dossier=dossier)
    assert ontzorging.einddatum == last_day
    assert Document.objects.filter(dossier=dossier, kind=Document.Kind.ONTZORGEN_BESCHIKKING).exists()
    assert_accessible(page, "ontzorgen-1-beschikking")

    page.get_by_text("Vaste last toevoegen").first.click()
    form = page.locator("#vaste-lasten form").last
    form.get_by_label("Soort vaste last").select_option("huur")
    form.get_by_label("Vanaf maand").fill(f"{start:%Y-%m}")
    form.get_by_label("Naam crediteur").fill("Woonbron")
    form.get_by_label("IBAN crediteur").fill("NL91 ABNA 0417 1643 01")  # one digit off
    form.get_by_label("Betalingskenmerk of omschrijving").fill(betalingskenmerk_for(7))
    form.get_by_label("Bedrag per maand (€)").fill("612,40")
    form.get_by_role("button", name="Vaste last toevoegen").click()
    expect(page.locator("#vaste-lasten")).to_contain_text("IBAN")
    assert not VasteLast.objects.exists()  # nothing half-stored
    assert_accessible(page, "ontzorgen-2-fout")

    form = page.locator("#vaste-lasten form").last
    form.get_by_label("IBAN crediteur").fill("NL91 ABNA 0417 1643 00")
    form.get_by_role("button", name="Vaste last toevoegen").click()
    expect(page.locator("#vaste-lasten")).to_contain_text("Woonbron")
    expect(page.locator("#vaste-lasten")).to_contain_text("612,40")
    versie = VasteLast.objects.get().versies.get()
    assert (versie.iban, str(versie.bedrag)) == ("NL91ABNA0417164300", "612.40")
