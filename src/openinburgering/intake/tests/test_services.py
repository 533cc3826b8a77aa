"""Services: every rule names its field, a refused change leaves nothing behind, each change is logged."""

from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from openinburgering.accounts.constants import Role
from openinburgering.accounts.factories import UserFactory
from openinburgering.core.exceptions import DomainError
from openinburgering.core.tests.clock import travel_to
from openinburgering.dossiers.constants import Status
from openinburgering.dossiers.factories import DossierFactory
from openinburgering.dossiers.models import DossierEvent
from openinburgering.intake import selectors, services
from openinburgering.intake.constants import IntakeStatus, OvertredingSoort
from openinburgering.intake.factories import (
    BredeIntakeFactory,
    IntakeGezondheidFactory,
    LeerbaarheidstoetsFactory,
    OproepFactory,
)
from openinburgering.intake.models import BredeIntake, IntakeGezondheid, IntakeOvertreding, Leerbaarheidstoets, Oproep
from openinburgering.logboek.constants import Action
from openinburgering.logboek.models import Verwerking
from openinburgering.rules.dossiertermijnen import OproepFacts
from openinburgering.rules.intake import (
    BREDE_INTAKE_ONDERDELEN,
    LBT_EXAMENNUMMER_MAX,
    OPROEP_OVERTREDINGEN,
    WAARSCHUWING_OPROEP,
    Aandachtspunt,
    IntakeOnderdeel,
    LbtResultaat,
    LbtVrijstellingsgrond,
    OproepUitkomst,
)
from openinburgering.rules.kalender import feestdagen_for_range
from openinburgering.rules.termijnen import BOETE_NIEUWE_TERMIJN_MAX, BREDE_INTAKE_OPROEPEN, oproep_last_day
from openinburgering.termijnen import services as termijnen_services
from openinburgering.termijnen.constants import Soort, TermijnStatus
from openinburgering.termijnen.models import Termijn

pytestmark = pytest.mark.django_db

# A leap day: "a year later" and "the same day next month" have no 29th to land on.
LEAP_DAY = date(2028, 2, 29)


@pytest.fixture(autouse=True)
def today():
    with travel_to(LEAP_DAY):
        yield LEAP_DAY


SENT = date(2024, 4, 2)
HEALTH_TEXT = "Chronische rugklachten; PTSS-behandeling bij GGZ."


@pytest.fixture
def dossier(gemeente_a):
    return DossierFactory(gemeente=gemeente_a)


def fields_of(errors: list[DomainError]) -> set[str | None]:
    return {error.field for error in errors}


def snapshot():
    return (
        BredeIntake.objects.count(),
        Oproep.objects.count(),
        IntakeOvertreding.objects.count(),
        IntakeGezondheid.objects.count(),
        Leerbaarheidstoets.objects.count(),
        DossierEvent.objects.count(),
        Verwerking.objects.count(),
    )


def refused(call, *, field=None, code=None) -> DomainError:
    """Run `call`, expect a DomainError naming `field`, and nothing written."""
    before = snapshot()
    with pytest.raises(DomainError) as caught:
        call()
    assert snapshot() == before
    if field is not None:
        assert caught.value.field == field, caught.value.message
    if code is not None:
        assert caught.value.code == code
    return caught.value


def overtreding_day(oproep: Oproep) -> date:
    return oproep.uiterste_datum + timedelta(days=1)


def send_and_miss(dossier, actor, *, verzonden: date) -> Oproep:
    oproep = services.oproep_send(dossier=dossier, actor=actor, verzonden_op=verzonden)
    return services.oproep_record_uitkomst(
        oproep=oproep, actor=actor, uitkomst=OproepUitkomst.NIET_VERSCHENEN, uitkomst_op=overtreding_day(oproep)
    )


