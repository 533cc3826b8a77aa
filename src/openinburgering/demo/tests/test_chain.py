"""The chain after the aanmelding in the demo region: brede intake, PIP versions and deadlines follow
the rules and the services, and the journeys (JOURNEYS.md §1-2) have their werkvoorraad."""

import itertools
import json
from collections import Counter
from datetime import date, timedelta

import pytest
from django.db.models import Count, Q

from openinburgering.accounts.constants import Role
from openinburgering.accounts.models import User
from openinburgering.demo.chain import dossier_facts, termijn_values
from openinburgering.demo.generator import JOURNEY_KLANTREGISSEUR, load_region, plan_households
from openinburgering.demo.texts import GEEN_BIJZONDERHEDEN
from openinburgering.dossiers.constants import OPEN_STATUSES, Status
from openinburgering.dossiers.models import Dossier
from openinburgering.dossiers.selectors import WerkvoorraadFilter, werkvoorraad_for_user
from openinburgering.intake.constants import OPEN_INTAKE_STATUSES, IntakeStatus
from openinburgering.intake.models import BredeIntake, IntakeGezondheid, IntakeOvertreding, Leerbaarheidstoets, Oproep
from openinburgering.pip.checks import pip_problems
from openinburgering.pip.models import DECIDED_PIP_STATUSES, OPEN_PIP_STATUSES, Pip, PipAanbod, PipStatus
from openinburgering.pip.selectors import pips_ter_accordering_for_user
from openinburgering.rules.dossiertermijnen import DeadlineKind
from openinburgering.rules.enums import Doelgroep
from openinburgering.rules.intake import GEZONDHEID_AANDACHTSPUNTEN, OPROEP_OVERTREDINGEN, LbtResultaat
from openinburgering.rules.kalender import atw_feestdagen
from openinburgering.rules.leerroute import PVT_MIN_HOURS, Leerroute, Niveau, PipFacts, effective_level, pip_violations
from openinburgering.rules.termijnen import BREDE_INTAKE_OPROEPEN, inburgeringstermijn
from openinburgering.termijnen import services as termijnen_services
from openinburgering.termijnen.models import Termijn
from openinburgering.termijnen.services import termijnen_recompute

TODAY = date(2026, 11, 22)
SEED = 2026
SIZE = 400  # the default demo
PASSED_INTAKE = (Status.PIP, Status.UITVOERING)


@pytest.fixture(scope="module")
def plan():
    return list(plan_households(seed=SEED, size=SIZE, today=TODAY))


@pytest.fixture
def region(db):
    return load_region(seed=SEED, size=SIZE, today=TODAY)


def _termijn_rows(dossier):
    fields = ("soort", "uiterste_datum", "status", "actie_nodig", "gehaald_op", "te_laat", "grondslag",
              "grondslag_url", "grondslag_geverifieerd", "details", "computed_on")  # fmt: skip
    return sorted(Termijn.objects.filter(dossier=dossier).values_list(*fields))


# --- the plan (no database) -------------------------------------------------------------------


def test_the_journey_klantregisseur_has_overdue_and_near_deadlines_on_top(plan):
    """JOURNEYS.md §1.1: on top of Fatima's werkvoorraad, a few overdue deadlines and some close ones."""
    mine = [h.dossier for h in plan if h.dossier.klantregisseur == JOURNEY_KLANTREGISSEUR]
    dated = [d for d in mine if d.status in OPEN_STATUSES and d.termijn_datum]
    overdue = [d for d in dated if d.termijn_datum < TODAY]
    near = [d for d in dated if TODAY <= d.termijn_datum <= TODAY + timedelta(days=14)]
    assert 2 <= len(overdue) <= 8
    assert 2 <= len(near) <= 8
    kinds = {d.termijn_soort for d in overdue}
    assert kinds == {DeadlineKind.PIP_VASTSTELLEN, DeadlineKind.OPROEP_BREDE_INTAKE}


