"""The processing log: every read and write of a person's data leaves a row, and no row ever changes."""

import uuid
from datetime import date

import pytest
from django.contrib import admin
from django.db import DatabaseError, connection, transaction
from django.test import RequestFactory
from django.urls import reverse

from openinburgering.accounts.constants import Role
from openinburgering.accounts.factories import UserFactory
from openinburgering.dossiers.constants import Status
from openinburgering.dossiers.factories import DossierFactory
from openinburgering.logboek.constants import LEGAL_GROUND, Action, Purpose
from openinburgering.logboek.models import AppendOnlyError, Verwerking
from openinburgering.logboek.services import logboek_record

pytestmark = pytest.mark.django_db

TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"


def new_rows(before: int):
    return list(Verwerking.objects.order_by("pk")[before:])


def assert_row(row, *, actor, action, purpose, dossier, subject=None):
    assert row.actor_id == actor.pk
    assert row.actor_label == actor.username
    assert row.role == actor.primary_role
    assert row.action == action
    assert row.purpose == purpose
    assert row.legal_ground == LEGAL_GROUND[purpose]
    assert row.dossier_id == dossier.pk
    assert row.inburgeraar_id == dossier.inburgeraar_id
    assert len(row.trace_id) == 32
    if subject:
        assert row.subject == subject


# --- reads -----------------------------------------------------------------------------------


def test_detail_page_logs_one_view(kr_client, klantregisseur, gemeente_a):
    dossier = DossierFactory(gemeente=gemeente_a)
    response = kr_client.get(reverse("dossiers:detail", args=[dossier.pk]))
    assert response.status_code == 200
    [row] = Verwerking.objects.all()
    assert_row(row, actor=klantregisseur, action=Action.VIEW, purpose=Purpose.REGIE, dossier=dossier, subject="dossier")
    assert row.trace_id == response["X-Trace-Id"]


def test_werkvoorraad_logs_one_row_per_shown_person_with_one_trace_id(kr_client, klantregisseur, gemeente_a):
    shown = DossierFactory.create_batch(3, gemeente=gemeente_a, klantregisseur=klantregisseur)
    DossierFactory(gemeente=gemeente_a, klantregisseur=None)  # not "mine": not shown, not logged

    response = kr_client.get(reverse("dossiers:werkvoorraad"))
    assert response.status_code == 200
    rows = list(Verwerking.objects.all())
    assert sorted(r.dossier_id for r in rows) == sorted(d.pk for d in shown)
    for row in rows:
        assert row.action == Action.LIST
        assert row.actor_id == klantregisseur.pk
        assert row.role == Role.KLANTREGISSEUR
        assert row.purpose == Purpose.REGIE
    assert {r.trace_id for r in rows} == {response["X-Trace-Id"]}


def test_werkvoorraad_search_is_logged_as_search(kr_client, gemeente_a):
    dossier = DossierFactory(gemeente=gemeente_a)
    kr_client.get(reverse("dossiers:werkvoorraad"), {"q": dossier.inburgeraar.bsn, "klantregisseur": ""})
    [row] = Verwerking.objects.all()
    assert (row.action, row.dossier_id) == (Action.SEARCH, dossier.pk)


def test_traceparent_sets_the_trace_id_of_all_rows(kr_client, klantregisseur, gemeente_a):
    DossierFactory.create_batch(2, gemeente=gemeente_a, klantregisseur=klantregisseur)
    response = kr_client.get(reverse("dossiers:werkvoorraad"), HTTP_TRACEPARENT=TRACEPARENT)
    assert response["X-Trace-Id"] == "4bf92f3577b34da6a3ce929d0e0e4736"
    assert set(Verwerking.objects.values_list("trace_id", flat=True)) == {"4bf92f3577b34da6a3ce929d0e0e4736"}


def test_each_request_gets_its_own_trace_id(kr_client, gemeente_a):
    dossier = DossierFactory(gemeente=gemeente_a)
    url = reverse("dossiers:detail", args=[dossier.pk])
    kr_client.get(url)
    kr_client.get(url, HTTP_TRACEPARENT="not-a-valid-header")
    first, second = Verwerking.objects.order_by("pk")
    assert first.trace_id != second.trace_id


def test_csv_export_logs_every_exported_person(kr_client, klantregisseur, gemeente_a):
    dossiers = DossierFactory.create_batch(2, gemeente=gemeente_a, klantregisseur=klantregisseur)
    response = kr_client.get(reverse("dossiers:export"))
    assert response.status_code == 200
    b"".join(response.streaming_content)
    rows = list(Verwerking.objects.all())
    assert sorted(r.dossier_id for r in rows) == sorted(d.pk for d in dossiers)
    assert {(r.action, r.subject) for r in rows} == {(Action.EXPORT, "werkvoorraad-export")}
    assert len({r.trace_id for r in rows}) == 1