def three_missed(dossier, actor) -> list[Oproep]:
    oproepen, verzonden = [], SENT
    for _ in range(BREDE_INTAKE_OPROEPEN.value):
        oproep = send_and_miss(dossier, actor, verzonden=verzonden)
        oproepen.append(oproep)
        verzonden = oproep.uitkomst_op + timedelta(days=1)
    return oproepen


# --- start and sections ----------------------------------------------------------------------


def test_start_creates_the_intake_and_moves_the_dossier(dossier, klantregisseur):
    intake = services.brede_intake_start(dossier=dossier, actor=klantregisseur)
    dossier.refresh_from_db()
    assert intake.status == IntakeStatus.GEPLAND
    assert dossier.status == Status.BREDE_INTAKE
    assert set(dossier.events.values_list("action", flat=True)) == {"intake.start", "status"}
    assert Verwerking.objects.filter(dossier_id=dossier.pk, action=Action.UPDATE, subject="brede-intake").exists()

    before = snapshot()
    assert services.brede_intake_start(dossier=dossier, actor=klantregisseur) == intake  # a double click
    assert snapshot() == before


def test_start_refused_for_a_closed_dossier(gemeente_a, klantregisseur):
    dossier = DossierFactory(gemeente=gemeente_a, afgerond=True)
    refused(lambda: services.brede_intake_start(dossier=dossier, actor=klantregisseur), code="closed")


def test_partial_save_of_one_section(klantregisseur, gemeente_a):
    intake = BredeIntakeFactory(dossier__gemeente=gemeente_a, status=IntakeStatus.GEPLAND, started_at=None)
    services.brede_intake_update(
        intake=intake,
        actor=klantregisseur,
        values={"zelfredzaamheid": "hoog", "zelfredzaamheid_toelichting": "Regelt zelf zijn zaken."},
    )
    intake.refresh_from_db()
    assert intake.zelfredzaamheid == "hoog"
    assert intake.hoogste_opleiding == ""  # other sections untouched
    assert intake.status == IntakeStatus.IN_UITVOERING
    assert intake.started_at == timezone.localdate()
    assert intake.onderdelen_ingevuld == [IntakeOnderdeel.ZELFREDZAAMHEID]
    event = intake.dossier.events.get(action="intake.update")
    assert {"Mate van zelfredzaamheid", "Status"} <= {change["label"] for change in event.changes}
    assert "Hoog" in [change["new"] for change in event.changes]


def test_progress_counts_the_statutory_sections():
    intake = BredeIntakeFactory.build(ingevuld=True)
    assert len(intake.onderdelen_ingevuld) == len(BREDE_INTAKE_ONDERDELEN.value)
    intake.vve_van_toepassing = True  # applicable, but nothing written down yet
    assert len(intake.onderdelen_ontbrekend) == 1


def test_section_rules_name_every_field_and_save_nothing(klantregisseur, gemeente_a):
    intake = BredeIntakeFactory(dossier__gemeente=gemeente_a)
    values = {"hoogste_opleiding": "promotie", "jaren_onderwijs": 99, "uren_taal_knm_intake": Decimal("-1")}
    errors = services.intake_rule_errors(intake=intake, values=values)
    assert fields_of(errors) == set(values)
    refused(lambda: services.brede_intake_update(intake=intake, actor=klantregisseur, values=values))
    intake.refresh_from_db()
    assert intake.hoogste_opleiding == "" and intake.jaren_onderwijs is None


def test_completed_intake_cannot_change(klantregisseur, gemeente_a):
    intake = BredeIntakeFactory(dossier__gemeente=gemeente_a, status=IntakeStatus.AFGEROND, completed_at=SENT)
    refused(
        lambda: services.brede_intake_update(intake=intake, actor=klantregisseur, values={"talen": "Arabisch"}),
        code="afgerond",
    )


# --- aandachtspunten and health ----------------------------------------------------------------


