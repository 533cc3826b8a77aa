"""Services: every change in one transaction, with its timeline event and its processing log row."""

from datetime import date, timedelta
from itertools import product

import pytest
from django.db import IntegrityError, transaction

from openinburgering.accounts.constants import Role
from openinburgering.accounts.factories import UserFactory
from openinburgering.core.exceptions import DomainError, StaleTransition
from openinburgering.core.tests.clock import travel_to
from openinburgering.dossiers import services
from openinburgering.dossiers.constants import CLOSING_REASONS, OPEN_STATUSES, TRANSITIONS, Status
from openinburgering.dossiers.factories import DossierFactory, GezinslidFactory, InburgeraarFactory, next_bsn
from openinburgering.dossiers.models import Dossier, DossierEvent, Gezinslid, Inburgeraar
from openinburgering.logboek.constants import LEGAL_GROUND, Action, Purpose
from openinburgering.logboek.models import Verwerking
from openinburgering.rules.enums import Doelgroep, GedetailleerdeDoelgroep, RedenGeenInburgeringsplicht
from openinburgering.rules.personen import aow_date

pytestmark = pytest.mark.django_db

BEGIN = date(2024, 3, 1)


def register(actor, gemeente, *, bsn=None, person=None, plicht=None, **kwargs):
    person = {"voornamen": "Amira", "geslachtsnaam": "Haddad", "geboortedatum": date(1990, 5, 17), **(person or {})}
    plicht = {
        "doelgroep": Doelgroep.ASIELSTATUSHOUDER.value,
        "gedetailleerde_doelgroep": GedetailleerdeDoelgroep.ASIELSTATUSHOUDER.value,
        "plicht_begindatum": BEGIN,
        **(plicht or {}),
    }
    return services.inburgeraar_register(
        actor=actor, gemeente=gemeente, bsn=bsn or next_bsn(), person=person, plicht=plicht, **kwargs
    )


def counts():
    return (
        Inburgeraar.objects.count(),
        Dossier.objects.count(),
        DossierEvent.objects.count(),
        Verwerking.objects.count(),
    )


# --- registration ----------------------------------------------------------------------------


def test_register_creates_person_dossier_event_and_log_row(klantregisseur, gemeente_a):
    bsn = next_bsn()
    dossier = register(klantregisseur, gemeente_a, bsn=bsn, klantregisseur=klantregisseur)

    dossier.refresh_from_db()
    assert dossier.status == Status.AANGEMELD
    assert dossier.gemeente == gemeente_a
    assert dossier.klantregisseur == klantregisseur
    assert dossier.inburgeraar.bsn == bsn
    assert dossier.inburgeraar.zoeknaam == "amira haddad"
    event = dossier.events.get()
    assert event.action == "aangemeld"
    assert event.actor == klantregisseur
    row = Verwerking.objects.get()
    assert (row.action, row.purpose, row.subject) == (Action.CREATE, Purpose.REGISTRATIE, "dossier")
    assert (row.actor_id, row.role) == (klantregisseur.pk, Role.KLANTREGISSEUR)
    assert (row.inburgeraar_id, row.dossier_id) == (dossier.inburgeraar_id, dossier.pk)
    assert row.legal_ground == LEGAL_GROUND[Purpose.REGISTRATIE]
    assert len(row.trace_id) == 32


def test_register_is_one_transaction(klantregisseur, gemeente_a, monkeypatch):
    """If writing the processing log fails, the person, dossier and event are not saved either."""

    def broken_log(**kwargs):
        raise RuntimeError("log unavailable")

    monkeypatch.setattr(services, "logboek_record", broken_log)
    before = counts()
    with pytest.raises(RuntimeError):
        register(klantregisseur, gemeente_a)
    assert counts() == before


# New Year's Eve: "born tomorrow" is born next year.
NEW_YEARS_EVE = date(2027, 12, 31)

