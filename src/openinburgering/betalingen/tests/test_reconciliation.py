"""Reconciliation: the bank's camt.053 marks lines paid or rejected; a rejection becomes a task with the reason."""

from datetime import date

import pytest
import time_machine

from openinburgering.core.exceptions import DomainError
from openinburgering.taken.constants import TaakSoort
from openinburgering.taken.models import Taak

from ..constants import RegelSoort, RegelStatus, RunStatus
from ..models import Bankafschrift, Betaalregel
from ..services.bankafschriften import bankafschrift_import
from ..services.betaalbestanden import betaalbestand_download
from ..services.betaalrun import betaalrun_approve, betaalrun_start, betaalrun_submit
from .conftest import MAAND

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("_today")]


@pytest.fixture
def _today():
    with time_machine.travel(date(2026, 11, 20), tick=False):
        yield


def entry(regel, *, returned_with=""):
    """One camt.053.001.02 entry as a Dutch bank writes it: a booked debit, or the credit of a return."""
    if returned_with:
        return f"""
      <Ntry><Amt Ccy="EUR">{regel.bedrag}</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts>
        <BookgDt><Dt>2026-11-27</Dt></BookgDt><ValDt><Dt>2026-11-27</Dt></ValDt>
        <BkTxCd><Domn><Cd>PMNT</Cd><Fmly><Cd>ICDT</Cd><SubFmlyCd>RRTN</SubFmlyCd></Fmly></Domn></BkTxCd>
        <NtryDtls><TxDtls><Refs><EndToEndId>{regel.end_to_end_id}</EndToEndId></Refs>
          <AmtDtls><TxAmt><Amt Ccy="EUR">{regel.bedrag}</Amt></TxAmt></AmtDtls>
          <RtrInf><Rsn><Cd>{returned_with}</Cd></Rsn></RtrInf>
        </TxDtls></NtryDtls></Ntry>"""
    return f"""
      <Ntry><Amt Ccy="EUR">{regel.bedrag}</Amt><CdtDbtInd>DBIT</CdtDbtInd><Sts>BOOK</Sts>
        <BookgDt><Dt>2026-11-25</Dt></BookgDt><ValDt><Dt>2026-11-25</Dt></ValDt>
        <BkTxCd><Domn><Cd>PMNT</Cd><Fmly><Cd>ICDT</Cd><SubFmlyCd>ESCT</SubFmlyCd></Fmly></Domn></BkTxCd>
        <NtryDtls><TxDtls><Refs><EndToEndId>{regel.end_to_end_id}</EndToEndId></Refs>
          <AmtDtls><TxAmt><Amt Ccy="EUR">{regel.bedrag}</Amt></TxAmt></AmtDtls>
        </TxDtls></NtryDtls></Ntry>"""


def camt053(entries, statement_id="1"):
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02">
  <BkToCstmrStmt>
    <GrpHdr><MsgId>STMT{statement_id}</MsgId><CreDtTm>2026-11-28T06:00:00</CreDtTm></GrpHdr>
    <Stmt><Id>{statement_id}</Id><CreDtTm>2026-11-28T06:00:00</CreDtTm>
      <Acct><Id><IBAN>NL39RABO0300065264</IBAN></Id></Acct>
      {"".join(entries)}
    </Stmt>
  </BkToCstmrStmt>
