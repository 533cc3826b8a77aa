"""Benefits services: all or nothing, a file once, no change to a settled month, nothing outside the scope."""

from datetime import date
from decimal import Decimal

import pytest
import time_machine

from openinburgering.accounts.constants import Role
from openinburgering.accounts.factories import UserFactory
from openinburgering.betalingen.constants import AfrekeningStatus, RunStatus, Uitsluitingsreden
from openinburgering.betalingen.models import Afrekening, Betaalrun
from openinburgering.core.exceptions import DomainError, StaleTransition
from openinburgering.dossiers.factories import DossierFactory
from openinburgering.dossiers.models import DossierEvent
from openinburgering.logboek.constants import Action, Purpose
from openinburgering.logboek.models import Verwerking
from openinburgering.ontzorgen.exceptions import errors_of
from openinburgering.ontzorgen.models import Ontzorging
from openinburgering.uitkeringen import services
from openinburgering.uitkeringen.constants import Resultaat, UitkeringBron
from openinburgering.uitkeringen.csv_import import UitkeringRij, parse_uitkeringen_csv
from openinburgering.uitkeringen.exceptions import UitkeringenRefused
from openinburgering.uitkeringen.models import Uitkering, UitkeringImport
from openinburgering.uitkeringen.selectors import uitkering_dossier_for_bsn
from openinburgering.uitkeringen.services import uitkering_set, uitkeringen_import, uitkeringen_register

# Every test runs on 15 March 2026 (conftest.today).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("today")]

MAART = date(2026, 3, 1)
FEBRUARI = date(2026, 2, 1)


@pytest.fixture
def dossier(gemeente_a):
    return DossierFactory(gemeente=gemeente_a)


@pytest.fixture
def dossier_b(gemeente_b):
    return DossierFactory(gemeente=gemeente_b)


def settle(dossier, maand, *, actor, run_status=RunStatus.GOEDGEKEURD, status=AfrekeningStatus.OPGENOMEN):
    """A betaalrun that settled this person's month, made directly (the betaalrun service is not needed)."""
    run = Betaalrun.objects.create(maand=maand, status=run_status, uitvoerdatum=maand, created_by=actor)
    ontzorging = Ontzorging.objects.create(
        dossier=dossier,
        startdatum=date(2026, 1, 1),
        einddatum=date(2026, 6, 30),
        asielvergunning_bepaalde_tijd=True,
        besluitdatum=date(2025, 12, 20),
        created_by=actor,
    )
    opgenomen = status == AfrekeningStatus.OPGENOMEN
    return Afrekening.objects.create(
        betaalrun=run,
        ontzorging=ontzorging,
        dossier=dossier,
        gemeente=dossier.gemeente,
        maand=maand,
        status=status,
        reden="" if opgenomen else Uitsluitingsreden.GEEN_UITKERING,
        uitkering=Decimal("1000.00") if opgenomen else None,
        inhoudingen=Decimal("600.00"),
        leefgeld=Decimal("400.00") if opgenomen else None,
    )


def rows(*items):
    return [UitkeringRij(line=n, bsn=bsn, maand=maand, bedrag=Decimal(bedrag)) for n, (bsn, maand, bedrag) in items]


def csv_rows(text):
    result = parse_uitkeringen_csv(text.encode(), today=date(2026, 3, 15))
    assert result.ok, result.problems
    return result.rows


# --- one benefit ------------------------------------------------------------------------------------


def test_set_creates_and_logs(dossier, financieel):
    uitkering = uitkering_set(dossier=dossier, maand=MAART, bedrag=Decimal("1234.56"), actor=financieel)
    assert (uitkering.bedrag, uitkering.bron, uitkering.created_by) == (Decimal("1234.56"), "handmatig", financieel)
    stored = Uitkering.objects.get()
    assert (stored.dossier, stored.maand, stored.bedrag, stored.bron) == (
        dossier,
        MAART,
        Decimal("1234.56"),
        "handmatig",
    )
    log = Verwerking.objects.get(dossier_id=dossier.pk)
    assert (log.action, log.purpose, log.subject) == (Action.CREATE, Purpose.ONTZORGEN, "uitkering")
    assert not DossierEvent.objects.filter(dossier=dossier).exists()