REFUSALS = [
    pytest.param({"bsn": "111222334"}, "bsn", id="invalid-bsn"),
    pytest.param(
        {"person": {"geboortedatum": NEW_YEARS_EVE + timedelta(days=1)}}, "geboortedatum", id="born-in-future"
    ),
    pytest.param({"person": {"geboortedatum": date(2008, 3, 2)}}, "geboortedatum", id="15-at-start"),
    pytest.param({"person": {"geboortedatum": date(1956, 1, 1)}}, "geboortedatum", id="aow-age-at-start"),
    pytest.param({"plicht": {"plicht_begindatum": date(2021, 12, 31)}}, "plicht_begindatum", id="wi2013"),
    pytest.param(
        {
            "plicht": {
                "doelgroep": Doelgroep.GEZINSMIGRANT_EN_OVERIGE_MIGRANT.value,
                "gedetailleerde_doelgroep": GedetailleerdeDoelgroep.ASIELSTATUSHOUDER.value,
            }
        },
        "gedetailleerde_doelgroep",
        id="doelgroep-mismatch",
    ),
]


@pytest.mark.parametrize(("overrides", "field"), REFUSALS)
@travel_to(NEW_YEARS_EVE)
def test_register_refuses_and_names_the_field(klantregisseur, gemeente_a, overrides, field):
    before = counts()
    with pytest.raises(DomainError) as excinfo:
        register(klantregisseur, gemeente_a, **overrides)
    assert excinfo.value.field == field
    assert excinfo.value.message
    assert counts() == before


@travel_to(NEW_YEARS_EVE)
def test_born_tomorrow_is_in_the_future_and_born_today_is_not(klantregisseur, gemeente_a):
    with pytest.raises(DomainError) as excinfo:
        register(klantregisseur, gemeente_a, person={"geboortedatum": date(2028, 1, 1)})
    assert "toekomst" in excinfo.value.message
    with pytest.raises(DomainError) as excinfo:  # too young, but born
        register(klantregisseur, gemeente_a, person={"geboortedatum": NEW_YEARS_EVE})
    assert "toekomst" not in excinfo.value.message and "16 jaar" in excinfo.value.message


def test_age_refusals_sit_on_the_boundaries(klantregisseur, gemeente_a):
    """The day someone turns 16 is accepted; the day they reach the AOW age is refused."""
    register(klantregisseur, gemeente_a, person={"geboortedatum": date(2008, 3, 1)})
    born = date(1958, 6, 15)
    with pytest.raises(DomainError):
        register(
            klantregisseur, gemeente_a, person={"geboortedatum": born}, plicht={"plicht_begindatum": aow_date(born)}
        )
    dossier = register(
        klantregisseur,
        gemeente_a,
        person={"geboortedatum": born},
        plicht={"plicht_begindatum": aow_date(born) - timedelta(days=1)},
    )
    assert dossier.pk


def test_register_refuses_gemeente_outside_scope(klantregisseur, gemeente_b):
    before = counts()
    with pytest.raises(DomainError) as excinfo:
        register(klantregisseur, gemeente_b)
    assert excinfo.value.field == "gemeente"
    assert counts() == before


@pytest.mark.parametrize("role", [Role.FINANCIEEL_MEDEWERKER, Role.BELEIDSMEDEWERKER, Role.FUNCTIONEEL_BEHEERDER])
def test_register_refuses_user_without_registering_role(gemeente_a, role):
    user = UserFactory(roles=[role], gemeenten=[gemeente_a])
    before = counts()
    with pytest.raises(DomainError) as excinfo:
        register(user, gemeente_a)
    assert excinfo.value.field == "gemeente"
    assert counts() == before


def stored_without_log():
    return counts()[:3]


def assert_check_logged(*, actor, existing, before: int) -> None:
    """The refused registration looked the person up by BSN and told the actor of their open dossier:
    a processing of their data, logged with the purpose registration (AVG art. 5(1)(b), 30)."""
    [row] = Verwerking.objects.order_by("pk")[before:]
    assert (row.actor_id, row.action, row.purpose) == (actor.pk, Action.SEARCH, Purpose.REGISTRATIE)
    assert (row.inburgeraar_id, row.dossier_id) == (existing.inburgeraar_id, existing.pk)
    assert row.legal_ground == LEGAL_GROUND[Purpose.REGISTRATIE]