@pytest.mark.parametrize("today", [TODAY, date(2027, 3, 1), date(2026, 6, 10)])
def test_the_region_has_a_handful_of_overdue_deadlines_on_any_day(today):
    plan = list(plan_households(seed=SEED, size=SIZE, today=today))
    open_dossiers = [h.dossier for h in plan if h.dossier.status in OPEN_STATUSES]
    overdue = Counter(d.termijn_soort for d in open_dossiers if d.termijn_datum and d.termijn_datum < today)
    assert 1 <= overdue[DeadlineKind.OPROEP_BREDE_INTAKE] <= 8  # "Uitkomst oproep vastleggen"
    assert 2 <= overdue[DeadlineKind.PIP_VASTSTELLEN] <= 25
    in_uitvoering = [d for d in open_dossiers if d.status == Status.UITVOERING]
    assert not [d for d in in_uitvoering if d.termijn_datum]  # their PIP was set: nothing to act on
    queue = [p for h in plan for p in h.chain.pips if p.values["status"] == PipStatus.TER_ACCORDERING]
    assert 4 <= len(queue) <= 20  # Kees's queue (JOURNEYS.md §2.2): roughly 5-15


def test_route_mix_and_rows_per_dossier():
    plan = list(plan_households(seed=1, size=3_000, today=TODAY))
    first = [h.chain.pips[0].values for h in plan if h.chain.pips]
    mix = Counter(values["leerroute"] for values in first)
    assert 0.62 <= mix[Leerroute.B1_ROUTE] / len(first) <= 0.78
    assert 0.09 <= mix[Leerroute.ONDERWIJSROUTE] / len(first) <= 0.21
    assert 0.09 <= mix[Leerroute.Z_ROUTE] / len(first) <= 0.21
    decided = [h for h in plan if any(p.values["status"] in DECIDED_PIP_STATUSES for p in h.chain.pips)]
    changed = [h for h in decided if any(p.values["status"] == PipStatus.VERVANGEN for p in h.chain.pips)]
    assert 0.02 <= len(changed) / len(decided) <= 0.08
    rows = sum(
        bool(h.chain.intake) + len(h.chain.oproepen) + bool(h.chain.lbt) + len(h.chain.pips) + len(h.chain.termijnen)
        for h in plan
    )
    assert rows / len(plan) < 8


def test_termijn_values_map_a_deadline_as_termijnen_services_does(plan, monkeypatch):
    # deadlines_for reads the gelijkgestelde dagen from the database; the demo plans without extra ones.
    monkeypatch.setattr(termijnen_services, "feestdagen", lambda first, last: atw_feestdagen(range(first, last + 2)))
    for household in plan[:40]:
        d = household.dossier
        facts = dossier_facts(
            doelgroep=Doelgroep(d.doelgroep),
            is_open=d.status in OPEN_STATUSES,
            kennisgeving=d.datum_kennisgeving,
            brp_inschrijving=d.datum_brp_inschrijving,
            rows=household.chain,
        )
        deadlines = termijnen_services.deadlines_for(facts=facts, today=TODAY)
        if d.status in OPEN_STATUSES:
            assert household.chain.termijnen == [termijn_values(deadline, today=TODAY) for deadline in deadlines]
        for deadline in deadlines:
            row = termijnen_services._row(1, deadline, TODAY)  # the mapping termijn_values mirrors
            values = termijn_values(deadline, today=TODAY)
            assert json.loads(values.pop("details")) == row.details
            assert values == {name: getattr(row, name) for name in values}


# --- the loaded region ------------------------------------------------------------------------


def test_every_vastgesteld_pip_passes_duos_rules(region):
    pips = Pip.objects.filter(status=PipStatus.VASTGESTELD).select_related("dossier")
    assert pips.exists()
    for pip in pips:
        dossier = pip.dossier
        first = Pip.objects.get(dossier=dossier, versie=1)
        earlier = None if pip.versie == 1 else first.dagtekening
        first_level = Niveau(first.niveau) if first.niveau else None
        facts = PipFacts(
            leerroute=Leerroute(pip.leerroute),
            niveau=Niveau(pip.niveau) if pip.niveau else None,
            doelgroep=Doelgroep(dossier.doelgroep),
            dagtekening=pip.dagtekening,
            geschatte_intensiteit=pip.geschatte_intensiteit,
            map_included=pip.map_opgenomen,
            z_participatie_uren=pip.z_participatie_uren,
            is_first_pip=pip.versie == 1,
            plicht_begindatum=dossier.plicht_begindatum,
            vestigingsdatum=dossier.datum_brp_inschrijving,
            eerste_dagtekening=earlier,
            vorige_dagtekening=earlier,
            vorige_niveau=None if pip.versie == 1 else effective_level(Leerroute(first.leerroute), first_level),
            afschalen_uren=pip.afschalen_uren,
            afschalen_inspanning=pip.afschalen_inspanning,
        )
        assert pip_violations(facts) == [], pip.pk
        assert pip.dagtekening >= dossier.plicht_begindatum
        assert dossier.datum_brp_inschrijving is None or pip.dagtekening >= dossier.datum_brp_inschrijving
        assert pip.dagtekening < TODAY and pip.bekendmaking == pip.dagtekening
        termijn = inburgeringstermijn(first.dagtekening)  # Wi 11(3): later versions keep the first's term
        assert (pip.inburgeringstermijn_start, pip.inburgeringstermijn_einde) == (termijn.start, termijn.last_day)
        assert pip.pvt_intensiteit_uren >= PVT_MIN_HOURS.value
        assert pip.beschikking_id is None
        # The app's own check at sign-off: completeness, DUO's rules and those of each inburgeringsaanbod.
        assert pip_problems(pip, dagtekening=pip.dagtekening) == [], pip.pk


