"""PIP services: drafting, DUO's acceptance rules at submit, four-eyes sign-off, versions and the letter."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from openinburgering.aanbod.factories import AanbiederFactory
from openinburgering.accounts.constants import Role
from openinburgering.accounts.factories import UserFactory
from openinburgering.core.exceptions import DomainError, StaleTransition
from openinburgering.core.tests.clock import travel_to
from openinburgering.dossiers.constants import Status
from openinburgering.dossiers.factories import DossierFactory
from openinburgering.dossiers.models import DossierEvent
from openinburgering.letters.models import Document
from openinburgering.logboek.models import Verwerking
from openinburgering.pip import services
from openinburgering.pip.exceptions import FourEyesViolation, PipRefused
from openinburgering.pip.factories import InformatieverzoekFactory, PipAanbodFactory, PipFactory
from openinburgering.pip.models import Pip, PipAanbod, PipStatus
from openinburgering.pip.selectors import pip_termijn_facts
from openinburgering.rules.enums import Doelgroep, GedetailleerdeDoelgroep
from openinburgering.rules.kalender import atw_feestdagen
from openinburgering.rules.leerroute import AFSCHALEN_MIN_HOURS
from openinburgering.rules.termijnen import bezwaartermijn_end, inburgeringstermijn
from openinburgering.termijnen.constants import Soort, TermijnStatus
from openinburgering.termijnen.models import Termijn

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate

# Koningsdag, a public holiday (Algemene termijnenwet): deadlines from today must skip it.
KONINGSDAG = date(2027, 4, 27)


@pytest.fixture(autouse=True)
def today():
    with travel_to(KONINGSDAG):
        yield KONINGSDAG


COMPLETE = {
    "leerroute": "B",
    "niveau": "",
    "alfabetisering": "NVT",
    "map_opgenomen": True,
    "map_intensiteit": "Acht bijeenkomsten en een eindgesprek.",
    "pvt_intensiteit_uren": 16,
    "maatschappelijke_begeleiding": "VluchtelingenWerk",
    "begeleiding_ondersteuning": "Maandelijks gesprek",
    "aantal_voortgangsgesprekken": 3,
    "motivering": "B1 is haalbaar.",
    "overweging_b1_route": "Haalbaar.",
    "overweging_onderwijsroute": "Geen opleidingswens.",
    "overweging_z_route": "Niet nodig.",
}


def concept(dossier, actor, **content):
    pip = services.pip_draft_create(dossier=dossier, actor=actor)
    return services.pip_draft_update(pip=pip, actor=actor, data={**COMPLETE, **content})


def approved(dossier, drafter, approver, *, dagtekening=None, **content):
    pip = services.pip_submit(pip=concept(dossier, drafter, **content), actor=drafter)
    services.pip_letter_viewed(pip=pip, viewer=approver)
    return services.pip_approve(pip=pip, approver=approver, dagtekening=dagtekening)


def route_content(route, niveau):
    on_onderwijsroute = route == "O"
    return {
        "leerroute": route,
        "niveau": niveau,
        "map_opgenomen": not on_onderwijsroute,
        "map_intensiteit": "" if on_onderwijsroute else "Acht bijeenkomsten.",
        "overweging_b1_route": "Overwogen.",
        "overweging_onderwijsroute": "Overwogen.",
        "overweging_z_route": "Overwogen.",
    }


def pip_events(dossier):
    return list(dossier.events.filter(action__startswith="pip").values_list("action", flat=True))


# --- drafting --------------------------------------------------------------------------------


def test_draft_create_starts_version_one_and_records_it(dossier, klantregisseur):
    before = Verwerking.objects.count()
    pip = services.pip_draft_create(dossier=dossier, actor=klantregisseur)
    assert (pip.versie, pip.status, pip.drafted_by, pip.vorige) == (1, PipStatus.CONCEPT, klantregisseur, None)
    assert pip_events(dossier) == ["pip_concept"]
    row = Verwerking.objects.order_by("-pk").first()
    assert Verwerking.objects.count() == before + 1
    assert (row.subject, row.dossier_id, row.actor_id) == ("pip", dossier.pk, klantregisseur.pk)


def test_draft_needs_the_brede_intake(gemeente_a, klantregisseur):
    dossier = DossierFactory(gemeente=gemeente_a, status=Status.AANGEMELD)
    with pytest.raises(DomainError) as excinfo:
        services.pip_draft_create(dossier=dossier, actor=klantregisseur)
    assert excinfo.value.code == "no_intake"
    assert not Pip.objects.exists()


def test_only_one_open_version_per_dossier(dossier, klantregisseur, teamleider):
    services.pip_draft_create(dossier=dossier, actor=klantregisseur)
    with pytest.raises(DomainError) as excinfo:
        services.pip_draft_create(dossier=dossier, actor=teamleider)
    assert excinfo.value.code == "open_exists"
    assert dossier.pips.count() == 1


def test_draft_outside_scope_or_role_is_refused(dossier, klantregisseur_b, gemeente_a):
    financieel = UserFactory(roles=[Role.FINANCIEEL_MEDEWERKER], gemeenten=[gemeente_a])
    for actor in (klantregisseur_b, financieel):
        with pytest.raises(DomainError) as excinfo:
            services.pip_draft_create(dossier=dossier, actor=actor)
        assert excinfo.value.code == "forbidden"
    assert not Pip.objects.exists()


def test_draft_update_records_old_and_new(dossier, klantregisseur):
    pip = services.pip_draft_create(dossier=dossier, actor=klantregisseur)
    pip = services.pip_draft_update(pip=pip, actor=klantregisseur, data={"leerroute": "Z", "ontzorgen": True})
    assert (pip.leerroute, pip.ontzorgen) == ("Z", True)
    event = dossier.events.get(action="pip_gewijzigd")
    assert {(c["field"], c["old"], c["new"]) for c in event.changes} == {
        ("leerroute", "—", "Zelfredzaamheidsroute (Z-route)"),
        ("ontzorgen", "nee", "ja"),
    }


def test_draft_update_refuses_pvt_below_the_minimum(dossier, klantregisseur):
    pip = services.pip_draft_create(dossier=dossier, actor=klantregisseur)
    with pytest.raises(DomainError) as excinfo:
        services.pip_draft_update(pip=pip, actor=klantregisseur, data={"pvt_intensiteit_uren": 3})
    assert excinfo.value.field == "pvt_intensiteit_uren"
    pip.refresh_from_db()
    assert pip.pvt_intensiteit_uren is None


def test_a_vastgesteld_pip_is_never_edited(dossier, klantregisseur):
    pip = PipFactory(dossier=dossier, vastgesteld=True)
    with pytest.raises(DomainError) as excinfo:
        services.pip_draft_update(pip=pip, actor=klantregisseur, data={"leerroute": "Z", "motivering": "Anders"})
    assert excinfo.value.code == "not_concept"
    with pytest.raises(DomainError):
        services.pip_aanbod_set(
            pip=pip, actor=klantregisseur, instelling=AanbiederFactory(), datum_inburgeringsaanbod=TODAY()
        )
    with pytest.raises(DomainError):
        services.pip_draft_delete(pip=pip, actor=klantregisseur)
    pip.refresh_from_db()
    assert (pip.status, pip.leerroute, pip.motivering) == (PipStatus.VASTGESTELD, "B", PipFactory.motivering)
    assert not pip.aanbod.exists()


def test_a_version_ter_accordering_is_not_edited(dossier, klantregisseur):
    pip = PipFactory(dossier=dossier, ter_accordering=True, drafted_by=klantregisseur)
    with pytest.raises(DomainError) as excinfo:
        services.pip_draft_update(pip=pip, actor=klantregisseur, data={"leerroute": "Z"})
    assert excinfo.value.code == "not_concept"


def test_draft_delete_removes_a_concept_and_its_aanbod(dossier, klantregisseur):
    pip = PipFactory(dossier=dossier, drafted_by=klantregisseur)
    PipAanbodFactory(pip=pip)
    services.pip_draft_delete(pip=pip, actor=klantregisseur)
    assert not Pip.objects.exists()
    assert not PipAanbod.objects.exists()
    assert pip_events(dossier) == ["pip_verwijderd"]


# --- DUO's acceptance rules: the whole route × level × first-PIP matrix ------------------------

# (leerroute, niveau) → the violation for a first PIP and for a later one (None: accepted).
# DUO README "Het aanleveren van een PIP": A2 not on the onderwijsroute, B1 not on the Z-route,
# A2 on the B1-route not on a person's first PIP; no level means B1 on routes B and O.
ROUTE_LEVEL_EXPECTED = {
    ("B", "A2"): ("niveau_eerste_pip", None),
    ("B", "B1"): (None, None),
    ("B", ""): (None, None),
    ("O", "A2"): ("niveau_route", "niveau_route"),
    ("O", "B1"): (None, None),
    ("O", ""): (None, None),
    ("Z", "A2"): (None, None),
    ("Z", "B1"): ("niveau_route", "niveau_route"),
    ("Z", ""): (None, None),
}
MATRIX = [
    (route, niveau, first, expected[0 if first else 1])
    for (route, niveau), expected in ROUTE_LEVEL_EXPECTED.items()
    for first in (True, False)
]


@pytest.mark.parametrize(
    ("route", "niveau", "first", "expected"),
    MATRIX,
    ids=[f"{r}-{n or 'geen'}-{'eerste' if f else 'latere'}" for r, n, f, _ in MATRIX],
)
def test_route_level_matrix(dossier, klantregisseur, route, niveau, first, expected):
    if first:
        pip = concept(dossier, klantregisseur, **route_content(route, niveau))
    else:
        PipFactory(dossier=dossier, vastgesteld=True)
        pip = services.pip_draft_create(dossier=dossier, actor=klantregisseur, wijzigingsreden="Voortgang")
        # The lessons and effort of Bi 5.5 are there: this matrix is about DUO's level rules.
        afschalen = {"afschalen_uren": AFSCHALEN_MIN_HOURS.value, "afschalen_inspanning": True} if route == "B" else {}
        data = route_content(route, niveau) | afschalen
        pip = services.pip_draft_update(pip=pip, actor=klantregisseur, data=data)
        assert pip.versie == 2

    if expected is None:
        services.pip_submit(pip=pip, actor=klantregisseur)
        pip.refresh_from_db()
        assert pip.status == PipStatus.TER_ACCORDERING
    else:
        with pytest.raises(PipRefused) as excinfo:
            services.pip_submit(pip=pip, actor=klantregisseur)
        assert excinfo.value.codes == [expected]
        assert excinfo.value.fields == {"niveau"}
        pip.refresh_from_db()
        assert pip.status == PipStatus.CONCEPT


def test_a2_allowed_after_a_pip_in_another_gemeente(gemeente_a, gemeente_b, klantregisseur):
    """DUO: A2 is refused on "de eerste PIP ... voor de persoon ongeacht welke gemeente"; this is not the first."""
    earlier = DossierFactory(gemeente=gemeente_b, status=Status.OVERGEDRAGEN, overgedragen_aan="Aadorp")
    PipFactory(dossier=earlier, vastgesteld=True)
    dossier = DossierFactory(gemeente=gemeente_a, inburgeraar=earlier.inburgeraar, status=Status.BREDE_INTAKE)
    pip = concept(dossier, klantregisseur, niveau="A2")
    with pytest.raises(PipRefused) as excinfo:  # DUO accepts it, but A2 after a B1 PIP is afschalen (Bi 5.5)
        services.pip_submit(pip=pip, actor=klantregisseur)
    assert set(excinfo.value.codes) == {"afschalen_uren", "afschalen_inspanning"}
    pip = services.pip_draft_update(
        pip=pip, actor=klantregisseur, data={"niveau": "A2", "afschalen_uren": 650, "afschalen_inspanning": True}
    )
    services.pip_submit(pip=pip, actor=klantregisseur)  # not the person's first PIP: accepted


GEZINSMIGRANT = {
    "doelgroep": Doelgroep.GEZINSMIGRANT_EN_OVERIGE_MIGRANT.value,
    "gedetailleerde_doelgroep": GedetailleerdeDoelgroep.GEZINSVORMER.value,
}


@pytest.mark.parametrize(
    ("route", "doelgroep", "uren", "expected"),
    [
        ("B", {}, 900, None),
        ("B", GEZINSMIGRANT, 900, "intensiteit_alleen_b1_asiel"),
        ("O", {}, 900, "intensiteit_alleen_b1_asiel"),
        ("Z", {}, 900, "intensiteit_alleen_b1_asiel"),
        ("B", {}, 0, "intensiteit_bereik"),
        ("B", {}, 10_000, "intensiteit_bereik"),
    ],
)
def test_geschatte_intensiteit_only_b1_route_and_asiel(gemeente_a, klantregisseur, route, doelgroep, uren, expected):
    dossier = DossierFactory(gemeente=gemeente_a, status=Status.BREDE_INTAKE, **doelgroep)
    pip = concept(dossier, klantregisseur, **route_content(route, ""), geschatte_intensiteit=uren)
    if expected is None:
        services.pip_submit(pip=pip, actor=klantregisseur)
        return
    with pytest.raises(PipRefused) as excinfo:
        services.pip_submit(pip=pip, actor=klantregisseur)
    assert excinfo.value.codes == [expected]
    assert excinfo.value.fields == {"geschatte_intensiteit"}


@pytest.mark.parametrize(
    ("route", "map_opgenomen", "expected"),
    [("O", True, "map_niet_op_onderwijsroute"), ("B", False, "map_verplicht"), ("Z", False, "map_verplicht")],
)
def test_map_not_on_onderwijsroute_and_required_elsewhere(dossier, klantregisseur, route, map_opgenomen, expected):
    pip = concept(dossier, klantregisseur, **{**route_content(route, ""), "map_opgenomen": map_opgenomen})
    with pytest.raises(PipRefused) as excinfo:
        services.pip_submit(pip=pip, actor=klantregisseur)
    assert expected in excinfo.value.codes
    assert "map_opgenomen" in excinfo.value.fields


def test_submit_reports_every_problem_at_once_and_changes_nothing(gemeente_a, klantregisseur):
    dossier = DossierFactory(gemeente=gemeente_a, status=Status.BREDE_INTAKE, **GEZINSMIGRANT)
    pip = services.pip_draft_create(dossier=dossier, actor=klantregisseur)
    pip = services.pip_draft_update(
        pip=pip, actor=klantregisseur, data={"leerroute": "O", "niveau": "A2", "geschatte_intensiteit": 500}
    )
    events, rows = DossierEvent.objects.count(), Verwerking.objects.count()
    with pytest.raises(PipRefused) as excinfo:
        services.pip_submit(pip=pip, actor=klantregisseur)
    problems = {(p.field, p.code) for p in excinfo.value.problems}
    assert problems >= {
        ("niveau", "niveau_route"),
        ("geschatte_intensiteit", "intensiteit_alleen_b1_asiel"),
        ("map_opgenomen", "map_niet_op_onderwijsroute"),
        ("pvt_intensiteit_uren", "pvt_verplicht"),
        ("aantal_voortgangsgesprekken", "voortgangsgesprekken_verplicht"),
        ("begeleiding_ondersteuning", "begeleiding_verplicht"),
        ("motivering", "motivering_verplicht"),
        ("overweging_b1_route", "overweging_verplicht"),
        ("overweging_z_route", "overweging_verplicht"),
    }
    assert all(p.message for p in excinfo.value.problems)
    assert any("Niveau A2 is niet toegestaan op de onderwijsroute" in p.message for p in excinfo.value.problems)
    pip.refresh_from_db()
    assert pip.status == PipStatus.CONCEPT
    assert (DossierEvent.objects.count(), Verwerking.objects.count()) == (events, rows)


def test_maatschappelijke_begeleiding_required_for_asielstatushouders(dossier, klantregisseur):
    pip = concept(dossier, klantregisseur, maatschappelijke_begeleiding="")
    with pytest.raises(PipRefused) as excinfo:
        services.pip_submit(pip=pip, actor=klantregisseur)
    assert excinfo.value.codes == ["maatschappelijke_begeleiding_verplicht"]


# --- inburgeringsaanbod ----------------------------------------------------------------------


def set_aanbod(pip, actor, instelling, **dates):
    values = {
        "datum_inburgeringsaanbod": TODAY() + timedelta(days=7),
        "verwachte_startdatum_opleiding": TODAY() + timedelta(days=14),
        "verwachte_einddatum_opleiding": TODAY() + timedelta(days=300),
        **dates,
    }
    return services.pip_aanbod_set(pip=pip, actor=actor, instelling=instelling, **values)


def test_aanbod_only_for_asielstatushouders(gemeente_a, klantregisseur):
    dossier = DossierFactory(gemeente=gemeente_a, status=Status.BREDE_INTAKE, **GEZINSMIGRANT)
    pip = concept(dossier, klantregisseur, maatschappelijke_begeleiding="")
    with pytest.raises(PipRefused) as excinfo:
        set_aanbod(pip, klantregisseur, AanbiederFactory())
    assert excinfo.value.codes == ["aanbod_alleen_asiel"]
    assert excinfo.value.fields == {"instelling"}
    assert not PipAanbod.objects.exists()


def test_aanbod_needs_a_keurmerk(dossier, klantregisseur):
    pip = concept(dossier, klantregisseur)
    with pytest.raises(PipRefused) as excinfo:
        set_aanbod(pip, klantregisseur, AanbiederFactory(heeft_bow_keurmerk=False))
    assert excinfo.value.codes == ["instelling_keurmerk"]
    assert not PipAanbod.objects.exists()


@pytest.mark.parametrize(("route", "accepted"), [("O", True), ("B", False), ("Z", False)])
def test_taalschakelinstelling_only_on_the_onderwijsroute(dossier, klantregisseur, route, accepted):
    pip = concept(dossier, klantregisseur, **route_content(route, ""))
    tst = AanbiederFactory(taalschakelinstelling=True)
    if accepted:
        aanbod = set_aanbod(pip, klantregisseur, tst)
        assert aanbod.pk
        services.pip_submit(pip=pip, actor=klantregisseur)
    else:
        with pytest.raises(PipRefused) as excinfo:
            set_aanbod(pip, klantregisseur, tst)
        assert excinfo.value.codes == ["instelling_keurmerk"]


def test_aanbod_start_before_the_aanbod_is_refused_naming_the_field(dossier, klantregisseur):
    pip = concept(dossier, klantregisseur)
    with pytest.raises(PipRefused) as excinfo:
        set_aanbod(pip, klantregisseur, AanbiederFactory(), verwachte_startdatum_opleiding=TODAY())
    assert excinfo.value.fields == {"verwachte_startdatum_opleiding"}
    assert excinfo.value.codes == ["start_voor_aanbod"]


def test_aanbod_is_one_per_instelling_and_replaced(dossier, klantregisseur):
    pip = concept(dossier, klantregisseur)
    school = AanbiederFactory()
    set_aanbod(pip, klantregisseur, school)
    set_aanbod(pip, klantregisseur, school, verwachte_startdatum_opleiding=TODAY() + timedelta(days=30))
    assert pip.aanbod.get().verwachte_startdatum_opleiding == TODAY() + timedelta(days=30)


def test_submit_checks_the_aanbod_against_the_dagtekening(dossier, klantregisseur):
    pip = concept(dossier, klantregisseur)
    PipAanbodFactory(pip=pip, datum_inburgeringsaanbod=TODAY() - timedelta(days=3))
    with pytest.raises(PipRefused) as excinfo:
        services.pip_submit(pip=pip, actor=klantregisseur)
    assert excinfo.value.fields == {"aanbod"}
    assert excinfo.value.codes == ["aanbod_voor_pip"]
    assert "Taalschool" in excinfo.value.problems[0].message


# --- sign-off: four eyes, one winner ---------------------------------------------------------


def test_drafter_cannot_approve_own_pip(dossier, teamleider):
    pip = PipFactory(dossier=dossier, ter_accordering=True, drafted_by=teamleider)
    with pytest.raises(FourEyesViolation) as excinfo:
        services.pip_letter_viewed(pip=pip, viewer=teamleider)
        services.pip_approve(pip=pip, approver=teamleider)
    assert "eigen PIP" in excinfo.value.message
    pip.refresh_from_db()
    assert (pip.status, pip.approved_by, pip.dagtekening) == (PipStatus.TER_ACCORDERING, None, None)
    assert not Document.objects.exists()


def test_submitter_cannot_approve_either(dossier, klantregisseur, teamleider):
    pip = PipFactory(dossier=dossier, drafted_by=klantregisseur)
    pip = services.pip_submit(pip=pip, actor=teamleider)
    with pytest.raises(FourEyesViolation):
        services.pip_letter_viewed(pip=pip, viewer=teamleider)
        services.pip_approve(pip=pip, approver=teamleider)


def test_klantregisseur_cannot_approve(dossier, gemeente_a):
    other_kr = UserFactory(roles=[Role.KLANTREGISSEUR], gemeenten=[gemeente_a])
    pip = PipFactory(dossier=dossier, ter_accordering=True)
    with pytest.raises(DomainError) as excinfo:
        services.pip_letter_viewed(pip=pip, viewer=other_kr)
        services.pip_approve(pip=pip, approver=other_kr)
    assert excinfo.value.code == "forbidden"
    pip.refresh_from_db()
    assert pip.status == PipStatus.TER_ACCORDERING


def test_teamleider_of_another_gemeente_cannot_approve(dossier, gemeente_b):
    elsewhere = UserFactory(roles=[Role.TEAMLEIDER], gemeenten=[gemeente_b])
    pip = PipFactory(dossier=dossier, ter_accordering=True)
    with pytest.raises(DomainError):
        services.pip_letter_viewed(pip=pip, viewer=elsewhere)
        services.pip_approve(pip=pip, approver=elsewhere)


def test_second_teamleider_approves(dossier, teamleider, teamleider_2):
    pip = PipFactory(dossier=dossier, ter_accordering=True, drafted_by=teamleider)
    services.pip_letter_viewed(pip=pip, viewer=teamleider_2)
    pip = services.pip_approve(pip=pip, approver=teamleider_2)
    today = TODAY()
    termijn = inburgeringstermijn(today)
    assert pip.status == PipStatus.VASTGESTELD
    assert (pip.approved_by, pip.dagtekening, pip.bekendmaking) == (teamleider_2, today, today)
    assert (pip.inburgeringstermijn_start, pip.inburgeringstermijn_einde) == (termijn.start, termijn.last_day)
    document = Document.objects.get()
    assert pip.beschikking == document
    assert (document.kind, document.dossier_id, document.created_by) == ("pip_beschikking", dossier.pk, teamleider_2)
    assert bytes(document.content).startswith(b"%PDF-")
    dossier.refresh_from_db()
    assert dossier.status == Status.UITVOERING  # brede intake → PIP → uitvoering, legal moves only
    assert list(dossier.events.filter(action="status").values_list("summary", flat=True)) == [
        "Status gewijzigd naar Uitvoering: PIP vastgesteld",
        "Status gewijzigd naar PIP: PIP vastgesteld",
    ]
    assert "pip_vastgesteld" in pip_events(dossier)
    # The deadline engine ran in the same transaction: the bezwaar term of this PIP now runs.
    bezwaar = Termijn.objects.get(dossier=dossier, soort=Soort.BEZWAAR_PIP)
    assert bezwaar.uiterste_datum == bezwaartermijn_end(today, feestdagen=atw_feestdagen(range(2020, 2040)))


def test_two_concurrent_approvals_exactly_one_wins(dossier, teamleider, teamleider_2):
    pip = PipFactory(dossier=dossier, ter_accordering=True)
    first, second = Pip.objects.get(pk=pip.pk), Pip.objects.get(pk=pip.pk)  # both read "ter accordering"
    services.pip_letter_viewed(pip=first, viewer=teamleider)
    services.pip_approve(pip=first, approver=teamleider)
    with pytest.raises(StaleTransition):
        services.pip_letter_viewed(pip=second, viewer=teamleider_2)
        services.pip_approve(pip=second, approver=teamleider_2)
    pip.refresh_from_db()
    assert (pip.status, pip.approved_by) == (PipStatus.VASTGESTELD, teamleider)
    assert Document.objects.count() == 1
    assert dossier.pips.filter(status=PipStatus.VASTGESTELD).count() == 1


def test_the_conditional_update_claims_the_approval(dossier, teamleider, teamleider_2, monkeypatch):
    """Another worker approves between our read and our UPDATE: our claim finds no row and nothing is stored."""
    pip = PipFactory(dossier=dossier, ter_accordering=True)
    real_checks = services.pip_problems

    def checks_while_another_worker_approves(*args, **kwargs):
        claimed = {"status": PipStatus.VASTGESTELD, "approved_by": teamleider_2, "dagtekening": TODAY()}
        Pip.objects.filter(pk=pip.pk).update(**claimed)
        return real_checks(*args, **kwargs)

    monkeypatch.setattr(services, "pip_problems", checks_while_another_worker_approves)
    with pytest.raises(StaleTransition):
        services.pip_letter_viewed(pip=pip, viewer=teamleider)
        services.pip_approve(pip=pip, approver=teamleider)
    assert not Document.objects.exists()
    assert not dossier.pips.filter(approved_by=teamleider).exists()


def test_return_sends_back_to_concept_with_reason(dossier, klantregisseur, teamleider):
    pip = PipFactory(dossier=dossier, ter_accordering=True, drafted_by=klantregisseur)
    with pytest.raises(DomainError):
        services.pip_return(pip=pip, actor=klantregisseur, reden="Nee")
    with pytest.raises(DomainError) as excinfo:
        services.pip_return(pip=pip, actor=teamleider, reden="   ")
    assert excinfo.value.field == "reden"
    pip = services.pip_return(pip=pip, actor=teamleider, reden="Motiveer de onderwijsroute beter.")
    assert (pip.status, pip.afgewezen_reden, pip.submitted_at) == (
        PipStatus.CONCEPT,
        "Motiveer de onderwijsroute beter.",
        None,
    )
    services.pip_submit(pip=pip, actor=klantregisseur)
    pip.refresh_from_db()
    assert (pip.status, pip.afgewezen_reden) == (PipStatus.TER_ACCORDERING, "")


# --- dagtekening -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("dossier_dates", "code"),
    [
        ({"plicht_begindatum": 10}, "dagtekening_voor_plicht"),
        ({"datum_brp_inschrijving": 10}, "dagtekening_voor_vestiging"),
    ],
)
def test_dagtekening_before_plicht_or_settlement_is_refused(gemeente_a, teamleider, dossier_dates, code):
    values = {name: TODAY() - timedelta(days=days) for name, days in dossier_dates.items()}
    dossier = DossierFactory(gemeente=gemeente_a, status=Status.BREDE_INTAKE, **values)
    pip = PipFactory(dossier=dossier, ter_accordering=True)
    with pytest.raises(PipRefused) as excinfo:
        services.pip_letter_viewed(pip=pip, viewer=teamleider)
        services.pip_approve(pip=pip, approver=teamleider, dagtekening=TODAY() - timedelta(days=20))
    assert excinfo.value.codes == [code]
    assert excinfo.value.fields == {"dagtekening"}
    pip.refresh_from_db()
    assert (pip.status, pip.dagtekening) == (PipStatus.TER_ACCORDERING, None)


def test_dagtekening_in_the_future_is_refused(dossier, teamleider):
    pip = PipFactory(dossier=dossier, ter_accordering=True)
    with pytest.raises(PipRefused) as excinfo:
        services.pip_letter_viewed(pip=pip, viewer=teamleider)
        services.pip_approve(pip=pip, approver=teamleider, dagtekening=TODAY() + timedelta(days=1))
    assert excinfo.value.codes == ["dagtekening_toekomst"]


def test_bekendmaking_defaults_to_dagtekening_and_not_before_it(dossier, teamleider):
    pip = PipFactory(dossier=dossier, ter_accordering=True)
    day = TODAY() - timedelta(days=3)
    with pytest.raises(PipRefused) as excinfo:
        services.pip_letter_viewed(pip=pip, viewer=teamleider)
        services.pip_approve(pip=pip, approver=teamleider, dagtekening=day, bekendmaking=day - timedelta(days=1))
    assert excinfo.value.codes == ["bekendmaking_voor_dagtekening"]
    services.pip_letter_viewed(pip=pip, viewer=teamleider)
    pip = services.pip_approve(pip=pip, approver=teamleider, dagtekening=day)
    assert pip.bekendmaking == day


# --- versions --------------------------------------------------------------------------------


def test_new_version_keeps_the_term_of_the_first_and_replaces_the_previous(
    dossier, klantregisseur, teamleider, teamleider_2
):
    first_day = TODAY() - timedelta(days=60)
    v1 = approved(dossier, klantregisseur, teamleider, dagtekening=first_day)
    PipAanbodFactory(pip=v1, datum_inburgeringsaanbod=first_day + timedelta(days=1))

    with pytest.raises(DomainError) as excinfo:
        services.pip_draft_create(dossier=dossier, actor=klantregisseur, wijzigingsreden=" ")
    assert excinfo.value.field == "wijzigingsreden"

    v2 = services.pip_draft_create(dossier=dossier, actor=klantregisseur, wijzigingsreden="Afschalen naar A2")
    assert (v2.versie, v2.vorige, v2.motivering) == (2, v1, v1.motivering)
    assert [a.instelling_id for a in v2.aanbod.all()] == [a.instelling_id for a in v1.aanbod.all()]
    v2 = services.pip_draft_update(pip=v2, actor=klantregisseur, data={"niveau": "A2"})
    with pytest.raises(PipRefused) as excinfo:  # afschalen needs the lessons and the effort (Bi 5.5)
        services.pip_submit(pip=v2, actor=klantregisseur)
    assert set(excinfo.value.codes) == {"afschalen_uren", "afschalen_inspanning"}
    hours = AFSCHALEN_MIN_HOURS.value
    v2 = services.pip_draft_update(
        pip=v2, actor=klantregisseur, data={"niveau": "A2", "afschalen_uren": hours, "afschalen_inspanning": True}
    )
    v2 = services.pip_submit(pip=v2, actor=klantregisseur)
    services.pip_letter_viewed(pip=v2, viewer=teamleider_2)
    v2 = services.pip_approve(pip=v2, approver=teamleider_2)

    v1.refresh_from_db()
    assert v1.status == PipStatus.VERVANGEN
    assert v2.status == PipStatus.VASTGESTELD
    assert v2.dagtekening == TODAY()
    termijn = inburgeringstermijn(first_day)  # Wi 11(3): the start never moves
    assert (v2.inburgeringstermijn_start, v2.inburgeringstermijn_einde) == (termijn.start, termijn.last_day)
    assert (v1.inburgeringstermijn_start, v1.inburgeringstermijn_einde) == (termijn.start, termijn.last_day)
    assert Document.objects.filter(kind="pip_beschikking").count() == 2
    dossier.refresh_from_db()
    assert dossier.status == Status.UITVOERING


def test_new_version_dagtekening_not_before_the_current(dossier, klantregisseur, teamleider, teamleider_2):
    approved(dossier, klantregisseur, teamleider, dagtekening=TODAY() - timedelta(days=5))
    v2 = services.pip_draft_create(dossier=dossier, actor=klantregisseur, wijzigingsreden="Andere route")
    v2 = services.pip_submit(pip=v2, actor=klantregisseur)
    with pytest.raises(PipRefused) as excinfo:
        services.pip_letter_viewed(pip=v2, viewer=teamleider_2)
        services.pip_approve(pip=v2, approver=teamleider_2, dagtekening=TODAY() - timedelta(days=6))
    assert set(excinfo.value.codes) == {"dagtekening_voor_eerste_pip", "dagtekening_voor_vorige_pip"}


# --- informatieverzoeken and the facts for the deadline engine -------------------------------


def test_informatieverzoek_suspends_until_received(dossier, klantregisseur):
    dossier.datum_kennisgeving = TODAY() - timedelta(days=30)
    dossier.datum_brp_inschrijving = TODAY() - timedelta(days=20)
    dossier.save()
    asked = TODAY() - timedelta(days=10)
    verzoek = services.informatieverzoek_add(
        dossier=dossier, actor=klantregisseur, omschrijving="Medisch advies", derde="Huisarts", aangevraagd_op=asked
    )
    facts = pip_termijn_facts(dossier=dossier)
    assert (facts.information_requested, facts.information_received) == (asked, None)
    pip_termijn = Termijn.objects.get(dossier=dossier, soort=Soort.PIP_VASTSTELLEN)
    assert (pip_termijn.status, pip_termijn.uiterste_datum) == (TermijnStatus.OPGESCHORT, None)
    with pytest.raises(DomainError) as excinfo:
        services.informatieverzoek_received(verzoek=verzoek, actor=klantregisseur, ontvangen_op=asked - timedelta(1))
    assert excinfo.value.field == "ontvangen_op"
    services.informatieverzoek_received(verzoek=verzoek, actor=klantregisseur, ontvangen_op=TODAY())
    with pytest.raises(StaleTransition):
        services.informatieverzoek_received(verzoek=verzoek, actor=klantregisseur, ontvangen_op=TODAY())
    facts = pip_termijn_facts(dossier=dossier)
    assert (facts.information_requested, facts.information_received) == (asked, TODAY())
    pip_termijn = Termijn.objects.get(dossier=dossier, soort=Soort.PIP_VASTSTELLEN)
    assert pip_termijn.status == TermijnStatus.OPEN and pip_termijn.uiterste_datum >= TODAY() + timedelta(days=14)
    assert list(dossier.events.filter(action="informatieverzoek").values_list("action", flat=True)) == [
        "informatieverzoek",
        "informatieverzoek",
    ]


def test_informatieverzoek_in_the_future_is_refused(dossier, klantregisseur):
    with pytest.raises(DomainError) as excinfo:
        services.informatieverzoek_add(
            dossier=dossier,
            actor=klantregisseur,
            omschrijving="x",
            derde="y",
            aangevraagd_op=TODAY() + timedelta(days=1),
        )
    assert excinfo.value.field == "aangevraagd_op"


def test_termijn_facts_after_the_first_pip(dossier, klantregisseur, teamleider):
    InformatieverzoekFactory(dossier=dossier, aangevraagd_op=TODAY() - timedelta(days=20), ontvangen_op=None)
    InformatieverzoekFactory(
        dossier=dossier, aangevraagd_op=TODAY() - timedelta(days=30), ontvangen_op=TODAY() - timedelta(days=15)
    )
    facts = pip_termijn_facts(dossier=dossier)
    assert facts.information_requested == TODAY() - timedelta(days=30)
    assert facts.information_received is None  # one request is still open
    assert (facts.eerste_pip_dagtekening, facts.laatste_pip_bekendmaking) == (None, None)

    day = TODAY() - timedelta(days=2)
    pip = services.pip_submit(pip=concept(dossier, klantregisseur), actor=klantregisseur)
    services.pip_letter_viewed(pip=pip, viewer=teamleider)
    services.pip_approve(pip=pip, approver=teamleider, dagtekening=day, bekendmaking=TODAY())
    InformatieverzoekFactory(dossier=dossier, aangevraagd_op=TODAY(), ontvangen_op=None)  # after the PIP: ignored
    facts = pip_termijn_facts(dossier=dossier)
    assert (facts.eerste_pip_dagtekening, facts.laatste_pip_bekendmaking) == (day, TODAY())
    assert facts.information_requested == TODAY() - timedelta(days=30)