def test_same_amount_again_changes_nothing(dossier, financieel):
    uitkering_set(dossier=dossier, maand=MAART, bedrag=Decimal("100"), actor=financieel)
    uitkering_set(dossier=dossier, maand=MAART, bedrag=Decimal("100.00"), actor=financieel)
    assert list(Uitkering.objects.values_list("maand", "bedrag")) == [(MAART, Decimal("100.00"))]
    assert not DossierEvent.objects.exists()
    assert Verwerking.objects.count() == 1


def test_correction_writes_old_and_new_to_the_timeline_and_the_log(dossier, financieel):
    uitkering_set(dossier=dossier, maand=MAART, bedrag=Decimal("1000.00"), actor=financieel)
    uitkering = uitkering_set(dossier=dossier, maand=MAART, bedrag=Decimal("1234.56"), actor=financieel)
    assert uitkering.bedrag == Decimal("1234.56")
    assert list(Uitkering.objects.values_list("maand", "bedrag")) == [(MAART, Decimal("1234.56"))]
    event = DossierEvent.objects.get(dossier=dossier)
    assert event.action == "uitkering_gecorrigeerd"
    assert event.actor == financieel
    [change] = event.changes
    assert (change["old"], change["new"]) == ("€ 1.000,00", "€ 1.234,56")
    assert "maart 2026" in change["label"]
    assert Verwerking.objects.filter(dossier_id=dossier.pk, action=Action.UPDATE, subject="uitkering").count() == 1


def test_correction_of_a_settled_month_is_refused(dossier, financieel):
    uitkering_set(dossier=dossier, maand=FEBRUARI, bedrag=Decimal("1000.00"), actor=financieel)
    settle(dossier, FEBRUARI, actor=financieel)
    with pytest.raises(DomainError) as raised:
        uitkering_set(dossier=dossier, maand=FEBRUARI, bedrag=Decimal("1100.00"), actor=financieel)
    assert raised.value.code == "settled" and raised.value.field == "maand"
    assert "afgerekend" in raised.value.message and "Goedgekeurd" in raised.value.message
    assert Uitkering.objects.get().bedrag == Decimal("1000.00")
    assert not DossierEvent.objects.exists()
    # Confirming the same amount is no change, so it is not refused.
    uitkering_set(dossier=dossier, maand=FEBRUARI, bedrag=Decimal("1000"), actor=financieel)


@pytest.mark.parametrize(
    ("run_status", "status"),
    [
        (RunStatus.GEANNULEERD, AfrekeningStatus.OPGENOMEN),  # a cancelled run paid nothing
        (RunStatus.GOEDGEKEURD, AfrekeningStatus.UITGESLOTEN),  # the person was left out of the run
    ],
)
def test_correction_allowed_when_the_month_is_not_settled_in_a_live_run(dossier, financieel, run_status, status):
    uitkering_set(dossier=dossier, maand=FEBRUARI, bedrag=Decimal("1000.00"), actor=financieel)
    settle(dossier, FEBRUARI, actor=financieel, run_status=run_status, status=status)
    uitkering_set(dossier=dossier, maand=FEBRUARI, bedrag=Decimal("1100.00"), actor=financieel)
    assert Uitkering.objects.get().bedrag == Decimal("1100.00")


def test_another_month_of_a_settled_person_can_still_be_corrected(dossier, financieel):
    uitkering_set(dossier=dossier, maand=MAART, bedrag=Decimal("1000.00"), actor=financieel)
    settle(dossier, FEBRUARI, actor=financieel)
    uitkering_set(dossier=dossier, maand=MAART, bedrag=Decimal("900.00"), actor=financieel)