</Document>""".encode()


@pytest.fixture
def exported(gemeente_a, fm, fm2, ontzorgd, django_capture_on_commit_callbacks):
    ontzorgd(gemeente_a, lasten=["650.00", "95.50"])
    ontzorgd(gemeente_a, lasten=["700.00"])
    with django_capture_on_commit_callbacks(execute=True):
        run = betaalrun_start(actor=fm, maand=MAAND, gemeenten=[gemeente_a])
    run.refresh_from_db()
    betaalrun_submit(run=run, actor=fm)
    with django_capture_on_commit_callbacks(execute=True):
        betaalrun_approve(run=run, actor=fm2)
    betaalbestand_download(bestand=run.bestanden.get(), actor=fm)
    run.refresh_from_db()
    return run


def test_a_statement_marks_lines_paid_and_a_return_rejected_with_a_task(exported, fm):
    regels = list(Betaalregel.objects.filter(betaalrun=exported).order_by("pk"))
    rejected = next(r for r in regels if r.soort == RegelSoort.VASTE_LAST and r.bedrag == 700)
    paid = [r for r in regels if r != rejected]
    content = camt053([entry(r) for r in paid] + [entry(rejected), entry(rejected, returned_with="AC04")])

    afschrift = bankafschrift_import(actor=fm, bestandsnaam="camt053-2026-11-28.xml", content=content)

    assert (afschrift.aantal_betaald, afschrift.aantal_geweigerd, afschrift.aantal_onbekend) == (len(paid), 1, 0)
    for regel in paid:
        regel.refresh_from_db()
        assert (regel.status, regel.verwerkt_op) == (RegelStatus.BETAALD, date(2026, 11, 25))
    rejected.refresh_from_db()
    assert rejected.status == RegelStatus.GEWEIGERD  # the return overrides the booking before it
    assert rejected.reden_code == "AC04"
    assert "opgeheven" in rejected.reden_tekst.lower()
    taak = Taak.objects.get(soort=TaakSoort.BETALING_GEWEIGERD)
    assert taak.dossier_id == rejected.afrekening.dossier_id
    assert "AC04" in taak.toelichting and rejected.end_to_end_id in taak.toelichting
    exported.refresh_from_db()
    assert exported.status == RunStatus.VERWERKT  # every line has an outcome


def test_the_same_statement_is_not_read_twice_and_unknown_payments_are_reported(exported, fm):
    regel = Betaalregel.objects.filter(betaalrun=exported).first()

    class Foreign:
        end_to_end_id = "SOMEONE-ELSES-PAYMENT"
        bedrag = "12.00"

    content = camt053([entry(regel), entry(Foreign())])
    afschrift = bankafschrift_import(actor=fm, bestandsnaam="a.xml", content=content)
    assert afschrift.aantal_onbekend == 1
    assert afschrift.bijzonderheden == [{"endToEndId": "SOMEONE-ELSES-PAYMENT", "melding": "Onbekende betaling"}]
    exported.refresh_from_db()
    assert exported.status == RunStatus.GEEXPORTEERD  # other lines are still open
    with pytest.raises(DomainError, match="al ingelezen") as error:
        bankafschrift_import(actor=fm, bestandsnaam="a-again.xml", content=content)
    assert error.value.field == "bestand"
    assert Bankafschrift.objects.count() == 1


def test_a_statement_never_touches_lines_of_another_gemeente(exported, fm_b):
    regel = Betaalregel.objects.filter(betaalrun=exported).first()
    afschrift = bankafschrift_import(
        actor=fm_b, bestandsnaam="b.xml", content=camt053([entry(regel, returned_with="AC04")], "b")
    )
    assert afschrift.aantal_onbekend == 1
    regel.refresh_from_db()
    assert regel.status == RegelStatus.OPEN
    assert not Taak.objects.filter(soort=TaakSoort.BETALING_GEWEIGERD).exists()


def test_an_amount_that_differs_is_reported_not_applied(exported, fm):
    regel = Betaalregel.objects.filter(betaalrun=exported).first()

    class Wrong:
        end_to_end_id = regel.end_to_end_id
        bedrag = regel.bedrag + 1

    afschrift = bankafschrift_import(actor=fm, bestandsnaam="c.xml", content=camt053([entry(Wrong())], "c"))
    assert "Bedrag wijkt af" in afschrift.bijzonderheden[0]["melding"]
    regel.refresh_from_db()
    assert regel.status == RegelStatus.OPEN


def test_a_file_that_is_not_a_statement_is_refused_naming_the_field(exported, fm):
    with pytest.raises(DomainError) as error:
        bankafschrift_import(actor=fm, bestandsnaam="x.xml", content=b"<html></html>")
    assert error.value.field == "bestand"
    assert not Bankafschrift.objects.exists()


def test_importing_through_the_page(exported, fm, verified_client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    regel = Betaalregel.objects.filter(betaalrun=exported).first()
    upload = SimpleUploadedFile("camt.xml", camt053([entry(regel)], "p"), content_type="application/xml")
    response = verified_client(fm).post("/betaalruns/bankafschriften/", {"bestand": upload})
    assert response.status_code == 200
    assert "1 betaald, 0 geweigerd, 0 niet verwerkt" in response.content.decode()
    bad = SimpleUploadedFile("camt.xml", b"not xml", content_type="application/xml")
    response = verified_client(fm).post("/betaalruns/bankafschriften/", {"bestand": bad})
    assert response.status_code == 422
