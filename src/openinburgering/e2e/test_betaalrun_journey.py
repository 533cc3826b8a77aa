"""Journey 3.3–3.4 in a real browser: Ahmed starts next month's betaalrun, sees who is left out and why,
offers it; his colleague Els approves it; Ahmed downloads the SEPA file and reads the bank statement,
which turns a rejected payment into a task.

Set PIP_SCREENSHOTS to a directory to keep a screenshot of each page.
"""

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
import time_machine
from django_otp.plugins.otp_totp.models import TOTPDevice
from lxml import etree
from playwright.sync_api import Page, expect

from openinburgering.accounts.constants import Role
from openinburgering.accounts.factories import UserFactory
from openinburgering.betalingen import sepa
from openinburgering.betalingen.constants import RegelStatus, RunStatus
from openinburgering.betalingen.models import Betaalregel, Betaalrun
from openinburgering.dossiers.constants import Status
from openinburgering.dossiers.factories import DossierFactory, InburgeraarFactory
from openinburgering.e2e.conftest import PASSWORD, assert_accessible, login_with_totp
from openinburgering.gemeenten.factories import GemeenteFactory
from openinburgering.ontzorgen.constants import KenmerkSoort, VasteLastSoortChoices
from openinburgering.ontzorgen.models import Ontzorging, VasteLast, VasteLastVersie
from openinburgering.rules.enums import Doelgroep, GedetailleerdeDoelgroep
from openinburgering.rules.sepa import PainVersie
from openinburgering.uitkeringen.constants import UitkeringBron
from openinburgering.uitkeringen.models import Uitkering

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

MAAND = date(2026, 12, 1)


def _user(username: str, first_name: str, gemeente: object) -> TOTPDevice:
    user = UserFactory(
        username=username, first_name=first_name, password=PASSWORD, roles=[Role.FINANCIEEL_MEDEWERKER],
        gemeenten=[gemeente],
    )  # fmt: skip
    return TOTPDevice.objects.create(user=user, name="default", confirmed=True)


def _ontzorgd(gemeente, user, naam: str, lasten: list[tuple[str, str, str]], uitkering: str) -> Ontzorging:
    voornaam, achternaam = naam.split(" ", 1)
    dossier = DossierFactory(
        gemeente=gemeente,
        status=Status.UITVOERING,
        doelgroep=Doelgroep.ASIELSTATUSHOUDER,
        gedetailleerde_doelgroep=GedetailleerdeDoelgroep.ASIELSTATUSHOUDER,
        inburgeraar=InburgeraarFactory(voornamen=voornaam, geslachtsnaam=achternaam),
    )
    ontzorging = Ontzorging.objects.create(
        dossier=dossier, startdatum=date(2026, 10, 1), einddatum=date(2027, 3, 31), asielvergunning_bepaalde_tijd=True,
        iban="NL18RABO0123459876", rekeninghouder=naam, besluitdatum=date(2026, 9, 28), created_by=user,
    )  # fmt: skip
    for soort, crediteur, bedrag in lasten:
        vaste_last = VasteLast.objects.create(ontzorging=ontzorging, soort=soort, created_by=user)
        VasteLastVersie.objects.create(
            vaste_last=vaste_last, van_maand=date(2026, 10, 1), crediteur=crediteur, iban="NL91ABNA0417164300",
            kenmerk_soort=KenmerkSoort.VRIJ, kenmerk=f"Contract {dossier.pk}", bedrag=Decimal(bedrag),
            created_by=user,
        )  # fmt: skip
    Uitkering.objects.create(
        dossier=dossier, maand=MAAND, bedrag=Decimal(uitkering), bron=UitkeringBron.IMPORT, created_by=user
    )
    return ontzorging