@pytest.mark.parametrize(
    ("maand", "bedrag", "fields"),
    [
        (MAART, "0", {"bedrag"}),
        (MAART, "-5", {"bedrag"}),
        (MAART, "1.234", {"bedrag"}),  # three decimals
        (date(2021, 12, 1), "100", {"maand"}),
        (date(2026, 6, 1), "100", {"maand"}),
        (date(2026, 3, 2), "100", {"maand"}),
        (date(2021, 12, 1), "0", {"maand", "bedrag"}),
    ],
)
def test_set_refuses_bad_values_naming_every_field(dossier, financieel, maand, bedrag, fields):
    with pytest.raises(DomainError) as raised:
        uitkering_set(dossier=dossier, maand=maand, bedrag=Decimal(bedrag), actor=financieel)
    assert {error.field for error in errors_of(raised.value)} == fields
    assert not Uitkering.objects.exists()


def test_set_refuses_a_dossier_outside_the_scope_without_saying_so(dossier_b, financieel):
    with pytest.raises(DomainError) as raised:
        uitkering_set(dossier=dossier_b, maand=MAART, bedrag=Decimal("100"), actor=financieel)
    assert raised.value.code == "unknown_bsn"
    assert dossier_b.gemeente.naam not in raised.value.message


def test_set_refuses_a_closed_dossier(gemeente_a, financieel):
    closed = DossierFactory(gemeente=gemeente_a, afgerond=True)
    with pytest.raises(DomainError, match="gesloten"):
        uitkering_set(dossier=closed, maand=MAART, bedrag=Decimal("100"), actor=financieel)


@pytest.mark.parametrize("role", [Role.KLANTREGISSEUR, Role.TEAMLEIDER, Role.BELEIDSMEDEWERKER])
def test_only_the_financieel_medewerker_records_benefits(dossier, gemeente_a, role):
    actor = UserFactory(roles=[role], gemeenten=[gemeente_a])
    with pytest.raises(DomainError):
        uitkering_set(dossier=dossier, maand=MAART, bedrag=Decimal("100"), actor=actor)
    with pytest.raises(DomainError):
        uitkeringen_register(rows=rows((0, (dossier.inburgeraar.bsn, MAART, "100"))), actor=actor)
    assert not Uitkering.objects.exists()


def test_dossier_for_bsn_is_the_open_one_in_scope(dossier, dossier_b, financieel, gemeente_a):
    assert uitkering_dossier_for_bsn(user=financieel, bsn=dossier.inburgeraar.bsn) == dossier
    closed = DossierFactory(gemeente=gemeente_a, afgerond=True)
    for bsn in (dossier_b.inburgeraar.bsn, closed.inburgeraar.bsn, "111222333"):
        with pytest.raises(DomainError) as raised:
            uitkering_dossier_for_bsn(user=financieel, bsn=bsn)
        assert raised.value.field == "bsn" and raised.value.code == "unknown_bsn"


# --- a file -----------------------------------------------------------------------------------------


def test_import_stores_every_row_and_counts(gemeente_a, financieel):
    a, b, c = DossierFactory.create_batch(3, gemeente=gemeente_a)
    uitkering_set(dossier=b, maand=MAART, bedrag=Decimal("500.00"), actor=financieel)
    uitkering_set(dossier=c, maand=MAART, bedrag=Decimal("700.00"), actor=financieel)
    text = (
        "bsn;maand;bedrag\n"
        f"{a.inburgeraar.bsn};2026-03;1.234,56\n"
        f"{b.inburgeraar.bsn};2026-03;550,00\n"
        f"{c.inburgeraar.bsn};2026-03;700\n"
        f"{a.inburgeraar.bsn};2026-04;1234.56\n"
    )
    result = uitkeringen_import(
        rows=csv_rows(text), bestandsnaam="maart.csv", content_sha256="f" * 64, actor=financieel
    )
    assert (result.aantal, result.nieuw, result.gewijzigd, result.ongewijzigd) == (4, 2, 1, 1)
    assert result.resultaten == {
        2: Resultaat.NIEUW,
        3: Resultaat.GEWIJZIGD,
        4: Resultaat.ONGEWIJZIGD,
        5: Resultaat.NIEUW,
    }
    imported = UitkeringImport.objects.get()
    assert (imported.bestandsnaam, imported.aantal, imported.created_by) == ("maart.csv", 4, financieel)
    assert result.uitkering_import == imported
    by_key = {(u.dossier_id, u.maand): u for u in Uitkering.objects.all()}
    assert by_key[(a.pk, MAART)].bedrag == Decimal("1234.56")
    assert by_key[(a.pk, MAART)].bron == UitkeringBron.IMPORT
    assert by_key[(a.pk, MAART)].uitkering_import == imported
    assert by_key[(b.pk, MAART)].bedrag == Decimal("550.00")
    assert by_key[(b.pk, MAART)].uitkering_import == imported
    assert by_key[(c.pk, MAART)].bron == UitkeringBron.HANDMATIG  # unchanged: left as it was
    event = DossierEvent.objects.get(dossier=b)
    assert event.changes[0]["old"] == "€ 500,00" and event.changes[0]["new"] == "€ 550,00"
    assert not DossierEvent.objects.filter(dossier__in=[a, c]).exists()
    new_logs = Verwerking.objects.filter(action=Action.CREATE, purpose=Purpose.ONTZORGEN, subject="uitkering")
    assert sorted(new_logs.values_list("dossier_id", flat=True)) == sorted([a.pk, a.pk, b.pk, c.pk])


