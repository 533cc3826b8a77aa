"""The betaalrun: settlements, exclusions, the no-double-payment guarantees, four-eyes and the SEPA file."""

from datetime import date
from decimal import Decimal

import pytest
import time_machine
from django.db import IntegrityError, transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from openinburgering.core.exceptions import DomainError, StaleTransition
from openinburgering.gemeenten.factories import GemeenteFactory
from openinburgering.gemeenten.models import Gemeente
from openinburgering.rules.sepa import PainVersie
from openinburgering.taken.constants import TaakSoort
from openinburgering.taken.models import Taak

from .. import sepa
from ..constants import AfrekeningStatus, RegelSoort, RunStatus, Uitsluitingsreden
from ..models import Afrekening, Betaalregel, Betaalrun
from ..services import afrekeningen
from ..services.afrekeningen import end_to_end_id
from ..services.betaalbestanden import betaalbestand_download
from ..services.betaalrun import betaalrun_approve, betaalrun_cancel, betaalrun_start, betaalrun_submit
from ..services.build import betaalrun_build
from .conftest import MAAND

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("_today")]

NS = "{urn:iso:std:iso:20022:tech:xsd:%s}"


@pytest.fixture
def _today():
    with time_machine.travel(date(2026, 11, 20), tick=False):
        yield


def start(actor, *gemeenten, capture, maand=MAAND):
    with capture(execute=True):
        run = betaalrun_start(actor=actor, maand=maand, gemeenten=list(gemeenten))
    run.refresh_from_db()
    return run


def approve(run, submitter, approver, capture):
    betaalrun_submit(run=run, actor=submitter)
    with capture(execute=True):
        betaalrun_approve(run=run, actor=approver)
    run.refresh_from_db()
    return run


def test_a_run_settles_each_person_and_pays_each_fixed_cost_and_the_leefgeld(
    gemeente_a, fm, ontzorgd, django_capture_on_commit_callbacks
):
    person = ontzorgd(gemeente_a, lasten=["650.00", "95.50", "42.25"], uitkering="1450.00")
    run = start(fm, gemeente_a, capture=django_capture_on_commit_callbacks)

    assert run.status == RunStatus.CONCEPT
    afrekening = Afrekening.objects.get(betaalrun=run, ontzorging=person)
    assert afrekening.status == AfrekeningStatus.OPGENOMEN
    assert afrekening.inhoudingen == Decimal("787.75")
    assert afrekening.leefgeld == Decimal("662.25")
    regels = Betaalregel.objects.filter(betaalrun=run).order_by("soort", "bedrag")
    assert [(r.soort, r.bedrag) for r in regels] == [
        (RegelSoort.LEEFGELD, Decimal("662.25")),
        (RegelSoort.VASTE_LAST, Decimal("42.25")),
        (RegelSoort.VASTE_LAST, Decimal("95.50")),
        (RegelSoort.VASTE_LAST, Decimal("650.00")),
    ]
    leefgeld = regels.get(soort=RegelSoort.LEEFGELD)
    assert leefgeld.iban == person.iban
    # Every fixed-cost line points at the version of the obligation it paid (and so at the beschikking).
    for regel in regels.filter(soort=RegelSoort.VASTE_LAST):
        assert regel.vaste_last_versie.vaste_last_id == regel.vaste_last_id
        assert regel.vaste_last.ontzorging_id == person.pk
        assert regel.end_to_end_id == f"OI202612V{regel.vaste_last_id:012d}"
        assert regel.end_to_end_id == end_to_end_id(
            soort=RegelSoort.VASTE_LAST, bron_id=regel.vaste_last_id, maand=MAAND
        )
    leefgeld_id = end_to_end_id(soort=RegelSoort.LEEFGELD, bron_id=person.pk, maand=MAAND)
    assert regels.get(soort=RegelSoort.LEEFGELD).end_to_end_id == leefgeld_id == f"OI202612L{person.pk:012d}"
    assert (run.aantal_personen, run.aantal_regels, run.totaal_bedrag) == (1, 4, Decimal("1450.00"))