def test_aandachtspunten_keep_the_health_ones(klantregisseur, gemeente_a):
    intake = BredeIntakeFactory(
        dossier__gemeente=gemeente_a,
        aandachtspunten=[Aandachtspunt.TRAUMA.value, Aandachtspunt.HUISVESTING.value],
    )
    services.aandachtspunten_update(intake=intake, actor=klantregisseur, aandachtspunten=["laaggeletterdheid"])
    intake.refresh_from_db()
    assert set(intake.aandachtspunten) == {Aandachtspunt.TRAUMA, Aandachtspunt.LAAGGELETTERDHEID}
    event = intake.dossier.events.get(action="intake.aandachtspunten")
    assert "Trauma" not in str(event.changes)


@pytest.mark.parametrize("value", [Aandachtspunt.TRAUMA.value, "onbekend"])
def test_aandachtspunten_refuses_health_and_unknown_values(klantregisseur, gemeente_a, value):
    intake = BredeIntakeFactory(dossier__gemeente=gemeente_a)
    refused(
        lambda: services.aandachtspunten_update(intake=intake, actor=klantregisseur, aandachtspunten=[value]),
        field="aandachtspunten",
    )


def test_health_update_logs_special_and_keeps_the_timeline_silent(klantregisseur, gemeente_a):
    intake = BredeIntakeFactory(dossier__gemeente=gemeente_a, aandachtspunten=[Aandachtspunt.HUISVESTING.value])
    services.gezondheid_update(
        intake=intake,
        actor=klantregisseur,
        values={"psychische_gezondheid": HEALTH_TEXT},
        aandachtspunten=[Aandachtspunt.PSYCHISCHE_GEZONDHEID.value],
    )
    intake.refresh_from_db()
    assert intake.gezondheid.psychische_gezondheid == HEALTH_TEXT
    assert set(intake.aandachtspunten) == {Aandachtspunt.HUISVESTING, Aandachtspunt.PSYCHISCHE_GEZONDHEID}
    event = intake.dossier.events.get(action="intake.gezondheid")
    assert event.summary == "Gezondheidsinformatie gewijzigd"
    for stored in DossierEvent.objects.all():
        assert "PTSS" not in f"{stored.summary} {stored.changes}"
        assert "Psychische" not in f"{stored.summary} {stored.changes}"
    special = Verwerking.objects.get(action=Action.UPDATE_SPECIAL)
    assert (special.actor_id, special.dossier_id) == (klantregisseur.pk, intake.dossier_id)


def test_health_update_refused_without_the_role(gemeente_a):
    finance = UserFactory(roles=[Role.FINANCIEEL_MEDEWERKER], gemeenten=[gemeente_a])
    intake = BredeIntakeFactory(dossier__gemeente=gemeente_a)
    refused(
        lambda: services.gezondheid_update(intake=intake, actor=finance, values={"beperkingen": "x"}),
        code="forbidden",
    )


def test_health_aandachtspunten_only_in_the_health_section(klantregisseur, gemeente_a):
    intake = BredeIntakeFactory(dossier__gemeente=gemeente_a)
    refused(
        lambda: services.gezondheid_update(
            intake=intake, actor=klantregisseur, values={}, aandachtspunten=[Aandachtspunt.HUISVESTING.value]
        ),
        field="aandachtspunten",
    )


def test_can_see_health_per_role(gemeente_a, klantregisseur, teamleider):
    finance = UserFactory(roles=[Role.FINANCIEEL_MEDEWERKER], gemeenten=[gemeente_a])
    assert selectors.can_see_health(klantregisseur) and selectors.can_see_health(teamleider)
    assert not selectors.can_see_health(finance)
    intake = BredeIntakeFactory(
        dossier__gemeente=gemeente_a, aandachtspunten=[Aandachtspunt.TRAUMA.value, Aandachtspunt.MANTELZORG.value]
    )
    assert selectors.aandachtspunten_for(intake=intake, user=finance) == [Aandachtspunt.MANTELZORG]
    assert len(selectors.aandachtspunten_for(intake=intake, user=klantregisseur)) == 2


# --- the summons procedure (Wi 14(1)-(2), Wi 22) ---------------------------------------------------


