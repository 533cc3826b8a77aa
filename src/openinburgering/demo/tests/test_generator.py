import itertools
import random
from collections import Counter
from datetime import date

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db.models import Count, Q

from openinburgering.accounts.constants import Role
from openinburgering.accounts.models import User
from openinburgering.demo.generator import (
    ALL_GEMEENTEN,
    DEMO_PASSWORD,
    DUO_ACTOR_LABEL,
    USERS,
    BsnSequence,
    load_region,
    plan_households,
)
from openinburgering.dossiers.constants import CLOSED_STATUSES, CLOSING_REASONS, OPEN_STATUSES, TRANSITIONS, Status
from openinburgering.dossiers.models import Dossier, DossierEvent, Gezinslid, Inburgeraar
from openinburgering.dossiers.services import zoeknaam_for
from openinburgering.gemeenten.models import Gemeente, Uitvoeringsorganisatie
from openinburgering.rules import personen
from openinburgering.rules.enums import DOELGROEP_OF_GEDETAILLEERD, Doelgroep, GedetailleerdeDoelgroep

TODAY = date(2026, 11, 22)
SEED = 7
SIZE = 150


@pytest.fixture
def region(db):
    return load_region(seed=SEED, size=SIZE, today=TODAY)


def _plan(seed=SEED, size=SIZE, today=TODAY):
    return list(plan_households(seed=seed, size=size, today=today))


# --- the plan (no database) -------------------------------------------------------------------


def test_same_seed_and_date_give_the_same_plan():
    assert _plan() == _plan()


def test_another_seed_gives_other_data():
    first, second = _plan(seed=1), _plan(seed=2)
    assert [h.person.bsn for h in first] != [h.person.bsn for h in second]
    assert [h.person.geslachtsnaam for h in first] != [h.person.geslachtsnaam for h in second]


def test_a_longer_plan_starts_with_the_shorter_one():
    assert _plan(size=200)[:SIZE] == _plan(size=SIZE)


def test_the_plan_does_not_depend_on_global_random_state():
    random.seed(1)
    first = _plan()
    random.seed(2)
    assert _plan() == first


def test_doelgroep_mix_follows_the_national_figures():
    plan = _plan(size=2_000)
    asiel = sum(h.dossier.doelgroep == Doelgroep.ASIELSTATUSHOUDER for h in plan) / len(plan)
    assert 0.56 <= asiel <= 0.66  # 61% in cohort 2023 (domain brief §7)


def test_dordrecht_has_the_most_dossiers():
    per_gemeente = Counter(h.dossier.gemeente for h in _plan(size=1_000))
    assert per_gemeente.most_common(1)[0][0] == "0505"
    assert set(per_gemeente) == set(ALL_GEMEENTEN)


def test_the_demo_klantregisseur_has_a_realistic_caseload_at_the_default_size():
    plan = _plan(seed=2026, size=400)
    mine = [h.dossier for h in plan if h.dossier.klantregisseur == "klantregisseur"]
    assert {d.gemeente for d in mine} <= {"0505", "0642"}  # Dordrecht, Zwijndrecht
    assert 55 <= sum(d.status in OPEN_STATUSES for d in mine) <= 80  # JOURNEYS.md §1: 68


def test_bsns_continue_past_the_test_range_without_repeats():
    bsns = list(itertools.islice(BsnSequence(random.Random(1)), 100_000))
    assert len(set(bsns)) == len(bsns)
    assert all(personen.bsn_is_valid(bsn) for bsn in bsns)
    prefixes = [bsn[:3] for bsn in bsns]
    assert set(prefixes) == {"999", "998"}
    first_998 = prefixes.index("998")
    assert set(prefixes[first_998:]) == {"998"}  # the 999 range is used up first


# --- the loaded region ------------------------------------------------------------------------


def test_the_database_holds_the_plan(region):
    plan = _plan()
    assert list(Inburgeraar.objects.order_by("pk").values_list("bsn", flat=True)) == [h.person.bsn for h in plan]
    assert list(Dossier.objects.order_by("pk").values_list("status", flat=True)) == [h.dossier.status for h in plan]
    assert Gezinslid.objects.count() == sum(len(h.gezinsleden) for h in plan) == region.gezinsleden
    assert DossierEvent.objects.count() == sum(len(h.events) for h in plan) == region.events


def test_every_bsn_is_a_valid_unique_test_number(region):
    bsns = list(Inburgeraar.objects.values_list("bsn", flat=True))
    bsns += list(Gezinslid.objects.exclude(bsn="").values_list("bsn", flat=True))
    assert len(bsns) == len(set(bsns))
    assert all(personen.bsn_is_valid(bsn) and bsn.startswith("999") for bsn in bsns)
    assert all(personen.vnummer_normalise(v) == v for v in Inburgeraar.objects.values_list("vnummer", flat=True))