def test_duplicate_in_scope_names_kenmerk_and_gemeente(klantregisseur, gemeente_a):
    first = register(klantregisseur, gemeente_a)
    before, logged = stored_without_log(), Verwerking.objects.count()
    with pytest.raises(DomainError) as excinfo:
        register(klantregisseur, gemeente_a, bsn=first.inburgeraar.bsn)
    error = excinfo.value
    assert (error.field, error.code) == ("bsn", "duplicate")
    assert first.kenmerk in error.message
    assert gemeente_a.naam in error.message
    assert stored_without_log() == before
    assert_check_logged(actor=klantregisseur, existing=first, before=logged)


def test_duplicate_outside_scope_does_not_name_the_gemeente(klantregisseur, klantregisseur_b, gemeente_a, gemeente_b):
    elsewhere = register(klantregisseur_b, gemeente_b)
    before, logged = stored_without_log(), Verwerking.objects.count()
    with pytest.raises(DomainError) as excinfo:
        register(klantregisseur, gemeente_a, bsn=elsewhere.inburgeraar.bsn)
    error = excinfo.value
    assert (error.field, error.code) == ("bsn", "duplicate_elsewhere")
    assert "andere gemeente" in error.message
    assert gemeente_b.naam not in error.message
    assert elsewhere.kenmerk not in error.message
    assert stored_without_log() == before
    assert_check_logged(actor=klantregisseur, existing=elsewhere, before=logged)


def test_re_registration_after_closing_reuses_the_person(klantregisseur, gemeente_a):
    person = InburgeraarFactory()
    closed = DossierFactory(inburgeraar=person, gemeente=gemeente_a, afgerond=True)
    dossier = register(klantregisseur, gemeente_a, bsn=person.bsn, person={"voornamen": "Amina"})
    assert dossier.pk != closed.pk
    assert dossier.inburgeraar_id == person.pk
    assert Inburgeraar.objects.count() == 1
    person.refresh_from_db()
    assert person.voornamen == "Amina"
    assert person.zoeknaam.startswith("amina ")
    # The person's changed data shows on the new dossier's timeline.
    change = dossier.events.get(action="persoon_gewijzigd").changes[0]
    assert (change["field"], change["new"]) == ("voornamen", "Amina")


def test_same_aanmelding_token_returns_the_same_dossier(klantregisseur, gemeente_a):
    import uuid

    token = uuid.uuid4()
    bsn = next_bsn()
    first = register(klantregisseur, gemeente_a, bsn=bsn, aanmelding_token=token)
    second = register(klantregisseur, gemeente_a, bsn=bsn, aanmelding_token=token)
    assert first.pk == second.pk
    assert Dossier.objects.count() == 1
    assert DossierEvent.objects.count() == 1


def test_database_refuses_a_second_open_dossier(gemeente_a, gemeente_b):
    person = InburgeraarFactory()
    DossierFactory(inburgeraar=person, gemeente=gemeente_a, status=Status.PIP)
    with pytest.raises(IntegrityError), transaction.atomic():
        DossierFactory(inburgeraar=person, gemeente=gemeente_b, status=Status.AANGEMELD)
    # A closed dossier does not count.
    DossierFactory(inburgeraar=person, gemeente=gemeente_b, afgerond=True)
    assert Dossier.objects.filter(inburgeraar=person).count() == 2


# --- lifecycle -------------------------------------------------------------------------------


def _transition_kwargs(to: Status) -> dict:
    kwargs: dict = {}
    if to in CLOSING_REASONS:
        kwargs["reden"] = sorted(CLOSING_REASONS[to])[0].value
        kwargs["einddatum"] = date(2025, 1, 31)
    if to == Status.OVERGEDRAGEN:
        kwargs["overgedragen_aan"] = "Gemeente Elders"
    return kwargs


ALLOWED = [(a, b) for a, targets in TRANSITIONS.items() for b in sorted(targets)]
DISALLOWED = [(a, b) for a, b in product(Status, Status) if b not in TRANSITIONS[a]]


def test_the_transition_table_is_complete():
    assert set(TRANSITIONS) == set(Status)
    assert len(ALLOWED) + len(DISALLOWED) == len(Status) ** 2