def test_three_summonses_then_completion_without_cooperation(dossier, klantregisseur):
    oproepen = three_missed(dossier, klantregisseur)

    assert [o.volgnummer for o in oproepen] == list(range(1, BREDE_INTAKE_OPROEPEN.value + 1))
    assert [o.is_waarschuwing for o in oproepen] == [o.volgnummer == WAARSCHUWING_OPROEP.value for o in oproepen]
    overtredingen = IntakeOvertreding.objects.filter(dossier=dossier).order_by("vastgesteld_op")
    assert [o.oproep_id for o in overtredingen] == [o.pk for o in oproepen]
    assert {o.soort for o in overtredingen} == {OvertredingSoort.NIET_VERSCHENEN}
    assert all(o.vastgesteld_door == klantregisseur for o in overtredingen)
    # The deadline engine ran with every change: the stored summons deadline is the last one, met.
    termijn = Termijn.objects.get(dossier=dossier, soort=Soort.OPROEP_BREDE_INTAKE)
    assert termijn.details["volgnummer"] == BREDE_INTAKE_OPROEPEN.value
    assert termijn.status == TermijnStatus.GEHAALD
    assert termijn.uiterste_datum == oproepen[-1].uiterste_datum

    # A further summons is refused.
    error = refused(
        lambda: services.oproep_send(dossier=dossier, actor=klantregisseur, verzonden_op=timezone.localdate()),
        code="oproep_not_allowed",
    )
    assert str(BREDE_INTAKE_OPROEPEN.value) in error.message

    intake = dossier.brede_intake
    services.brede_intake_complete(intake=intake, actor=klantregisseur, zonder_medewerking=True)
    intake.refresh_from_db()
    dossier.refresh_from_db()
    assert intake.status == IntakeStatus.AFGEROND_ZONDER_MEDEWERKING
    assert dossier.status == Status.PIP
    assert dossier.events.filter(action="intake.afgerond").exists()
    refused(lambda: services.oproep_send(dossier=dossier, actor=klantregisseur, verzonden_op=timezone.localdate()))


def test_without_cooperation_only_after_the_last_summons(dossier, klantregisseur):
    send_and_miss(dossier, klantregisseur, verzonden=SENT)
    intake = dossier.brede_intake
    refused(
        lambda: services.brede_intake_complete(intake=intake, actor=klantregisseur, zonder_medewerking=True),
        field="zonder_medewerking",
    )


def test_next_summons_needs_an_overtreding_on_the_previous(dossier, klantregisseur):
    first = services.oproep_send(dossier=dossier, actor=klantregisseur, verzonden_op=SENT)
    send_next = lambda: services.oproep_send(  # noqa: E731
        dossier=dossier, actor=klantregisseur, verzonden_op=SENT + timedelta(days=20)
    )
    assert "uitkomst van oproep 1" in refused(send_next, code="oproep_not_allowed").message
    services.oproep_record_uitkomst(
        oproep=first, actor=klantregisseur, uitkomst=OproepUitkomst.VERSCHENEN, uitkomst_op=SENT + timedelta(days=7)
    )
    refused(send_next, code="oproep_not_allowed")
    assert not IntakeOvertreding.objects.exists()
    intake = dossier.brede_intake
    assert intake.status == IntakeStatus.IN_UITVOERING
    assert intake.started_at == SENT + timedelta(days=7)


@pytest.mark.parametrize(
    ("verzonden", "field", "words"),
    [
        (date(2024, 2, 1), "verzonden_op", "begindatum van de inburgeringsplicht"),
        ("tomorrow", "verzonden_op", "in de toekomst"),
        (None, "verzonden_op", "verzenddatum"),
    ],
)
def test_summons_dates(dossier, klantregisseur, verzonden, field, words):
    if verzonden == "tomorrow":
        verzonden = timezone.localdate() + timedelta(days=1)
    error = refused(
        lambda: services.oproep_send(dossier=dossier, actor=klantregisseur, verzonden_op=verzonden), field=field
    )
    assert words in error.message