def test_every_person_was_in_the_age_window_when_the_duty_began(region):
    for geboortedatum, begin in Dossier.objects.values_list("inburgeraar__geboortedatum", "plicht_begindatum"):
        assert personen.in_age_window(birth_date=geboortedatum, plicht_begindatum=begin)


def test_gedetailleerde_doelgroep_belongs_to_the_doelgroep(region):
    for doelgroep, detail in Dossier.objects.values_list("doelgroep", "gedetailleerde_doelgroep"):
        assert DOELGROEP_OF_GEDETAILLEERD[GedetailleerdeDoelgroep(detail)] == Doelgroep(doelgroep)


def test_dates_follow_each_other_and_none_lies_in_the_future(region):
    for dossier in Dossier.objects.all():
        assert personen.WI2021_IN_FORCE.value <= dossier.plicht_begindatum <= dossier.datum_kennisgeving < TODAY
        assert dossier.created_at.date() >= dossier.datum_kennisgeving
        assert dossier.created_at <= dossier.updated_at and dossier.updated_at.date() < TODAY
        if dossier.doelgroep != Doelgroep.ASIELSTATUSHOUDER:
            assert dossier.datum_huisvesting is None and dossier.datum_brp_inschrijving is None
        if dossier.datum_brp_inschrijving:
            assert dossier.plicht_begindatum < dossier.datum_huisvesting <= dossier.datum_brp_inschrijving < TODAY
    for lid in Gezinslid.objects.all():
        assert lid.geboortedatum < TODAY


def test_open_dossiers_have_no_end_and_closed_ones_say_why(region):
    for dossier in Dossier.objects.all():
        status = Status(dossier.status)
        if status in OPEN_STATUSES:
            assert dossier.plicht_einddatum is None and dossier.closed_at is None
            assert dossier.plicht_reden_einde == "" and dossier.overgedragen_aan == ""
        elif status in CLOSING_REASONS:
            assert dossier.plicht_reden_einde in CLOSING_REASONS[status]
            assert dossier.plicht_begindatum <= dossier.plicht_einddatum <= dossier.closed_at.date()
        else:
            assert status == Status.OVERGEDRAGEN
            assert dossier.overgedragen_aan and dossier.closed_at
            assert dossier.plicht_reden_einde == ""


def test_at_most_one_open_dossier_per_person_and_every_status_present(region):
    open_counts = Inburgeraar.objects.annotate(n=Count("dossiers", filter=Q(dossiers__status__in=OPEN_STATUSES)))
    assert not open_counts.filter(n__gt=1).exists()
    assert set(Dossier.objects.values_list("status", flat=True)) == set(Status.values)


def test_klantregisseurs_work_in_the_gemeente_of_their_dossiers(region):
    dossiers = Dossier.objects.select_related("klantregisseur")
    for dossier in dossiers.exclude(klantregisseur=None):
        assert dossier.klantregisseur.has_role(Role.KLANTREGISSEUR)
        assert dossier.klantregisseur.scope.covers_gemeente(dossier.gemeente_id)
    open_dossiers = dossiers.filter(status__in=OPEN_STATUSES)
    assert 0 < open_dossiers.filter(klantregisseur=None).count() <= 0.12 * open_dossiers.count()


def test_each_timeline_starts_with_the_aanmelding_and_follows_the_allowed_moves(region):
    labels = {str(status.label): status for status in Status}
    dossiers = Dossier.objects.prefetch_related("events").select_related("klantregisseur")
    for dossier in dossiers:
        events = sorted(dossier.events.all(), key=lambda e: (e.at, e.pk))
        assert events[0].action == "aangemeld" and events[0].at == dossier.created_at
        assert events[0].actor_label in (DUO_ACTOR_LABEL, str(dossier.klantregisseur))
        current = Status.AANGEMELD
        for event in events[1:]:
            assert event.at <= dossier.updated_at
            if event.action != "status":
                assert event.action.startswith(("intake.", "pip_"))
                continue
            move = event.changes[0]
            assert labels[move["old"]] == current
            assert labels[move["new"]] in TRANSITIONS[current]
            current = labels[move["new"]]
        assert current == dossier.status
        if dossier.status in CLOSED_STATUSES:
            assert events[-1].at == dossier.closed_at


def test_zoeknaam_is_filled_as_the_services_do(region):
    for person in Inburgeraar.objects.all():
        assert person.zoeknaam == zoeknaam_for(
            voornamen=person.voornamen, voorvoegsel=person.voorvoegsel, geslachtsnaam=person.geslachtsnaam
        )