def test_the_onderwijsroute_is_for_young_people_only(region):
    for pip in Pip.objects.filter(leerroute=Leerroute.ONDERWIJSROUTE).select_related("dossier__inburgeraar"):
        born, on = pip.dossier.inburgeraar.geboortedatum, pip.dagtekening or TODAY
        assert on.year - born.year - ((on.month, on.day) < (born.month, born.day)) < 30


def test_pip_versions_follow_the_dossier(region):
    dossiers = Dossier.objects.annotate(
        vastgesteld=Count("pips", filter=Q(pips__status=PipStatus.VASTGESTELD)),
        open_versions=Count("pips", filter=Q(pips__status__in=OPEN_PIP_STATUSES)),
        versions=Count("pips"),
    )
    for dossier in dossiers:
        if dossier.status == Status.UITVOERING:
            assert dossier.vastgesteld == 1
        elif dossier.status == Status.PIP:
            assert (dossier.vastgesteld, dossier.open_versions) == (0, 1)
        elif dossier.status in (Status.AANGEMELD, Status.BREDE_INTAKE):
            assert dossier.versions == 0
        if dossier.status not in OPEN_STATUSES:
            assert dossier.open_versions == 0
    for pip in Pip.objects.filter(versie__gt=1).select_related("vorige"):
        assert pip.vorige.versie == pip.versie - 1 and pip.vorige.dossier_id == pip.dossier_id
        assert pip.wijzigingsreden
        if pip.status == PipStatus.VASTGESTELD:
            assert pip.vorige.status == PipStatus.VERVANGEN and pip.dagtekening > pip.vorige.dagtekening
    assert Pip.objects.filter(status=PipStatus.VERVANGEN).exists()


def test_four_eyes_drafter_and_approver_differ(region):
    pips = Pip.objects.select_related("dossier", "drafted_by", "approved_by")
    for pip in pips:
        assert pip.drafted_by.has_role(Role.KLANTREGISSEUR)
        assert pip.drafted_by.scope.covers_gemeente(pip.dossier.gemeente_id)
        if pip.status in OPEN_PIP_STATUSES:
            assert pip.approved_by_id is None
            assert (pip.submitted_at is not None) == (pip.status == PipStatus.TER_ACCORDERING)
            continue
        assert pip.approved_by.has_role(Role.TEAMLEIDER)
        assert pip.approved_by_id not in (pip.drafted_by_id, pip.submitted_by_id)
        assert pip.drafted_at <= pip.submitted_at <= pip.approved_at


def test_the_teamleider_has_pips_to_sign_off(region):
    kees = User.objects.get(username="teamleider")
    queue = list(pips_ter_accordering_for_user(user=kees))
    assert 5 <= len(queue) <= 15
    for pip in queue:
        assert not pip.is_own
        assert pip_problems(pip, dagtekening=TODAY) == [], pip.pk  # Kees can approve it today