def test_appointment_sets_the_last_day_and_may_not_precede_sending(dossier, klantregisseur):
    afspraak = timezone.make_aware(datetime(2024, 4, 10, 10, 30))
    refused(
        lambda: services.oproep_send(
            dossier=dossier, actor=klantregisseur, verzonden_op=SENT, afspraak_op=afspraak - timedelta(days=10)
        ),
        field="afspraak_op",
    )
    oproep = services.oproep_send(dossier=dossier, actor=klantregisseur, verzonden_op=SENT, afspraak_op=afspraak)
    assert oproep.uiterste_datum == date(2024, 4, 10)


def test_without_appointment_the_term_ends_on_a_working_day(dossier, klantregisseur):
    verzonden = date(2024, 4, 13)  # a Saturday: two weeks later is a Saturday too
    oproep = services.oproep_send(dossier=dossier, actor=klantregisseur, verzonden_op=verzonden)
    assert oproep.uiterste_datum == oproep_last_day(verzonden, feestdagen=feestdagen_for_range(verzonden, verzonden))
    assert oproep.uiterste_datum.weekday() < 5


def test_summons_after_a_boete_has_the_new_term(dossier, klantregisseur):
    missed = [send_and_miss(dossier, klantregisseur, verzonden=SENT)]
    missed.append(send_and_miss(dossier, klantregisseur, verzonden=missed[0].uitkomst_op))
    verzonden = missed[1].uitkomst_op
    too_late = BOETE_NIEUWE_TERMIJN_MAX.value.after(verzonden) + timedelta(days=1)
    refused(
        lambda: services.oproep_send(
            dossier=dossier,
            actor=klantregisseur,
            verzonden_op=verzonden,
            afspraak_op=timezone.make_aware(datetime.combine(too_late, datetime.min.time()).replace(hour=10)),
        ),
        field="afspraak_op",
    )


def test_outcome_rules_are_reported_all_at_once(dossier, klantregisseur):
    oproep = services.oproep_send(dossier=dossier, actor=klantregisseur, verzonden_op=SENT)
    errors = services.oproep_uitkomst_errors(
        oproep=oproep, uitkomst=OproepUitkomst.ONVOLDOENDE_MEEGEWERKT, uitkomst_op=SENT - timedelta(days=1)
    )
    assert fields_of(errors) == {"uitkomst_op", "uitkomst_toelichting"}
    assert any("vóór de verzenddatum" in e.message for e in errors)


@pytest.mark.parametrize(
    ("uitkomst", "day", "field", "words"),
    [
        (OproepUitkomst.NIET_VERSCHENEN, "future", "uitkomst_op", "in de toekomst"),
        (OproepUitkomst.NIET_VERSCHENEN, "before_last_day", "uitkomst_op", "uiterste datum"),
        (OproepUitkomst.ONVOLDOENDE_MEEGEWERKT, "after", "uitkomst_toelichting", "onvoldoende meewerkte"),
        ("verdwenen", "after", "uitkomst", "Kies een uitkomst"),
    ],
)
def test_outcome_rules(dossier, klantregisseur, uitkomst, day, field, words):
    oproep = services.oproep_send(dossier=dossier, actor=klantregisseur, verzonden_op=SENT)
    uitkomst_op = {
        "future": timezone.localdate() + timedelta(days=1),
        "before_last_day": oproep.uiterste_datum - timedelta(days=1),
        "after": oproep.uiterste_datum + timedelta(days=1),
    }[day]
    error = refused(
        lambda: services.oproep_record_uitkomst(
            oproep=oproep, actor=klantregisseur, uitkomst=uitkomst, uitkomst_op=uitkomst_op
        ),
        field=field,
    )
    assert words in error.message