def test_a_sample_passes_model_validation(region):
    uitvoeringsorganisatie = Uitvoeringsorganisatie.objects.get()
    uitvoeringsorganisatie.full_clean()
    assert uitvoeringsorganisatie.is_openbaar_lichaam
    for gemeente in Gemeente.objects.all():
        gemeente.full_clean()  # CBS code, OIN and IBAN validators
        assert gemeente.oin.startswith("00000001") and gemeente.oin.endswith("000")
    assert sorted(Gemeente.objects.values_list("code", flat=True)) == sorted(ALL_GEMEENTEN)
    for model in (Inburgeraar, Dossier, Gezinslid):
        for instance in model.objects.order_by("pk")[::7]:
            instance.full_clean()


def test_every_demo_gemeente_sends_letters_with_address_phone_and_email(region):
    import io

    from pypdf import PdfReader

    from openinburgering.letters.models import LetterTemplate
    from openinburgering.ontzorgen.factories import OntzorgingFactory
    from openinburgering.ontzorgen.letters import beschikking_render

    for gemeente in Gemeente.objects.all():
        letter_template = LetterTemplate.objects.get(gemeente=gemeente)
        letter_template.full_clean()
        assert letter_template.missing_for_letters() == []
    dordrecht = LetterTemplate.objects.get(gemeente__code="0505")
    dossier = Dossier.objects.filter(gemeente__code="0505").first()
    pdf = beschikking_render(OntzorgingFactory(dossier=dossier, created_by=User.objects.get(username="financieel")))
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages).split())
    assert dordrecht.telefoon in text and dordrecht.email in text
    assert all(line in text for line in dordrecht.afzender_adresregels)


def test_there_is_one_demo_login_per_role(region):
    for role in Role.values:
        assert User.objects.filter(groups__name=role).exists(), role
    for spec in USERS:
        user = User.objects.get(username=spec.username)
        assert user.check_password(DEMO_PASSWORD)
        assert user.roles == frozenset(spec.roles)
        assert sorted(user.gemeenten.values_list("code", flat=True)) == sorted(spec.gemeenten)
        assert user.is_staff == spec.is_staff
    assert User.objects.get(username="aanbieder").scope.is_aanbieder
    beheerder = User.objects.get(username="beheerder")
    assert beheerder.has_perm("gemeenten.change_gemeente") and not beheerder.is_superuser


def test_a_new_aanmelding_after_loading_gets_a_fresh_id(region):
    plan = _plan()[0]
    person = Inburgeraar.objects.create(
        bsn="999999990", voornamen="Nieuw", geslachtsnaam="Persoon", geboortedatum=date(1990, 1, 1)
    )
    dossier = Dossier.objects.create(
        inburgeraar=person,
        gemeente=Gemeente.objects.get(code="0505"),
        doelgroep=plan.dossier.doelgroep,
        plicht_begindatum=date(2026, 1, 1),
    )
    assert person.pk == SIZE + 1 and dossier.pk == SIZE + 1


# --- the commands -----------------------------------------------------------------------------


@pytest.mark.django_db
def test_demo_region_loads_once_and_refuses_a_second_time(capsys):
    call_command("demo_region", seed=1, size=20, today=TODAY)
    assert Dossier.objects.count() == 20

    call_command("demo_region", seed=1, size=20, if_empty=True)
    assert "niets veranderd" in capsys.readouterr().out
    with pytest.raises(CommandError, match="lege database"):
        call_command("demo_region", seed=1, size=20)
    assert Dossier.objects.count() == 20


@pytest.mark.django_db
def test_a_region_loaded_before_letter_templates_gets_them(capsys):
    from openinburgering.letters.models import LetterTemplate

    call_command("demo_region", seed=1, size=5, today=TODAY)
    LetterTemplate.objects.filter(gemeente__code__in=["0505", "0642"]).delete()
    capsys.readouterr()

    call_command("demo_region", seed=1, size=5, if_empty=True)

    assert "briefsjablonen aangevuld voor 2 gemeente(n)" in capsys.readouterr().out
    assert LetterTemplate.objects.filter(gemeente__code__in=ALL_GEMEENTEN).count() == len(ALL_GEMEENTEN)
    assert Dossier.objects.count() == 5


@pytest.mark.django_db
def test_demo_logins_lists_every_demo_user_and_the_password(capsys):
    call_command("demo_region", seed=1, size=5, today=TODAY)
    capsys.readouterr()
    call_command("demo_logins")
    out = capsys.readouterr().out
    assert DEMO_PASSWORD in out and "http://127.0.0.1:8000" in out
    for spec in USERS:
        assert spec.username in out and spec.full_name in out
    assert "Dordrecht, Zwijndrecht" in out and "Taalschool De Brug" in out
