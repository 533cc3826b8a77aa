"""Issue 11, 2.2: a fixed cost recorded for a month that an exported run already settled is paid as a
nabetaling in the next run (its own line and EndToEndId, the month it pays, withheld from the benefit of
the run's month, on the monthly letter); a line the bank rejected is paid again in a later run once
released. The SEPA file stays valid and nothing is ever paid twice."""

from datetime import date
from decimal import Decimal

import pytest
import time_machine
from lxml import etree

from openinburgering.betalingen.maandoverzicht import maandoverzicht_context
from openinburgering.core.exceptions import DomainError
from openinburgering.dossiers.models import DossierEvent
from openinburgering.ontzorgen import services as ontzorgen_services
from openinburgering.ontzorgen.constants import KenmerkSoort, VasteLastSoortChoices
from openinburgering.rules.sepa import PainVersie
from openinburgering.uitkeringen.constants import UitkeringBron
from openinburgering.uitkeringen.models import Uitkering

from .. import sepa
from ..constants import AfrekeningStatus, RegelSoort, RegelStatus, RunStatus
from ..models import Afrekening, Betaalregel
from ..services.afrekeningen import end_to_end_id, herbetaling_end_to_end_id, nabetaling_end_to_end_id
from ..services.bankafschriften import betaalregel_repay
from ..services.betaalbestanden import betaalbestand_download
from ..services.betaalrun import betaalrun_approve, betaalrun_recompute, betaalrun_start, betaalrun_submit
from .conftest import MAAND

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("_today")]

JANUARI = date(2027, 1, 1)
WATER_IBAN = "NL20INGB0001234567"
WATER_KENMERK = "Klantnummer 4471"


@pytest.fixture
def _today():
    with time_machine.travel(date(2026, 11, 20), tick=False):
        yield


def build(actor, gemeente, maand, capture):
    with capture(execute=True):
        run = betaalrun_start(actor=actor, maand=maand, gemeenten=[gemeente])
    run.refresh_from_db()
    assert run.status == RunStatus.CONCEPT, run.fout
    return run


def approve_and_export(run, fm, fm2, capture):
    betaalrun_submit(run=run, actor=fm)
    with capture(execute=True):
        betaalrun_approve(run=run, actor=fm2)
    run.refresh_from_db()
    assert run.fout == ""
    for bestand in run.bestanden.all():
        assert sepa.xsd_schema(PainVersie(bestand.pain_versie)).validate(etree.fromstring(bestand.content))
        betaalbestand_download(bestand=bestand, actor=fm)
    run.refresh_from_db()
    assert run.status == RunStatus.GEEXPORTEERD
    return run


def benefit(ontzorging, maand, bedrag="1450.00"):
    Uitkering.objects.create(
        dossier=ontzorging.dossier, maand=maand, bedrag=Decimal(bedrag), bron=UitkeringBron.HANDMATIG,
        created_by=ontzorging.created_by,
    )  # fmt: skip


def add_water(ontzorging, fm, van_maand=MAAND):
    return ontzorgen_services.vaste_last_add(
        ontzorging=ontzorging, actor=fm, soort=VasteLastSoortChoices.WATER, van_maand=van_maand,
        tot_en_met_maand=None, crediteur="Evides Waterbedrijf", iban=WATER_IBAN, bic="",
        kenmerk_soort=KenmerkSoort.VRIJ, kenmerk=WATER_KENMERK, bedrag=Decimal("25.40"),
    )  # fmt: skip