def test_outcome_only_once(dossier, klantregisseur):
    oproep = send_and_miss(dossier, klantregisseur, verzonden=SENT)
    refused(
        lambda: services.oproep_record_uitkomst(
            oproep=oproep, actor=klantregisseur, uitkomst=OproepUitkomst.VERSCHENEN, uitkomst_op=oproep.uitkomst_op
        ),
        code="already_recorded",
    )


def test_insufficient_cooperation_is_an_overtreding_with_its_reason(dossier, klantregisseur):
    oproep = services.oproep_send(dossier=dossier, actor=klantregisseur, verzonden_op=SENT)
    services.oproep_record_uitkomst(
        oproep=oproep,
        actor=klantregisseur,
        uitkomst=OproepUitkomst.ONVOLDOENDE_MEEGEWERKT,
        uitkomst_op=SENT + timedelta(days=3),
        toelichting="Weigerde de leerbaarheidstoets.",
    )
    overtreding = IntakeOvertreding.objects.get()
    assert overtreding.soort == OvertredingSoort.ONVOLDOENDE_MEEGEWERKT
    assert overtreding.toelichting == "Weigerde de leerbaarheidstoets."
    assert OproepUitkomst.ONVOLDOENDE_MEEGEWERKT in OPROEP_OVERTREDINGEN.value


def test_reschedule_after_a_cancellation(dossier, klantregisseur):
    oproep = services.oproep_send(dossier=dossier, actor=klantregisseur, verzonden_op=SENT)
    services.oproep_record_uitkomst(
        oproep=oproep,
        actor=klantregisseur,
        uitkomst=OproepUitkomst.AFGEMELD_MET_REDEN,
        uitkomst_op=SENT + timedelta(days=2),
    )
    new = timezone.localtime() + timedelta(days=5)
    services.oproep_reschedule(oproep=oproep, actor=klantregisseur, afspraak_op=new, toelichting="Ziek")
    oproep.refresh_from_db()
    assert oproep.uitkomst == "" and oproep.uitkomst_op is None
    assert oproep.uiterste_datum == timezone.localdate(new)
    assert Oproep.objects.count() == 1
    refused(
        lambda: services.oproep_reschedule(
            oproep=oproep, actor=klantregisseur, afspraak_op=timezone.now() - timedelta(days=1)
        ),
        field="afspraak_op",
    )


def test_a_failing_deadline_recompute_undoes_the_summons(dossier, klantregisseur, monkeypatch):
    def broken(*, dossier):
        raise RuntimeError("termijnen unavailable")

    monkeypatch.setattr(termijnen_services, "termijnen_recompute", broken)
    before = snapshot()
    with pytest.raises(RuntimeError):
        services.oproep_send(dossier=dossier, actor=klantregisseur, verzonden_op=SENT)
    assert snapshot() == before
    dossier.refresh_from_db()
    assert dossier.status == Status.AANGEMELD


def test_oproep_facts_for_the_deadline_engine(dossier, klantregisseur):
    first = send_and_miss(dossier, klantregisseur, verzonden=SENT)
    second = services.oproep_send(dossier=dossier, actor=klantregisseur, verzonden_op=first.uitkomst_op)
    assert selectors.oproep_facts_for(dossier=dossier) == (
        OproepFacts(
            volgnummer=1,
            verzonden_op=SENT,
            uiterste_datum=first.uiterste_datum,
            uitkomst=OproepUitkomst.NIET_VERSCHENEN,
            uitkomst_op=first.uitkomst_op,
        ),
        OproepFacts(volgnummer=2, verzonden_op=second.verzonden_op, uiterste_datum=second.uiterste_datum),
    )


def test_the_database_refuses_a_summons_beyond_the_maximum(dossier):
    with pytest.raises(IntegrityError), transaction.atomic():
        OproepFactory(dossier=dossier, volgnummer=BREDE_INTAKE_OPROEPEN.value + 1)


# --- completing --------------------------------------------------------------------------------