def test_betaalrun_four_eyes_download_and_bank_statement(page: Page, live_server, settings, browser) -> None:
    settings.TWO_FACTOR_REQUIRED = True
    dordrecht = GemeenteFactory(naam="Dordrecht", code="0505", iban="NL39RABO0300065264", bic="RABONL2U")
    ahmed = _user("ahmed", "Ahmed", dordrecht)
    els = _user("els", "Els", dordrecht)
    huur = VasteLastSoortChoices.HUUR
    zorg = VasteLastSoortChoices.ZORGVERZEKERING
    _ontzorgd(dordrecht, ahmed.user, "Amira Haddad", [(huur, "Woonbron", "612.40"), (zorg, "CZ", "148.25")], "1402.10")
    _ontzorgd(dordrecht, ahmed.user, "Yonas Tesfay", [(huur, "Trivire", "1390.00"), (zorg, "VGZ", "150.00")], "1320.00")

    with time_machine.travel(date(2026, 11, 20), tick=True):
        login_with_totp(page, live_server.url, ahmed, "/betaalruns/")
        expect(page.get_by_role("heading", name="Betaalruns", level=1)).to_be_visible()
        page.get_by_label("Maand").select_option("2026-12")
        page.get_by_role("button", name="Betaalrun maken").click()

        expect(page.get_by_role("heading", name="Betaalrun december 2026")).to_be_visible()
        expect(page.locator("#voortgang")).to_contain_text("Concept")
        expect(page.locator("#uitgesloten-title")).to_be_visible()
        excluded = page.get_by_role("table").first
        expect(excluded).to_contain_text("Yonas Tesfay")
        expect(excluded).to_contain_text("De vaste lasten zijn hoger dan de uitkering")
        expect(page.locator("#regels-title")).to_be_visible()
        expect(page.locator("#voortgang")).to_contain_text("1.402,10")
        assert_accessible(page, "betaalrun-1-concept")
        page.get_by_role("button", name="Ter accordering aanbieden").click()
        expect(page.locator("#voortgang")).to_contain_text("Vier ogen")
        page.get_by_role("button", name="Uitloggen").click()

        login_with_totp(page, live_server.url, els, "/betaalruns/")
        page.get_by_role("link", name="december 2026").click()
        page.get_by_role("button", name="Goedkeuren").click()
        expect(page.locator("#voortgang")).to_contain_text("Goedgekeurd")
        link = page.get_by_role("link", name="SEPA-bestand Dordrecht (pain.001.001.03)")
        expect(link).to_be_visible()
        assert_accessible(page, "betaalrun-2-goedgekeurd")
        with page.expect_download() as download_info:
            link.click()
        content = Path(download_info.value.path()).read_bytes()

    document = etree.fromstring(content)
    assert sepa.xsd_schema(PainVersie.V03).validate(document)
    amounts = [Decimal(e.text) for e in document.iter("{*}InstdAmt")]
    assert sorted(amounts) == [Decimal("148.25"), Decimal("612.40"), Decimal("641.45")]
    run = Betaalrun.objects.get()
    assert run.status == RunStatus.GEEXPORTEERD and run.geexporteerd_door == els.user

    regel = Betaalregel.objects.get(crediteur="CZ")
    statement = f"""<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"><BkToCstmrStmt>
<GrpHdr><MsgId>S1</MsgId><CreDtTm>2026-11-28T06:00:00</CreDtTm></GrpHdr>
<Stmt><Id>S1</Id><CreDtTm>2026-11-28T06:00:00</CreDtTm><Acct><Id><IBAN>NL39RABO0300065264</IBAN></Id></Acct>
<Ntry><Amt Ccy="EUR">{regel.bedrag}</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts>
<BookgDt><Dt>2026-11-27</Dt></BookgDt>
<NtryDtls><TxDtls><Refs><EndToEndId>{regel.end_to_end_id}</EndToEndId></Refs><RtrInf><Rsn><Cd>AC04</Cd></Rsn></RtrInf>
</TxDtls></NtryDtls></Ntry></Stmt></BkToCstmrStmt></Document>"""
    with time_machine.travel(date(2026, 11, 28), tick=True):
        # A week later: a new session (the old one timed out).
        login_with_totp(page, live_server.url, ahmed, "/betaalruns/bankafschriften/")
        page.get_by_label("Bankafschrift (camt.053 of camt.054)").set_input_files(
            files=[{"name": "camt053.xml", "mimeType": "application/xml", "buffer": statement.encode()}]
        )
        page.get_by_role("button", name="Inlezen").click()
        expect(page.get_by_role("status")).to_contain_text("0 betaald, 1 geweigerd")
        assert_accessible(page, "betaalrun-3-bankafschrift")
        page.get_by_role("link", name="Taken").click()
        expect(page.get_by_role("table")).to_contain_text("Betaling geweigerd door de bank")
        expect(page.get_by_role("table")).to_contain_text("Amira Haddad")
    regel.refresh_from_db()
    assert regel.status == RegelStatus.GEWEIGERD