def test_import_correction_moves_updated_at(dossier, financieel):
    with time_machine.travel("2026-03-10 10:00 +01:00", tick=False):
        first = uitkering_set(dossier=dossier, maand=MAART, bedrag=Decimal("500"), actor=financieel)
    uitkeringen_import(
        rows=rows((2, (dossier.inburgeraar.bsn, MAART, "600"))),
        bestandsnaam="x.csv",
        content_sha256="1" * 64,
        actor=financieel,
    )
    stored = Uitkering.objects.get()
    assert (stored.bedrag, stored.bron) == (Decimal("600.00"), UitkeringBron.IMPORT)
    assert stored.updated_at > first.updated_at and stored.created_at == first.created_at
    assert stored.created_by == financieel


def test_one_bad_row_stores_nothing(gemeente_a, financieel, dossier_b):
    a, b = DossierFactory.create_batch(2, gemeente=gemeente_a)
    uitkering_set(dossier=b, maand=MAART, bedrag=Decimal("500.00"), actor=financieel)
    before = (Verwerking.objects.count(), DossierEvent.objects.count())
    text = (
        "bsn;maand;bedrag\n"
        f"{a.inburgeraar.bsn};2026-03;100\n"
        f"{b.inburgeraar.bsn};2026-03;600\n"
        f"{dossier_b.inburgeraar.bsn};2026-03;100\n"
    )
    with pytest.raises(UitkeringenRefused) as raised:
        uitkeringen_import(rows=csv_rows(text), bestandsnaam="x.csv", content_sha256="a" * 64, actor=financieel)
    [problem] = raised.value.problems
    assert (problem.line, problem.field, problem.code) == (4, "bsn", "unknown_bsn")
    # The BSN exists in gemeente B; the message does not say so.
    assert dossier_b.gemeente.naam not in problem.message and "andere" not in problem.message
    assert Uitkering.objects.get().bedrag == Decimal("500.00")
    assert not UitkeringImport.objects.exists()
    assert (Verwerking.objects.count(), DossierEvent.objects.count()) == before


def test_every_unknown_bsn_is_reported_per_line(gemeente_a, financieel):
    closed = DossierFactory(gemeente=gemeente_a, afgerond=True)
    text = f"bsn;maand;bedrag\n111222333;2026-03;100\n{closed.inburgeraar.bsn};2026-03;100\n"
    with pytest.raises(UitkeringenRefused) as raised:
        uitkeringen_import(rows=csv_rows(text), bestandsnaam="x.csv", content_sha256="b" * 64, actor=financieel)
    assert [(p.line, p.field) for p in raised.value.problems] == [(2, "bsn"), (3, "bsn")]


def test_the_same_file_twice_is_refused(dossier, financieel):
    text = f"bsn;maand;bedrag\n{dossier.inburgeraar.bsn};2026-03;100\n"
    uitkeringen_import(rows=csv_rows(text), bestandsnaam="maart.csv", content_sha256="c" * 64, actor=financieel)
    with pytest.raises(DomainError) as raised:
        uitkeringen_import(rows=csv_rows(text), bestandsnaam="kopie.csv", content_sha256="c" * 64, actor=financieel)
    assert raised.value.code == "duplicate_file" and raised.value.field == "bestand"
    assert "maart.csv" in raised.value.message
    assert UitkeringImport.objects.count() == 1