def test_intake_follows_the_dossier(region):
    for dossier in Dossier.objects.select_related("brede_intake"):
        intake = getattr(dossier, "brede_intake", None)
        if dossier.status == Status.AANGEMELD:
            assert intake is None
            continue
        if dossier.status in PASSED_INTAKE:
            assert intake.status == IntakeStatus.AFGEROND and intake.completed_at
            assert not intake.onderdelen_ontbrekend and intake.alleen_gesprek_gemeld
        elif dossier.status == Status.BREDE_INTAKE:
            assert intake.status in OPEN_INTAKE_STATUSES
    # Every completed intake has its health recorded, as the app requires; few say more than "geen bijzonderheden".
    afgerond = BredeIntake.objects.filter(status=IntakeStatus.AFGEROND)
    assert not afgerond.filter(gezondheid__isnull=True).exists()
    details = IntakeGezondheid.objects.exclude(lichamelijke_gezondheid=GEEN_BIJZONDERHEDEN)
    assert 0 < details.count() <= 0.1 * afgerond.count()
    # Health-related aandachtspunten are part of the health section (intake.services.gezondheid_update).
    for intake in BredeIntake.objects.select_related("gezondheid"):
        if set(intake.aandachtspunten) & GEZONDHEID_AANDACHTSPUNTEN:
            assert intake.gezondheid.is_ingevuld


def test_summonses_follow_wi_14_and_22(region):
    for dossier in Dossier.objects.filter(oproepen__isnull=False).distinct().prefetch_related("oproepen"):
        oproepen = sorted(dossier.oproepen.all(), key=lambda o: o.volgnummer)
        assert [o.volgnummer for o in oproepen] == list(range(1, len(oproepen) + 1))
        assert len(oproepen) <= BREDE_INTAKE_OPROEPEN.value
        for earlier, later in itertools.pairwise(oproepen):
            assert earlier.uitkomst in OPROEP_OVERTREDINGEN.value
            assert later.verzonden_op >= earlier.uitkomst_op >= earlier.uiterste_datum
            assert IntakeOvertreding.objects.filter(oproep=earlier, dossier=dossier).exists()
        assert [o.is_waarschuwing for o in oproepen] == [o.volgnummer == 2 for o in oproepen]
        if dossier.status in PASSED_INTAKE:
            assert oproepen[-1].uitkomst == "verschenen"
    assert IntakeOvertreding.objects.count() == Oproep.objects.filter(uitkomst__in=OPROEP_OVERTREDINGEN.value).count()


def test_every_dossier_past_the_intake_has_a_leerbaarheidstoets(region):
    for dossier in Dossier.objects.filter(status__in=PASSED_INTAKE).select_related("leerbaarheidstoets"):
        assert dossier.leerbaarheidstoets.is_afgehandeld
    results = Counter(Leerbaarheidstoets.objects.values_list("resultaat", flat=True))
    assert results[LbtResultaat.B1_HAALBAAR] > results[LbtResultaat.B1_NIET_HAALBAAR] > 0
    assert 0 < Leerbaarheidstoets.objects.filter(vrijgesteld=True).count() < 0.05 * results.total()


def test_a_sample_of_the_chain_passes_model_validation(region):
    for model in (BredeIntake, IntakeGezondheid, Oproep, IntakeOvertreding, Leerbaarheidstoets, Pip, PipAanbod):
        for instance in model.objects.order_by("pk")[::11]:
            instance.full_clean()


def test_stored_deadlines_are_what_termijnen_recompute_computes(region):
    """Recomputing from the intake and PIP tables changes nothing: the planned facts match the rows."""
    dossiers = list(Dossier.objects.filter(status__in=OPEN_STATUSES).order_by("pk"))
    by_kind = {}
    for dossier in dossiers:
        by_kind.setdefault((dossier.status, dossier.termijn_soort), dossier)
    sample = list(by_kind.values()) + dossiers[::9]
    for dossier in sample:
        before = (dossier.termijn_datum, dossier.termijn_soort, _termijn_rows(dossier))
        termijnen_recompute(dossier=dossier, today=TODAY)
        dossier.refresh_from_db()
        assert (dossier.termijn_datum, dossier.termijn_soort, _termijn_rows(dossier)) == before, dossier.pk
    assert not Termijn.objects.filter(dossier__status__in=[Status.AFGEROND, Status.BEEINDIGD, Status.OVERGEDRAGEN])


def test_fatima_sees_overdue_and_near_deadlines_first(region):
    fatima = User.objects.get(username=JOURNEY_KLANTREGISSEUR)
    werkvoorraad = werkvoorraad_for_user(
        user=fatima, filters=WerkvoorraadFilter.from_query({}, user=fatima), today=TODAY
    )
    top = list(werkvoorraad[:4])
    assert top[0].termijn_datum < TODAY and top[1].termijn_datum < TODAY
    assert all(d.termijn_datum and d.termijn_datum <= TODAY + timedelta(days=14) for d in top)