@pytest.mark.parametrize(("current", "to"), ALLOWED, ids=[f"{a.value}->{b.value}" for a, b in ALLOWED])
def test_allowed_transition(klantregisseur, gemeente_a, current, to):
    dossier = DossierFactory(gemeente=gemeente_a, status=current)
    result = services.dossier_transition(dossier=dossier, actor=klantregisseur, to=to, **_transition_kwargs(to))
    dossier.refresh_from_db()
    assert result.status == dossier.status == to
    assert (dossier.closed_at is not None) == (to not in OPEN_STATUSES)
    event = dossier.events.get()
    assert event.action == "status"
    status_change = event.changes[0]
    assert (status_change["field"], status_change["old"], status_change["new"]) == (
        "status",
        str(current.label),
        str(to.label),
    )
    row = Verwerking.objects.get()
    assert (row.action, row.dossier_id, row.actor_id) == (Action.UPDATE, dossier.pk, klantregisseur.pk)
    if to in CLOSING_REASONS:
        assert dossier.plicht_reden_einde == _transition_kwargs(to)["reden"]
        assert dossier.plicht_einddatum == date(2025, 1, 31)
    if to == Status.OVERGEDRAGEN:
        assert dossier.overgedragen_aan == "Gemeente Elders"


@pytest.mark.parametrize(("current", "to"), DISALLOWED, ids=[f"{a.value}->{b.value}" for a, b in DISALLOWED])
def test_disallowed_transition_changes_nothing(klantregisseur, gemeente_a, current, to):
    dossier = DossierFactory(gemeente=gemeente_a, status=current)
    updated_at = dossier.updated_at
    with pytest.raises(DomainError) as excinfo:
        services.dossier_transition(dossier=dossier, actor=klantregisseur, to=to, **_transition_kwargs(to))
    assert excinfo.value.code == "transition_not_allowed"
    dossier.refresh_from_db()
    assert (dossier.status, dossier.updated_at) == (current, updated_at)
    assert not DossierEvent.objects.exists()
    assert not Verwerking.objects.exists()


@pytest.mark.parametrize(
    ("to", "kwargs", "field"),
    [
        (Status.AFGEROND, {"einddatum": date(2025, 1, 31)}, "reden"),
        (
            Status.AFGEROND,
            {"reden": RedenGeenInburgeringsplicht.OVERLIJDEN.value, "einddatum": date(2025, 1, 31)},
            "reden",
        ),
        (
            Status.BEEINDIGD,
            {"reden": RedenGeenInburgeringsplicht.INBURGERINGSPLICHT_VOLDAAN.value, "einddatum": date(2025, 1, 31)},
            "reden",
        ),
        (
            Status.BEEINDIGD,
            {"reden": RedenGeenInburgeringsplicht.TIJDELIJKE_VRIJSTELLING.value, "einddatum": date(2025, 1, 31)},
            "reden",
        ),
        (Status.BEEINDIGD, {"reden": RedenGeenInburgeringsplicht.OVERLIJDEN.value}, "einddatum"),
        (
            Status.BEEINDIGD,
            {"reden": RedenGeenInburgeringsplicht.OVERLIJDEN.value, "einddatum": BEGIN - timedelta(days=1)},
            "einddatum",
        ),
        (Status.OVERGEDRAGEN, {"overgedragen_aan": "   "}, "overgedragen_aan"),
        (Status.OVERGEDRAGEN, {}, "overgedragen_aan"),
    ],
)
def test_closing_needs_its_data(klantregisseur, gemeente_a, to, kwargs, field):
    dossier = DossierFactory(gemeente=gemeente_a, status=Status.BREDE_INTAKE, plicht_begindatum=BEGIN)
    with pytest.raises(DomainError) as excinfo:
        services.dossier_transition(dossier=dossier, actor=klantregisseur, to=to, **kwargs)
    assert excinfo.value.field == field
    dossier.refresh_from_db()
    assert dossier.status == Status.BREDE_INTAKE
    assert (dossier.plicht_reden_einde, dossier.plicht_einddatum, dossier.closed_at) == ("", None, None)
    assert not DossierEvent.objects.exists()