def test_without_leefgeld_in_the_run_only_the_fixed_costs_are_paid(
    gemeente_a, fm, ontzorgd, django_capture_on_commit_callbacks
):
    Gemeente.objects.filter(pk=gemeente_a.pk).update(leefgeld_in_betaalrun=False)
    ontzorgd(gemeente_a, lasten=["650.00"], uitkering="1000.00", iban="")
    run = start(fm, gemeente_a, capture=django_capture_on_commit_callbacks)
    assert list(Betaalregel.objects.filter(betaalrun=run).values_list("soort", "bedrag")) == [
        (RegelSoort.VASTE_LAST, Decimal("650.00"))
    ]
    assert Afrekening.objects.get(betaalrun=run).leefgeld == Decimal("350.00")


def test_people_who_cannot_be_paid_are_left_out_with_a_task_and_never_get_negative_leefgeld(
    gemeente_a, fm, ontzorgd, django_capture_on_commit_callbacks
):
    too_expensive = ontzorgd(gemeente_a, lasten=["900.00", "700.00"], uitkering="1450.00")
    no_benefit = ontzorgd(gemeente_a, uitkering=None)
    no_account = ontzorgd(gemeente_a, iban="")
    fine = ontzorgd(gemeente_a)
    run = start(fm, gemeente_a, capture=django_capture_on_commit_callbacks)

    redenen = dict(
        Afrekening.objects.filter(betaalrun=run, status=AfrekeningStatus.UITGESLOTEN).values_list(
            "ontzorging_id", "reden"
        )
    )
    assert redenen == {
        too_expensive.pk: Uitsluitingsreden.LASTEN_HOGER,
        no_benefit.pk: Uitsluitingsreden.GEEN_UITKERING,
        no_account.pk: Uitsluitingsreden.GEEN_REKENING,
    }
    assert set(Betaalregel.objects.filter(betaalrun=run).values_list("afrekening__ontzorging_id", flat=True)) == {
        fine.pk
    }
    taken = Taak.objects.filter(soort=TaakSoort.ONTZORGEN_UITGESLOTEN)
    assert set(taken.values_list("dossier_id", flat=True)) == {
        too_expensive.dossier_id,
        no_benefit.dossier_id,
        no_account.dossier_id,
    }
    assert "1.600,00" in taken.get(dossier=too_expensive.dossier).toelichting
    assert run.aantal_uitgesloten == 3


def test_the_database_refuses_an_included_settlement_with_negative_leefgeld(gemeente_a, fm, ontzorgd):
    person = ontzorgd(gemeente_a)
    run = Betaalrun.objects.create(maand=MAAND, uitvoerdatum=MAAND, created_by=fm)
    with pytest.raises(IntegrityError), transaction.atomic():
        Afrekening.objects.create(
            betaalrun=run,
            ontzorging=person,
            dossier=person.dossier,
            gemeente=gemeente_a,
            maand=MAAND,
            status=AfrekeningStatus.OPGENOMEN,
            uitkering=Decimal("100"),
            inhoudingen=Decimal("150"),
            leefgeld=Decimal("-50"),
        )