def test_completion_lists_everything_that_is_missing(klantregisseur, gemeente_a):
    intake = BredeIntakeFactory(dossier__gemeente=gemeente_a)
    errors = services.brede_intake_complete_errors(intake=intake, completed_at=timezone.localdate())
    assert fields_of(errors) == {
        *(o.value for o in BREDE_INTAKE_ONDERDELEN.value),
        "alleen_gesprek_gemeld",
        "gezondheid",
        "leerbaarheidstoets",
    }
    refused(lambda: services.brede_intake_complete(intake=intake, actor=klantregisseur))


def test_completion_with_everything_recorded(klantregisseur, gemeente_a):
    intake = BredeIntakeFactory(dossier__gemeente=gemeente_a, ingevuld=True)
    IntakeGezondheidFactory(brede_intake=intake)
    LeerbaarheidstoetsFactory(dossier=intake.dossier, met_resultaat=True)
    refused(
        lambda: services.brede_intake_complete(
            intake=intake, actor=klantregisseur, completed_at=intake.started_at - timedelta(days=1)
        ),
        field="completed_at",
    )
    services.brede_intake_complete(intake=intake, actor=klantregisseur)
    intake.refresh_from_db()
    intake.dossier.refresh_from_db()
    assert intake.status == IntakeStatus.AFGEROND
    assert intake.completed_at == timezone.localdate()
    assert intake.dossier.status == Status.PIP
    refused(lambda: services.brede_intake_complete(intake=intake, actor=klantregisseur), code="afgerond")


def test_completion_waits_for_the_outcome_of_a_summons(klantregisseur, gemeente_a):
    intake = BredeIntakeFactory(dossier__gemeente=gemeente_a, ingevuld=True)
    IntakeGezondheidFactory(brede_intake=intake)
    LeerbaarheidstoetsFactory(dossier=intake.dossier, met_resultaat=True)
    OproepFactory(dossier=intake.dossier)
    refused(lambda: services.brede_intake_complete(intake=intake, actor=klantregisseur), field="oproepen")


# --- leerbaarheidstoets ----------------------------------------------------------------------------


def test_lbt_request_and_result(dossier, klantregisseur):
    services.lbt_request(dossier=dossier, actor=klantregisseur, examennummer="LBT123", aangevraagd_op=SENT)
    lbt = services.lbt_record_result(
        dossier=dossier,
        actor=klantregisseur,
        resultaat=LbtResultaat.B1_NIET_HAALBAAR,
        afgenomen_op=SENT + timedelta(days=7),
        behaalde_score="87,50",
        benodigde_score="100,00",
    )
    assert lbt.examennummer == "LBT123" and lbt.is_afgehandeld
    assert {e.action for e in dossier.events.all()} == {"intake.lbt_aangevraagd", "intake.lbt_resultaat"}


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"examennummer": "X" * (LBT_EXAMENNUMMER_MAX.value + 1)}, "examennummer"),
        ({"examennummer": ""}, "examennummer"),
        ({"afgenomen_op": "future"}, "afgenomen_op"),
        ({"afgenomen_op": date(2024, 1, 1)}, "afgenomen_op"),
        ({"behaalde_score": "123.45"}, "behaalde_score"),
        ({"benodigde_score": "1234,5"}, "benodigde_score"),
        ({"resultaat": "Geslaagd"}, "resultaat"),
    ],
)
def test_lbt_result_rules(dossier, klantregisseur, overrides, field):
    values = {
        "resultaat": LbtResultaat.B1_HAALBAAR.value,
        "afgenomen_op": SENT,
        "examennummer": "LBT9",
        "behaalde_score": "123,45",
        "benodigde_score": "100,00",
        **overrides,
    }
    if values["afgenomen_op"] == "future":
        values["afgenomen_op"] = timezone.localdate() + timedelta(days=1)
    refused(lambda: services.lbt_record_result(dossier=dossier, actor=klantregisseur, **values), field=field)