def test_a_refused_file_can_be_imported_once_corrected(dossier, financieel):
    bad = rows((2, ("111222333", MAART, "100")))
    with pytest.raises(UitkeringenRefused):
        uitkeringen_import(rows=bad, bestandsnaam="x.csv", content_sha256="d" * 64, actor=financieel)
    good = rows((2, (dossier.inburgeraar.bsn, MAART, "100")))
    uitkeringen_import(rows=good, bestandsnaam="x.csv", content_sha256="e" * 64, actor=financieel)
    assert Uitkering.objects.count() == 1


def test_import_refuses_a_correction_of_a_settled_month(gemeente_a, financieel):
    a, b = DossierFactory.create_batch(2, gemeente=gemeente_a)
    uitkering_set(dossier=a, maand=FEBRUARI, bedrag=Decimal("1000.00"), actor=financieel)
    settle(a, FEBRUARI, actor=financieel, run_status=RunStatus.GEEXPORTEERD)
    text = (
        "bsn;maand;bedrag\n"
        f"{b.inburgeraar.bsn};2026-02;100\n"
        f"{a.inburgeraar.bsn};2026-02;1000\n"  # same amount: no change, no problem
        f"{a.inburgeraar.bsn};2026-03;100\n"
    )
    uitkeringen_import(rows=csv_rows(text), bestandsnaam="x.csv", content_sha256="0" * 64, actor=financieel)
    changed = f"bsn;maand;bedrag\n{b.inburgeraar.bsn};2026-03;200\n{a.inburgeraar.bsn};2026-02;1.100,00\n"
    with pytest.raises(UitkeringenRefused) as raised:
        uitkeringen_import(rows=csv_rows(changed), bestandsnaam="y.csv", content_sha256="9" * 64, actor=financieel)
    [problem] = raised.value.problems
    assert (problem.line, problem.field, problem.code) == (3, "maand", "settled")
    assert Uitkering.objects.get(dossier=a, maand=FEBRUARI).bedrag == Decimal("1000.00")
    assert not Uitkering.objects.filter(dossier=b, maand=MAART).exists()


def test_rows_are_checked_again_by_the_service(dossier, financieel):
    bsn = dossier.inburgeraar.bsn
    bad = rows(
        (0, (bsn, MAART, "100")),
        (1, (bsn, MAART, "200")),
        (2, (bsn, date(2030, 1, 1), "100")),
        (3, (bsn, FEBRUARI, "0")),
        (4, ("123", FEBRUARI, "10")),
    )
    with pytest.raises(UitkeringenRefused) as raised:
        uitkeringen_register(rows=bad, actor=financieel)
    found = [(p.line, p.field) for p in raised.value.problems]
    assert found == [(1, "regel"), (2, "maand"), (3, "bedrag"), (4, "bsn")]
    assert "item 0" in raised.value.problems[0].message
    assert not Uitkering.objects.exists()


def test_api_rows_are_stored_with_bron_api_and_are_idempotent(dossier, financieel):
    items = rows((0, (dossier.inburgeraar.bsn, MAART, "100")))
    first = uitkeringen_register(rows=items, actor=financieel)
    second = uitkeringen_register(rows=items, actor=financieel)
    assert first.resultaten == {0: Resultaat.NIEUW} and second.resultaten == {0: Resultaat.ONGEWIJZIGD}
    stored = Uitkering.objects.get()
    assert (stored.bron, stored.uitkering_import) == (UitkeringBron.API, None)
    assert (stored.dossier, stored.maand, stored.bedrag) == (dossier, MAART, Decimal("100.00"))