amounts = st.decimals(min_value=Decimal("0.01"), max_value=Decimal("2500.00"), places=2)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(people=st.lists(st.tuples(st.lists(amounts, min_size=1, max_size=5), amounts), min_size=1, max_size=6))
def test_property_leefgeld_plus_withholdings_is_the_benefit_and_the_file_sums_equal_the_lines(
    people, uitvoeringsorganisatie, fm, fm2, ontzorgd, django_capture_on_commit_callbacks
):
    gemeente = GemeenteFactory(uitvoeringsorganisatie=uitvoeringsorganisatie, iban="NL39RABO0300065264")
    fm.gemeenten.add(gemeente)
    fm2.gemeenten.add(gemeente)
    for user in (fm, fm2):
        user.__dict__.pop("scope", None)
    for lasten, uitkering in people:
        ontzorgd(gemeente, lasten=lasten, uitkering=uitkering)
    run = start(fm, gemeente, capture=django_capture_on_commit_callbacks)

    for afrekening in Afrekening.objects.filter(betaalrun=run):
        if afrekening.status == AfrekeningStatus.OPGENOMEN:
            assert afrekening.leefgeld >= 0
            assert afrekening.inhoudingen + afrekening.leefgeld == afrekening.uitkering
            paid = sum(r.bedrag for r in afrekening.regels.all())
            assert paid == afrekening.uitkering  # leefgeld is paid in this gemeente, so all of it
        else:
            assert afrekening.reden == Uitsluitingsreden.LASTEN_HOGER
            assert not afrekening.regels.exists()
    if not run.aantal_regels:
        return
    run = approve(run, fm, fm2, django_capture_on_commit_callbacks)
    bestand = run.bestanden.get()
    tree = etree.fromstring(bestand.content)
    amounts_in_file = [Decimal(e.text) for e in tree.iter() if etree.QName(e).localname == "InstdAmt"]
    ctrl_sums = [Decimal(e.text) for e in tree.iter() if etree.QName(e).localname == "CtrlSum"]
    database_sum = sum(Betaalregel.objects.filter(betaalrun=run).values_list("bedrag", flat=True))
    assert ctrl_sums == [database_sum, database_sum]
    assert sum(amounts_in_file) == database_sum == bestand.totaal