@pytest.mark.parametrize("to", [Status.BREDE_INTAKE, Status.BEEINDIGD])
def test_stale_transition_is_refused(klantregisseur, teamleider, gemeente_a, to):
    dossier = DossierFactory(gemeente=gemeente_a, status=Status.AANGEMELD)
    other_copy = Dossier.objects.get(pk=dossier.pk)
    services.dossier_transition(dossier=other_copy, actor=teamleider, to=Status.OVERGEDRAGEN, overgedragen_aan="Elders")

    with pytest.raises(StaleTransition):
        services.dossier_transition(dossier=dossier, actor=klantregisseur, to=to, **_transition_kwargs(to))
    dossier.refresh_from_db()
    assert dossier.status == Status.OVERGEDRAGEN
    assert dossier.plicht_reden_einde == ""
    assert DossierEvent.objects.count() == 1
    assert Verwerking.objects.filter(actor=klantregisseur).count() == 0


# --- updates and assignment ------------------------------------------------------------------


def test_person_update_records_old_and_new(klantregisseur, gemeente_a):
    dossier = DossierFactory(
        gemeente=gemeente_a, inburgeraar__voornamen="Amira", inburgeraar__geboortedatum=date(1990, 5, 17)
    )
    services.inburgeraar_update(
        dossier=dossier, actor=klantregisseur, person={"voornamen": "Amina", "geboortedatum": date(1991, 5, 17)}
    )
    person = Inburgeraar.objects.get(pk=dossier.inburgeraar_id)
    assert person.voornamen == "Amina"
    assert person.zoeknaam.startswith("amina ")
    changes = {c["field"]: (c["old"], c["new"]) for c in dossier.events.get(action="persoon_gewijzigd").changes}
    assert changes == {"voornamen": ("Amira", "Amina"), "geboortedatum": ("17 mei 1990", "17 mei 1991")}
    row = Verwerking.objects.get()
    assert (row.action, row.subject, row.inburgeraar_id) == (Action.UPDATE, "persoon", person.pk)


def test_update_without_changes_writes_nothing(klantregisseur, gemeente_a):
    dossier = DossierFactory(gemeente=gemeente_a, inburgeraar__voornamen="Amira")
    services.inburgeraar_update(dossier=dossier, actor=klantregisseur, person={"voornamen": "Amira"})
    services.dossier_update_plicht(
        dossier=dossier, actor=klantregisseur, plicht={"datum_kennisgeving": dossier.datum_kennisgeving}
    )
    assert not DossierEvent.objects.exists()
    assert not Verwerking.objects.exists()


def test_plicht_update_records_old_and_new(klantregisseur, gemeente_a):
    dossier = DossierFactory(gemeente=gemeente_a, datum_kennisgeving=date(2024, 3, 15), datum_huisvesting=None)
    services.dossier_update_plicht(
        dossier=dossier,
        actor=klantregisseur,
        plicht={"datum_kennisgeving": date(2024, 4, 1), "datum_huisvesting": date(2024, 2, 1)},
    )
    dossier.refresh_from_db()
    assert dossier.datum_kennisgeving == date(2024, 4, 1)
    changes = {c["field"]: (c["old"], c["new"]) for c in dossier.events.get().changes}
    assert changes == {
        "datum_kennisgeving": ("15 maart 2024", "1 april 2024"),
        "datum_huisvesting": ("—", "1 februari 2024"),
    }
    assert Verwerking.objects.get().action == Action.UPDATE


def test_plicht_update_applies_the_rules(klantregisseur, gemeente_a):
    dossier = DossierFactory(gemeente=gemeente_a)
    with pytest.raises(DomainError) as excinfo:
        services.dossier_update_plicht(
            dossier=dossier,
            actor=klantregisseur,
            plicht={"gedetailleerde_doelgroep": GedetailleerdeDoelgroep.GEZINSVORMER.value},
        )
    assert excinfo.value.field == "gedetailleerde_doelgroep"
    dossier.refresh_from_db()
    assert dossier.gedetailleerde_doelgroep == GedetailleerdeDoelgroep.ASIELSTATUSHOUDER.value


def test_closed_dossier_cannot_be_changed(klantregisseur, gemeente_a):
    dossier = DossierFactory(gemeente=gemeente_a, afgerond=True)
    for call in (
        lambda: services.inburgeraar_update(dossier=dossier, actor=klantregisseur, person={"voornamen": "X"}),
        lambda: services.dossier_update_plicht(dossier=dossier, actor=klantregisseur, plicht={}),
        lambda: services.dossier_assign(dossier=dossier, actor=klantregisseur, klantregisseur=klantregisseur),
    ):
        with pytest.raises(DomainError) as excinfo:
            call()
        assert excinfo.value.code == "closed"
    assert not DossierEvent.objects.exists()