def test_import_uses_a_bounded_number_of_queries(gemeente_a, financieel, django_assert_max_num_queries):
    dossiers = DossierFactory.create_batch(300, gemeente=gemeente_a)
    for d in dossiers[:10]:
        uitkering_set(dossier=d, maand=MAART, bedrag=Decimal("1"), actor=financieel)
    items = rows(*[(n, (d.inburgeraar.bsn, MAART, "100")) for n, d in enumerate(dossiers, start=2)])
    # New rows in bulk; each of the 10 corrections costs its timeline line and log row (+ the dossier read).
    # A log write is one statement on PostgreSQL (logboek_append), three on SQLite (claim the chain head, insert,
    # advance the head: logboek/chain.py).
    with django_assert_max_num_queries(60):
        result = uitkeringen_import(rows=items, bestandsnaam="x.csv", content_sha256="7" * 64, actor=financieel)
    assert (result.nieuw, result.gewijzigd) == (290, 10)
    assert Uitkering.objects.filter(bedrag=Decimal("100")).count() == 300


# --- large files: the lookups read by month and scope instead of IN lists ----------------------------


@pytest.fixture
def scan(monkeypatch):
    """Every lookup takes the path of a large file (SCAN_FROM keys and more)."""
    monkeypatch.setattr(services, "SCAN_FROM", 1)


@pytest.mark.usefixtures("scan")
def test_large_file_path_gives_the_same_result(gemeente_a, financieel, dossier_b):
    a, b, c = DossierFactory.create_batch(3, gemeente=gemeente_a)
    closed = DossierFactory(gemeente=gemeente_a, afgerond=True)
    uitkering_set(dossier=b, maand=MAART, bedrag=Decimal("500.00"), actor=financieel)
    uitkering_set(dossier=c, maand=FEBRUARI, bedrag=Decimal("700.00"), actor=financieel)
    Uitkering.objects.create(dossier=dossier_b, maand=MAART, bedrag=Decimal("1"), bron="api", created_by=financieel)
    settle(c, FEBRUARI, actor=financieel)

    refused = rows(
        (2, (a.inburgeraar.bsn, MAART, "100")),
        (3, (dossier_b.inburgeraar.bsn, MAART, "100")),
        (4, (closed.inburgeraar.bsn, MAART, "100")),
        (5, (c.inburgeraar.bsn, FEBRUARI, "800")),
    )
    with pytest.raises(UitkeringenRefused) as raised:
        uitkeringen_import(rows=refused, bestandsnaam="x.csv", content_sha256="2" * 64, actor=financieel)
    assert [(p.line, p.field, p.code) for p in raised.value.problems] == [
        (3, "bsn", "unknown_bsn"),
        (4, "bsn", "unknown_bsn"),
        (5, "maand", "settled"),
    ]

    accepted = rows(
        (2, (a.inburgeraar.bsn, MAART, "100")),
        (3, (b.inburgeraar.bsn, MAART, "550")),
        (4, (c.inburgeraar.bsn, FEBRUARI, "700")),
    )
    result = uitkeringen_import(rows=accepted, bestandsnaam="y.csv", content_sha256="3" * 64, actor=financieel)
    assert result.resultaten == {2: Resultaat.NIEUW, 3: Resultaat.GEWIJZIGD, 4: Resultaat.ONGEWIJZIGD}
    assert Uitkering.objects.get(dossier=b, maand=MAART).bedrag == Decimal("550.00")
    assert Uitkering.objects.get(dossier=dossier_b).bedrag == Decimal("1")


def test_a_benefit_stored_meanwhile_refuses_the_import(monkeypatch, dossier, financieel):
    """Between the read and the write another request stored the same person and month: nothing is stored."""
    uitkering_set(dossier=dossier, maand=MAART, bedrag=Decimal("500.00"), actor=financieel)
    monkeypatch.setattr(services, "_existing", lambda pairs: {})  # the read saw nothing yet
    with pytest.raises(StaleTransition):
        uitkeringen_import(
            rows=rows((2, (dossier.inburgeraar.bsn, MAART, "600"))),
            bestandsnaam="x.csv",
            content_sha256="4" * 64,
            actor=financieel,
        )
    assert Uitkering.objects.get().bedrag == Decimal("500.00")
    assert not UitkeringImport.objects.exists()