def test_a_crash_halfway_then_a_rerun_gives_the_same_lines_and_no_duplicate_end_to_end_id(
    gemeente_a, fm, ontzorgd, monkeypatch
):
    people = [ontzorgd(gemeente_a, lasten=["600.00", "80.00"]) for _ in range(5)]
    run = betaalrun_start(actor=fm, maand=MAAND, gemeenten=[gemeente_a])  # not built: on_commit not run

    real_insert_lines = afrekeningen._insert_lines
    calls = {"n": 0}

    def crash_in_the_second_batch(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 2:  # the second batch's settlements are written, then the worker dies
            raise RuntimeError("the worker died")
        return real_insert_lines(*args, **kwargs)

    monkeypatch.setattr(afrekeningen, "_insert_lines", crash_in_the_second_batch)
    with pytest.raises(RuntimeError):
        betaalrun_build(run.pk, batch_size=2)
    run.refresh_from_db()
    assert run.status == RunStatus.AANMAKEN
    assert "gestopt" in run.fout  # the page tells the user, and offers to resume
    # The first batch is in, whole; of the crashed batch nothing (not even its settlements).
    assert Afrekening.objects.filter(betaalrun=run).count() == 2
    assert Betaalregel.objects.filter(betaalrun=run).count() == 2 * 3

    monkeypatch.setattr(afrekeningen, "_insert_lines", real_insert_lines)
    betaalrun_build(run.pk, batch_size=2)
    betaalrun_build(run.pk, batch_size=2)  # a double click / a repeated task: no effect
    run.refresh_from_db()
    assert run.status == RunStatus.CONCEPT
    expected = {
        end_to_end_id(soort=RegelSoort.VASTE_LAST, bron_id=vl.pk, maand=MAAND)
        for person in people
        for vl in person.vaste_lasten.all()
    } | {end_to_end_id(soort=RegelSoort.LEEFGELD, bron_id=person.pk, maand=MAAND) for person in people}
    ids = list(Betaalregel.objects.filter(betaalrun=run).values_list("end_to_end_id", flat=True))
    assert len(ids) == len(set(ids)) == 15
    assert set(ids) == expected
    assert run.voortgang_klaar == run.voortgang_totaal == 5


def test_a_second_run_for_the_same_month_pays_nobody_twice(
    gemeente_a, fm, fm2, ontzorgd, django_capture_on_commit_callbacks
):
    ontzorgd(gemeente_a)
    first = start(fm, gemeente_a, capture=django_capture_on_commit_callbacks)
    with pytest.raises(DomainError, match="al een betaalrun in voorbereiding"):
        betaalrun_start(actor=fm, maand=MAAND, gemeenten=[gemeente_a])
    approve(first, fm, fm2, django_capture_on_commit_callbacks)
    late = ontzorgd(gemeente_a)  # someone who came in after the first run

    second = start(fm2, gemeente_a, capture=django_capture_on_commit_callbacks)
    assert set(Afrekening.objects.filter(betaalrun=second).values_list("ontzorging_id", flat=True)) == {late.pk}

    # And if code ever tried, the database would refuse the same obligation in the same month.
    regel = Betaalregel.objects.filter(betaalrun=first, soort=RegelSoort.VASTE_LAST).first()
    afrekening = Afrekening.objects.get(betaalrun=second)
    with pytest.raises(IntegrityError), transaction.atomic():
        Betaalregel.objects.create(
            betaalrun=second,
            afrekening=afrekening,
            gemeente=gemeente_a,
            soort=RegelSoort.VASTE_LAST,
            vaste_last=regel.vaste_last,
            vaste_last_versie=regel.vaste_last_versie,
            maand=MAAND,
            end_to_end_id="OTHER-ID",
            bedrag=regel.bedrag,
            crediteur="x",
            iban=regel.iban,
        )


def test_four_eyes_neither_the_maker_nor_the_submitter_approves(
    gemeente_a, fm, fm2, ontzorgd, django_capture_on_commit_callbacks
):
    ontzorgd(gemeente_a)
    run = start(fm, gemeente_a, capture=django_capture_on_commit_callbacks)
    with pytest.raises(StaleTransition):
        betaalrun_approve(run=run, actor=fm2)  # not yet submitted
    betaalrun_submit(run=run, actor=fm2)
    for who in (fm, fm2):
        with pytest.raises(DomainError, match="Vier ogen"):
            betaalrun_approve(run=run, actor=who)
    run.refresh_from_db()
    assert run.status == RunStatus.TER_ACCORDERING
    assert not run.bestanden.exists()


def test_approval_by_a_colleague_makes_a_valid_file_and_the_first_download_exports_the_run(
    gemeente_a, fm, fm2, ontzorgd, django_capture_on_commit_callbacks
):
    ontzorgd(gemeente_a)
    run = start(fm, gemeente_a, capture=django_capture_on_commit_callbacks)
    run = approve(run, fm, fm2, django_capture_on_commit_callbacks)
    assert run.status == RunStatus.GOEDGEKEURD
    bestand = run.bestanden.get()
    assert bestand.pain_versie == PainVersie.V03
    assert sepa.xsd_schema(PainVersie.V03).validate(etree.fromstring(bestand.content))
    debtor_iban = etree.fromstring(bestand.content).find(
        f".//{NS % 'pain.001.001.03'}DbtrAcct/{NS % 'pain.001.001.03'}Id/{NS % 'pain.001.001.03'}IBAN"
    )
    assert debtor_iban.text == "NL39RABO0300065264"

    betaalbestand_download(bestand=bestand, actor=fm)
    run.refresh_from_db()
    assert (run.status, run.geexporteerd_door) == (RunStatus.GEEXPORTEERD, fm)
    with pytest.raises(StaleTransition):
        betaalrun_cancel(run=run, actor=fm2)  # paid money cannot be un-sent


def test_a_gemeente_can_choose_pain_001_001_09(gemeente_a, fm, fm2, ontzorgd, django_capture_on_commit_callbacks):
    Gemeente.objects.filter(pk=gemeente_a.pk).update(pain_versie=PainVersie.V09)
    ontzorgd(gemeente_a)
    run = approve(start(fm, gemeente_a, capture=django_capture_on_commit_callbacks), fm, fm2,
                  django_capture_on_commit_callbacks)  # fmt: skip
    bestand = run.bestanden.get()
    assert bestand.pain_versie == PainVersie.V09
    document = etree.fromstring(bestand.content)
    assert etree.QName(document).namespace == "urn:iso:std:iso:20022:tech:xsd:pain.001.001.09"
    assert sepa.xsd_schema(PainVersie.V09).validate(document)


def test_a_run_over_two_gemeenten_makes_one_file_per_debtor(
    gemeente_a, gemeente_b, fm, fm2, ontzorgd, django_capture_on_commit_callbacks
):
    for user in (fm, fm2):
        user.gemeenten.add(gemeente_b)
        user.__dict__.pop("scope", None)
    ontzorgd(gemeente_a)
    ontzorgd(gemeente_b, lasten=["500.00"])
    run = approve(start(fm, gemeente_a, gemeente_b, capture=django_capture_on_commit_callbacks), fm, fm2,
                  django_capture_on_commit_callbacks)  # fmt: skip
    files = {b.gemeente_id: b for b in run.bestanden.all()}
    assert set(files) == {gemeente_a.pk, gemeente_b.pk}
    assert files[gemeente_b.pk].aantal == 2  # one fixed cost and the leefgeld
    assert b"NL69INGB0123456789" in files[gemeente_b.pk].content
    assert b"NL69INGB0123456789" not in files[gemeente_a.pk].content


def test_cancelling_a_concept_frees_the_people_for_another_run(
    gemeente_a, fm, ontzorgd, django_capture_on_commit_callbacks
):
    person = ontzorgd(gemeente_a)
    run = start(fm, gemeente_a, capture=django_capture_on_commit_callbacks)
    betaalrun_cancel(run=run, actor=fm)
    assert not Betaalregel.objects.filter(betaalrun=run).exists()
    again = start(fm, gemeente_a, capture=django_capture_on_commit_callbacks)
    assert Afrekening.objects.get(betaalrun=again).ontzorging_id == person.pk


def test_only_a_financieel_medewerker_of_all_the_gemeenten_starts_a_run(
    gemeente_a, gemeente_b, fm, fm_b, klantregisseur
):
    with pytest.raises(DomainError):
        betaalrun_start(actor=klantregisseur, maand=MAAND, gemeenten=[gemeente_a])
    with pytest.raises(DomainError):
        betaalrun_start(actor=fm, maand=MAAND, gemeenten=[gemeente_a, gemeente_b])
    Gemeente.objects.filter(pk=gemeente_b.pk).update(iban="")
    with pytest.raises(DomainError, match="Beekstad") as error:
        betaalrun_start(actor=fm_b, maand=MAAND, gemeenten=[gemeente_b])
    assert error.value.field == "gemeenten"
    with pytest.raises(DomainError) as error:
        betaalrun_start(actor=fm, maand=date(2027, 3, 1), gemeenten=[gemeente_a])
    assert error.value.field == "maand"


def test_a_file_that_fails_validation_is_never_stored_and_the_run_says_why(
    gemeente_a, fm, fm2, ontzorgd, django_capture_on_commit_callbacks
):
    person = ontzorgd(gemeente_a)
    # Bypass the services (which refuse it) to get a wrong check digit into a line.
    person.vaste_lasten.first().versies.update(iban="NL00ABNA0417164300")
    run = approve(start(fm, gemeente_a, capture=django_capture_on_commit_callbacks), fm, fm2,
                  django_capture_on_commit_callbacks)  # fmt: skip
    assert run.status == RunStatus.GOEDGEKEURD
    assert not run.bestanden.exists()
    assert "NL00ABNA0417164300" in run.fout


def test_amounts_whose_float_sum_is_inexact_still_balance(gemeente_a, fm, ontzorgd, django_capture_on_commit_callbacks):
    # 0.1 + 0.2 != 0.3 in binary floating point (SQLite's REAL): the balance is checked in cents.
    ontzorgd(gemeente_a, lasten=["0.10"], uitkering="0.30")
    ontzorgd(gemeente_a, lasten=["861.18"], uitkering="1379.20")
    run = start(fm, gemeente_a, capture=django_capture_on_commit_callbacks)
    assert sorted(Afrekening.objects.filter(betaalrun=run).values_list("leefgeld", flat=True)) == [
        Decimal("0.20"),
        Decimal("518.02"),
    ]