def test_lbt_exemption_and_result_exclude_each_other(dossier, klantregisseur):
    services.lbt_exempt(
        dossier=dossier,
        actor=klantregisseur,
        vrijstellingsgrond=LbtVrijstellingsgrond.VISUEEL,
        toelichting="Blind sinds de geboorte.",
        vrijgesteld_op=SENT,
    )
    event = dossier.events.get(action="intake.lbt_vrijstelling")
    assert "visu" not in f"{event.summary} {event.changes}".lower()
    assert Verwerking.objects.filter(action=Action.UPDATE_SPECIAL, dossier_id=dossier.pk).count() == 1
    refused(
        lambda: services.lbt_record_result(
            dossier=dossier, actor=klantregisseur, resultaat=LbtResultaat.ONBEKEND, afgenomen_op=SENT, examennummer="X1"
        ),
        field="resultaat",
    )
    other = DossierFactory(gemeente=dossier.gemeente)
    LeerbaarheidstoetsFactory(dossier=other, met_resultaat=True)
    refused(
        lambda: services.lbt_exempt(
            dossier=other, actor=klantregisseur, vrijstellingsgrond=LbtVrijstellingsgrond.AUDITIEF, toelichting="x"
        ),
        field="vrijstellingsgrond",
    )


@pytest.mark.parametrize(
    ("grond", "toelichting", "field"),
    [
        ("motorisch", "Kan niet typen.", "vrijstellingsgrond"),
        (LbtVrijstellingsgrond.AUDITIEF, " ", "vrijstelling_toelichting"),
    ],
)
def test_lbt_exemption_rules(dossier, klantregisseur, grond, toelichting, field):
    refused(
        lambda: services.lbt_exempt(
            dossier=dossier, actor=klantregisseur, vrijstellingsgrond=grond, toelichting=toelichting
        ),
        field=field,
    )


def test_lbt_exemption_needs_the_health_role(dossier, gemeente_a):
    finance = UserFactory(roles=[Role.FINANCIEEL_MEDEWERKER], gemeenten=[gemeente_a])
    refused(
        lambda: services.lbt_exempt(
            dossier=dossier, actor=finance, vrijstellingsgrond=LbtVrijstellingsgrond.VISUEEL, toelichting="x"
        ),
        code="forbidden",
    )


def test_the_database_refuses_exemption_with_a_result(dossier):
    with pytest.raises(IntegrityError), transaction.atomic():
        LeerbaarheidstoetsFactory(
            dossier=dossier, met_resultaat=True, vrijgesteld=True, vrijstellingsgrond=LbtVrijstellingsgrond.VISUEEL
        )


def test_a_dossier_with_an_overtreding_can_be_deleted_as_a_whole(dossier, klantregisseur):
    """Retention (Bi 9.9) deletes the dossier; a summons with an overtreding cannot go on its own."""
    oproep = send_and_miss(dossier, klantregisseur, verzonden=SENT)
    with pytest.raises(IntegrityError), transaction.atomic():
        oproep.delete()
    dossier.events.all().delete()
    # The letters sent are protected evidence (Document and Oproep.brief: PROTECT): retention removes them explicitly.
    Oproep.objects.filter(dossier=dossier).update(brief=None)
    dossier.documenten.all().delete()
    dossier.delete()
    assert not Oproep.objects.exists() and not IntakeOvertreding.objects.exists()


def test_the_timeline_shows_a_choice_by_its_label_not_its_code(klantregisseur, gemeente_a):
    intake = BredeIntakeFactory(dossier__gemeente=gemeente_a, status=IntakeStatus.IN_UITVOERING, zelfredzaamheid="laag")
    services.brede_intake_update(
        intake=intake, actor=klantregisseur, values={"zelfredzaamheid": "hoog", "geletterdheid": "analfabeet"}
    )
    changes = {c["field"]: (c["old"], c["new"]) for c in intake.dossier.events.get(action="intake.update").changes}
    assert changes["zelfredzaamheid"] == ("Laag", "Hoog")
    assert changes["geletterdheid"] == ("—", "Niet gealfabetiseerd")