def test_assign_an_active_klantregisseur_in_scope(klantregisseur, teamleider, gemeente_a):
    dossier = DossierFactory(gemeente=gemeente_a, klantregisseur=None)
    services.dossier_assign(dossier=dossier, actor=teamleider, klantregisseur=klantregisseur)
    dossier.refresh_from_db()
    assert dossier.klantregisseur == klantregisseur
    change = dossier.events.get().changes[0]
    assert (change["field"], change["old"], change["new"]) == ("klantregisseur", "—", str(klantregisseur))
    assert Verwerking.objects.get().actor == teamleider


@pytest.mark.parametrize(
    "make_user",
    [
        pytest.param(
            lambda a, b: UserFactory(roles=[Role.KLANTREGISSEUR], gemeenten=[a], is_active=False), id="inactive"
        ),
        pytest.param(lambda a, b: UserFactory(roles=[Role.TEAMLEIDER], gemeenten=[a]), id="not-a-klantregisseur"),
        pytest.param(lambda a, b: UserFactory(roles=[Role.KLANTREGISSEUR], gemeenten=[b]), id="other-gemeente"),
        pytest.param(lambda a, b: UserFactory(roles=[Role.KLANTREGISSEUR]), id="no-scope"),
    ],
)
def test_assign_refuses(teamleider, gemeente_a, gemeente_b, make_user):
    dossier = DossierFactory(gemeente=gemeente_a, klantregisseur=None)
    with pytest.raises(DomainError) as excinfo:
        services.dossier_assign(dossier=dossier, actor=teamleider, klantregisseur=make_user(gemeente_a, gemeente_b))
    assert excinfo.value.field == "klantregisseur"
    dossier.refresh_from_db()
    assert dossier.klantregisseur is None
    assert not DossierEvent.objects.exists()


def test_register_refuses_a_klantregisseur_outside_the_gemeente(klantregisseur, klantregisseur_b, gemeente_a):
    before = counts()
    with pytest.raises(DomainError) as excinfo:
        register(klantregisseur, gemeente_a, klantregisseur=klantregisseur_b)
    assert excinfo.value.field == "klantregisseur"
    assert counts() == before


def test_gezinslid_add_and_remove(klantregisseur, gemeente_a):
    dossier = DossierFactory(gemeente=gemeente_a)
    lid = services.gezinslid_add(
        dossier=dossier,
        actor=klantregisseur,
        data=services.GezinslidData(relatie="kind", voornamen="Noor", geslachtsnaam="Haddad"),
    )
    services.gezinslid_remove(dossier=dossier, actor=klantregisseur, gezinslid_id=lid.pk)
    assert not Gezinslid.objects.exists()
    assert [e.summary for e in dossier.events.order_by("pk")] == ["Gezinslid toegevoegd", "Gezinslid verwijderd"]
    assert Verwerking.objects.count() == 2


def test_gezinslid_of_another_person_cannot_be_removed(klantregisseur, gemeente_a):
    dossier = DossierFactory(gemeente=gemeente_a)
    other = GezinslidFactory()
    with pytest.raises(DomainError):
        services.gezinslid_remove(dossier=dossier, actor=klantregisseur, gezinslid_id=other.pk)
    assert Gezinslid.objects.filter(pk=other.pk).exists()


def test_the_timeline_shows_a_choice_by_its_label_not_its_code(klantregisseur, gemeente_a):
    """core.timeline: "Onbekend → Vrouw", never the BRP codes "O → V"."""
    dossier = DossierFactory(gemeente=gemeente_a, inburgeraar__geslacht="O")
    services.inburgeraar_update(dossier=dossier, actor=klantregisseur, person={"geslacht": "V"})
    change = dossier.events.get().changes[0]
    assert (change["field"], change["label"], change["old"], change["new"]) == (
        "geslacht",
        "Geslacht",
        "Onbekend",
        "Vrouw",
    )