def test_api_list_and_detail_are_logged(token_client, klantregisseur, gemeente_a):
    dossiers = DossierFactory.create_batch(2, gemeente=gemeente_a)
    client = token_client(klantregisseur)
    response = client.get("/api/v1/dossiers/", HTTP_TRACEPARENT=TRACEPARENT)
    assert response.status_code == 200
    rows = list(Verwerking.objects.all())
    assert sorted(r.dossier_id for r in rows) == sorted(d.pk for d in dossiers)
    assert {(r.action, r.purpose, r.trace_id) for r in rows} == {
        (Action.LIST, Purpose.KOPPELING, "4bf92f3577b34da6a3ce929d0e0e4736")
    }

    before = Verwerking.objects.count()
    assert client.get(f"/api/v1/dossiers/{dossiers[0].uuid}/").status_code == 200
    [row] = new_rows(before)
    assert_row(row, actor=klantregisseur, action=Action.VIEW, purpose=Purpose.KOPPELING, dossier=dossiers[0])


# --- writes ----------------------------------------------------------------------------------


def test_register_transition_and_update_are_logged(kr_client, klantregisseur, gemeente_a):
    response = kr_client.post(
        reverse("dossiers:register"),
        {
            "aanmelding_token": str(uuid.uuid4()),
            "gemeente": gemeente_a.pk,
            "bsn": "999993653",
            "voornamen": "Amira",
            "geslachtsnaam": "Haddad",
            "geboortedatum": "1990-05-17",
            "geslacht": "V",
            "doelgroep": "Asielstatushouder",
            "plicht_begindatum": "2024-03-01",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    [row] = Verwerking.objects.all()
    from openinburgering.dossiers.models import Dossier

    dossier = Dossier.objects.get()
    assert_row(row, actor=klantregisseur, action=Action.CREATE, purpose=Purpose.REGISTRATIE, dossier=dossier)
    assert row.trace_id == response["X-Trace-Id"]

    before = Verwerking.objects.count()
    response = kr_client.post(reverse("dossiers:transition", args=[dossier.pk]), {"to": Status.BREDE_INTAKE})
    assert response.status_code == 200
    [row] = new_rows(before)
    assert_row(row, actor=klantregisseur, action=Action.UPDATE, purpose=Purpose.REGIE, dossier=dossier)

    before = Verwerking.objects.count()
    response = kr_client.post(
        reverse("dossiers:edit", args=[dossier.pk]),
        {
            "voornamen": "Amina",
            "geslachtsnaam": "Haddad",
            "geboortedatum": "1990-05-17",
            "geslacht": "V",
            "doelgroep": "Asielstatushouder",
            "plicht_begindatum": "2024-03-01",
            "datum_kennisgeving": "2024-03-20",
        },
    )
    assert response.status_code == 302
    rows = new_rows(before)
    assert [(r.action, r.subject) for r in rows] == [(Action.UPDATE, "persoon"), (Action.UPDATE, "dossier")]
    assert len({r.trace_id for r in rows}) == 1


# --- append-only -----------------------------------------------------------------------------


@pytest.fixture
def row(klantregisseur, gemeente_a):
    dossier = DossierFactory(gemeente=gemeente_a)
    return logboek_record(
        actor=klantregisseur,
        action=Action.VIEW,
        purpose=Purpose.REGIE,
        subject="dossier",
        inburgeraar_id=dossier.inburgeraar_id,
        dossier_id=dossier.pk,
    )


def test_model_refuses_a_row_outside_the_chain():
    with pytest.raises(AppendOnlyError):
        Verwerking.objects.create(
            trace_id="t", actor_label="x", role="x", action=Action.VIEW, subject="x", purpose=Purpose.REGIE
        )
    assert not Verwerking.objects.exists()


def test_model_refuses_save_and_delete(row):
    row.subject = "iets anders"
    with pytest.raises(AppendOnlyError):
        row.save()
    with pytest.raises(AppendOnlyError):
        row.delete()
    with pytest.raises(AppendOnlyError):
        Verwerking.objects.filter(pk=row.pk).update(subject="iets anders")
    with pytest.raises(AppendOnlyError):
        Verwerking.objects.filter(pk=row.pk).delete()
    with pytest.raises(AppendOnlyError):
        Verwerking.objects.all().delete()
    row.refresh_from_db()
    assert row.subject == "dossier"


def test_database_refuses_raw_update(row):
    table = Verwerking._meta.db_table
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"UPDATE {table} SET subject = %s WHERE id = %s", ["iets anders", row.pk])  # noqa: S608
    row.refresh_from_db()
    assert row.subject == "dossier"


def test_database_refuses_raw_delete(row):
    table = Verwerking._meta.db_table
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {table} WHERE id = %s", [row.pk])  # noqa: S608
    assert Verwerking.objects.filter(pk=row.pk).exists()


def test_admin_is_read_only(row, verified_client, gemeente_a):
    superuser = UserFactory(is_staff=True, is_superuser=True, gemeenten=[gemeente_a])
    request = RequestFactory().get("/")
    request.user = superuser
    model_admin = admin.site._registry[Verwerking]
    assert not model_admin.has_add_permission(request)
    assert not model_admin.has_change_permission(request, row)
    assert not model_admin.has_delete_permission(request, row)

    client = verified_client(superuser)
    assert client.get(reverse("admin:logboek_verwerking_changelist")).status_code == 200
    assert client.get(reverse("admin:logboek_verwerking_add")).status_code == 403
    assert client.post(reverse("admin:logboek_verwerking_change", args=[row.pk]), {"subject": "x"}).status_code == 403
    assert client.post(reverse("admin:logboek_verwerking_delete", args=[row.pk]), {"post": "yes"}).status_code == 403
    response = client.post(
        reverse("admin:logboek_verwerking_changelist"),
        {"action": "delete_selected", "_selected_action": [row.pk], "post": "yes"},
    )
    assert response.status_code in (200, 302)
    row.refresh_from_db()
    assert row.subject == "dossier"


# --- the logboek search page -----------------------------------------------------------------


@pytest.fixture
def logged_a_and_b(klantregisseur, klantregisseur_b, gemeente_a, gemeente_b):
    dossier_a = DossierFactory(gemeente=gemeente_a, inburgeraar__geslachtsnaam="Aalders")
    dossier_b = DossierFactory(gemeente=gemeente_b, inburgeraar__geslachtsnaam="Bosman")
    for actor, dossier in ((klantregisseur, dossier_a), (klantregisseur_b, dossier_b), (klantregisseur_b, dossier_a)):
        logboek_record(
            actor=actor,
            action=Action.VIEW,
            purpose=Purpose.REGIE,
            subject="dossier",
            inburgeraar_id=dossier.inburgeraar_id,
            dossier_id=dossier.pk,
        )
    return dossier_a, dossier_b


def test_beheerder_searches_per_bsn(verified_client, beheerder, logged_a_and_b):
    dossier_a, _ = logged_a_and_b
    response = verified_client(beheerder).get(reverse("logboek:search"), {"bsn": dossier_a.inburgeraar.bsn})
    assert response.status_code == 200
    rows = list(response.context["page"].object_list)
    assert len(rows) == 2
    assert {r.inburgeraar_id for r in rows} == {dossier_a.inburgeraar_id}
    assert dossier_a.inburgeraar.bsn in response.content.decode()


def test_beheerder_searches_per_username(verified_client, beheerder, klantregisseur, logged_a_and_b):
    dossier_a, _ = logged_a_and_b
    response = verified_client(beheerder).get(reverse("logboek:search"), {"actor": klantregisseur.username.upper()})
    rows = list(response.context["page"].object_list)
    assert [(r.actor_id, r.dossier_id) for r in rows] == [(klantregisseur.pk, dossier_a.pk)]


def test_search_is_itself_logged(verified_client, beheerder, logged_a_and_b):
    dossier_a, _ = logged_a_and_b
    before = Verwerking.objects.count()
    verified_client(beheerder).get(reverse("logboek:search"), {"bsn": dossier_a.inburgeraar.bsn})
    [row] = new_rows(before)
    assert_row(row, actor=beheerder, action=Action.SEARCH, purpose=Purpose.TOEZICHT, dossier=dossier_a)


def test_search_never_shows_rows_of_other_gemeenten(verified_client, beheerder, klantregisseur_b, logged_a_and_b):
    dossier_a, dossier_b = logged_a_and_b
    client = verified_client(beheerder)
    response = client.get(reverse("logboek:search"), {"bsn": dossier_b.inburgeraar.bsn})
    assert response.context["page"].paginator.count == 0
    assert dossier_b.inburgeraar.bsn not in response.content.decode().replace(
        f'value="{dossier_b.inburgeraar.bsn}"', ""
    )
    response = client.get(reverse("logboek:search"), {"actor": klantregisseur_b.username})
    rows = list(response.context["page"].object_list)
    # kr.b's read of A's dossier is A's business; kr.b's read of B's dossier is not.
    assert [r.dossier_id for r in rows] == [dossier_a.pk]
    assert "Bosman" not in response.content.decode()


@pytest.mark.parametrize("role", [Role.KLANTREGISSEUR, Role.TEAMLEIDER, Role.FINANCIEEL_MEDEWERKER, Role.AANBIEDER])
def test_other_roles_get_403(verified_client, gemeente_a, role):
    user = UserFactory(roles=[role], gemeenten=[gemeente_a])
    response = verified_client(user).get(reverse("logboek:search"), {"bsn": "999993653"})
    assert response.status_code == 403


def test_search_needs_a_bsn_or_username(verified_client, beheerder):
    response = verified_client(beheerder).get(reverse("logboek:search"), {"since": date(2024, 1, 1).isoformat()})
    assert response.status_code == 200
    assert response.context["page"] is None
    assert "Zoek op een BSN" in response.content.decode()