def test_water_added_after_december_was_exported_is_paid_as_a_nabetaling_in_january(
    gemeente_a, fm, fm2, ontzorgd, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    person = ontzorgd(gemeente_a, lasten=["650.00"])
    december = approve_and_export(build(fm, gemeente_a, MAAND, capture), fm, fm2, capture)

    water = add_water(person, fm)  # "is toegevoegd", for a month already paid
    benefit(person, JANUARI)
    januari = build(fm, gemeente_a, JANUARI, capture)

    lines = {(r.vaste_last_id, r.maand): r for r in Betaalregel.objects.filter(betaalrun=januari, soort="vaste_last")}
    nabetaling = lines[(water.pk, MAAND)]  # counted against December, paid in January's run
    assert nabetaling.end_to_end_id == nabetaling_end_to_end_id(vaste_last_id=water.pk, maand=MAAND, run_maand=JANUARI)
    assert nabetaling.end_to_end_id == f"OI202701N202612{water.pk:012d}"
    assert (nabetaling.bedrag, nabetaling.iban, nabetaling.kenmerk) == (Decimal("25.40"), WATER_IBAN, WATER_KENMERK)
    assert lines[(water.pk, JANUARI)].end_to_end_id == end_to_end_id(
        soort=RegelSoort.VASTE_LAST, bron_id=water.pk, maand=JANUARI
    )
    afrekening = Afrekening.objects.get(betaalrun=januari)
    # January's benefit pays January's rent and water, and December's water: December's leefgeld was paid
    # without it.
    assert afrekening.nabetalingen == Decimal("25.40")
    assert afrekening.inhoudingen == Decimal("650.00") + Decimal("25.40") * 2
    assert afrekening.leefgeld == Decimal("1450.00") - afrekening.inhoudingen
    leefgeld = Betaalregel.objects.get(betaalrun=januari, soort=RegelSoort.LEEFGELD)
    assert leefgeld.bedrag == afrekening.leefgeld
    assert not Betaalregel.objects.filter(betaalrun=december, vaste_last=water).exists()

    # Recomputing the concept builds the same lines; the file is valid; the letter shows the nabetaling.
    with capture(execute=True):
        betaalrun_recompute(run=januari, actor=fm)
    ids = set(Betaalregel.objects.filter(betaalrun=januari).values_list("end_to_end_id", flat=True))
    assert nabetaling.end_to_end_id in ids and len(ids) == 4
    approve_and_export(januari, fm, fm2, capture)
    context = maandoverzicht_context(Afrekening.objects.get(betaalrun=januari))
    [nabetaald] = [b for b in context["betalingen"] if b["nabetaling"]]
    assert nabetaald["waarvoor"] == "Water (nabetaling over december 2026)"
    assert context["totaal_vaste_lasten"] == afrekening.inhoudingen


def test_a_nabetaling_is_paid_once_and_never_for_a_month_still_open(
    gemeente_a, fm, fm2, ontzorgd, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    person = ontzorgd(gemeente_a, lasten=["650.00"])
    december = build(fm, gemeente_a, MAAND, capture)  # a concept: December can still be recomputed
    water = add_water(person, fm)
    benefit(person, JANUARI)
    januari = build(fm, gemeente_a, JANUARI, capture)
    assert not Betaalregel.objects.filter(betaalrun=januari, maand=MAAND).exists()
    assert Afrekening.objects.get(betaalrun=januari).nabetalingen == 0

    # December recomputed pays its water itself; later runs owe nothing for it.
    with capture(execute=True):
        betaalrun_recompute(run=december, actor=fm)
    assert Betaalregel.objects.filter(betaalrun=december, vaste_last=water, maand=MAAND).count() == 1
    approve_and_export(december, fm, fm2, capture)
    with capture(execute=True):
        betaalrun_recompute(run=januari, actor=fm)
    assert Betaalregel.objects.filter(vaste_last=water, maand=MAAND).count() == 1


def test_a_rejected_line_is_paid_again_in_a_later_run_once_released(
    gemeente_a, fm, fm2, ontzorgd, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    person = ontzorgd(gemeente_a, lasten=["650.00"])
    december = approve_and_export(build(fm, gemeente_a, MAAND, capture), fm, fm2, capture)
    huur = Betaalregel.objects.get(betaalrun=december, soort=RegelSoort.VASTE_LAST)
    Betaalregel.objects.filter(pk=huur.pk).update(status=RegelStatus.GEWEIGERD, reden_code="AC04")  # the bank

    benefit(person, JANUARI)
    januari = build(fm, gemeente_a, JANUARI, capture)
    assert not Betaalregel.objects.filter(betaalrun=januari, herbetaling_van__isnull=False).exists()  # not released

    with pytest.raises(DomainError):
        betaalregel_repay(regel=Betaalregel.objects.get(betaalrun=december, soort="leefgeld"), actor=fm)
    betaalregel_repay(regel=huur, actor=fm)
    with pytest.raises(DomainError):
        betaalregel_repay(regel=huur, actor=fm)  # once
    assert DossierEvent.objects.filter(action="ontzorgen_opnieuw_betalen").count() == 1

    with capture(execute=True):
        betaalrun_recompute(run=januari, actor=fm)
    opnieuw = Betaalregel.objects.get(herbetaling_van=huur)
    assert opnieuw.betaalrun == januari and opnieuw.maand == MAAND and opnieuw.bedrag == huur.bedrag
    assert opnieuw.afrekening_id == huur.afrekening_id  # it belongs to December's settlement
    assert opnieuw.end_to_end_id == herbetaling_end_to_end_id(regel_id=huur.pk, run_maand=JANUARI)
    afrekening = Afrekening.objects.get(betaalrun=januari)
    assert afrekening.status == AfrekeningStatus.OPGENOMEN
    assert afrekening.inhoudingen == Decimal("650.00")  # January's rent only: not withheld twice
    januari = approve_and_export(januari, fm, fm2, capture)  # the file holds it, valid against the XSD
    assert januari.aantal_regels == 3
    context = maandoverzicht_context(Afrekening.objects.get(pk=huur.afrekening_id))
    assert [b["waarvoor"] for b in context["herbetalingen"]] == ["Huur (december 2026, opnieuw betaald)"]

    benefit(person, date(2027, 2, 1))
    with time_machine.travel(date(2026, 12, 20), tick=False), capture(execute=True):
        februari = betaalrun_start(actor=fm, maand=date(2027, 2, 1), gemeenten=[gemeente_a])
    assert Betaalregel.objects.filter(betaalrun=februari).exists()
    assert not Betaalregel.objects.filter(betaalrun=februari, herbetaling_van__isnull=False).exists()


def test_a_rejected_line_is_paid_again_also_when_the_ontzorging_has_ended(
    gemeente_a, fm, fm2, ontzorgd, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    person = ontzorgd(gemeente_a, lasten=["650.00"])
    december = approve_and_export(build(fm, gemeente_a, MAAND, capture), fm, fm2, capture)
    leefgeld = Betaalregel.objects.get(betaalrun=december, soort=RegelSoort.LEEFGELD)
    Betaalregel.objects.filter(pk=leefgeld.pk).update(status=RegelStatus.GEWEIGERD, reden_code="AC01")
    type(person).objects.filter(pk=person.pk).update(einddatum=date(2026, 12, 31), iban="NL44RABO0123456789")
    betaalregel_repay(regel=leefgeld, actor=fm)

    other = ontzorgd(gemeente_a, lasten=["500.00"], maand=JANUARI)
    januari = build(fm, gemeente_a, JANUARI, capture)
    assert not Afrekening.objects.filter(betaalrun=januari, ontzorging=person).exists()  # not in January
    opnieuw = Betaalregel.objects.get(herbetaling_van=leefgeld)
    assert opnieuw.betaalrun == januari and opnieuw.iban == "NL44RABO0123456789"  # the account as corrected
    assert opnieuw.bedrag == leefgeld.bedrag and opnieuw.kenmerk == "Leefgeld 12-2026"
    assert Afrekening.objects.get(betaalrun=januari, ontzorging=other).inhoudingen == Decimal("500.00")
    approve_and_export(januari, fm, fm2, capture)
