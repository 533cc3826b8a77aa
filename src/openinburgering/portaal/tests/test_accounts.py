"""Accounts issued by the school: a start code shown once and stored only as a hash, the learner's and the
teacher's first login (own password first; the teacher then sets up the authenticator app, the learner needs
none), a new start code that ends the old password at once, deactivation, and lock-out for learners too."""

import re

import pytest
from django.contrib.admin.models import LogEntry
from django.contrib.auth import authenticate
from django.db import connection
from django.test import Client, RequestFactory
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from openinburgering.aanbod.factories import AanbiederFactory
from openinburgering.accounts.constants import Role
from openinburgering.accounts.factories import UserFactory
from openinburgering.accounts.models import User
from openinburgering.accounts.services import STARTCODE_ALPHABET, STARTCODE_LENGTH, leerling_username_generate

pytestmark = pytest.mark.django_db

LOGIN = "/account/login/"
OWN_PASSWORD = "Drie-Tulpen-Aan-Zee"


@pytest.fixture(autouse=True)
def two_factor_required(settings):
    settings.TWO_FACTOR_REQUIRED = True


@pytest.fixture
def brug():
    return AanbiederFactory(naam="Taalschool De Brug")


@pytest.fixture
def coordinator(brug):
    return UserFactory(username="coord.brug", roles=[Role.AANBIEDER], aanbieder=brug)


@pytest.fixture
def coord_client(verified_client, coordinator):
    return verified_client(coordinator)


def issued_code(response) -> str:
    match = re.search(r'data-testid="startcode">([a-z0-9]+)<', response.content.decode())
    assert match, "the page shows no start code"
    return match.group(1)


def post_password(client: Client, username: str, password: str):
    return client.post(LOGIN, {"login_view-current_step": "auth", "auth-username": username, "auth-password": password})


def make_leerling(coord_client, first_name: str = "Amina", last_name: str = "Haddad") -> tuple[User, str]:
    response = coord_client.post(reverse("portaal:leerling_create"), {"first_name": first_name, "last_name": last_name})
    assert response.status_code == 200
    return User.objects.get(first_name=first_name, last_name=last_name), issued_code(response)


# --- issuing -----------------------------------------------------------------------------------------


def test_a_leerling_account_gets_a_generated_username_and_a_start_code_shown_once(coord_client, brug, coordinator):
    response = coord_client.post(reverse("portaal:leerling_create"), {"first_name": "Ámina", "last_name": "Haddad"})
    assert response["Cache-Control"] == "no-store"
    code = issued_code(response)
    account = User.objects.get(last_name="Haddad")
    assert re.fullmatch(r"amina\d{4}", account.username)
    assert len(code) == STARTCODE_LENGTH and set(code) <= set(STARTCODE_ALPHABET)
    assert account.aanbieder == brug and account.roles == frozenset({Role.LEERLING})
    assert account.must_change_password and account.is_active and not account.is_staff
    text = response.content.decode()
    assert account.username in text and "Briefje afdrukken" in text and "Taalschool De Brug" in text
    # Shown once: the list does not show it again.
    assert code not in coord_client.get(reverse("portaal:accounts")).content.decode()
    entry = LogEntry.objects.get(object_id=str(account.pk))
    assert entry.user == coordinator and "aangemaakt" in entry.change_message


def test_the_start_code_is_stored_only_as_a_hash(coord_client):
    account, code = make_leerling(coord_client)
    assert account.check_password(code)
    assert code not in account.password
    # Not in any column of any table: users, the admin history, sessions, the processing log.
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            columns = [c.name for c in connection.introspection.get_table_description(cursor, table)]
            cursor.execute(f'SELECT * FROM "{table}"')  # noqa: S608  # table names from the database itself
            for row in cursor.fetchall():
                assert not any(code in str(value) for value in row), f"the start code is readable in {table}"
            assert columns


def test_a_docent_account_takes_the_given_username_and_refuses_a_taken_one(coord_client, brug):
    data = {"username": "p.bos", "first_name": "Peter", "last_name": "Bos", "email": "p.bos@debrug.example"}
    response = coord_client.post(reverse("portaal:docent_create"), data)
    assert response.status_code == 200
    docent = User.objects.get(username="p.bos")
    assert docent.roles == frozenset({Role.DOCENT}) and docent.aanbieder == brug and docent.must_change_password
    assert docent.check_password(issued_code(response))
    response = coord_client.post(reverse("portaal:docent_create"), {**data, "username": "P.Bos"})
    assert response.status_code == 422
    assert "bestaat al" in response.content.decode()
    assert User.objects.filter(username__iexact="p.bos").count() == 1


def test_a_docent_account_refuses_an_e_mail_address_of_another_account(coord_client, gemeente_a):
    """Single sign-on matches on the e-mail address: a second account with it would lock its owner out."""
    UserFactory(roles=[Role.KLANTREGISSEUR], gemeenten=[gemeente_a], email="k.regis@gemeente.example")
    data = {"username": "p.bos", "first_name": "Peter", "last_name": "Bos", "email": "K.Regis@gemeente.example"}
    response = coord_client.post(reverse("portaal:docent_create"), data)
    assert response.status_code == 422
    assert "hoort al bij een ander account" in response.content.decode()
    assert not User.objects.filter(username="p.bos").exists()


def test_a_docent_form_names_the_missing_fields(coord_client):
    response = coord_client.post(reverse("portaal:docent_create"), {"username": "", "email": "geen-adres"})
    assert response.status_code == 422
    text = response.content.decode()
    assert "Gebruikersnaam" in text and "E-mailadres" in text
    assert User.objects.filter(aanbieder__isnull=False).count() == 1  # the coordinator only: nothing made


def test_generated_usernames_do_not_collide():
    UserFactory(username="amina0001")
    names = {leerling_username_generate(first_name="Amina") for _ in range(50)}
    assert "amina0001" not in names
    assert leerling_username_generate(first_name="Ölü 李").startswith("olu")
    assert leerling_username_generate(first_name="李").startswith("leerling")


# --- first login ---------------------------------------------------------------------------------------


def test_a_leerling_logs_in_with_the_start_code_without_an_authenticator_and_chooses_a_password(coord_client):
    account, code = make_leerling(coord_client)
    client = Client()
    response = post_password(client, account.username, code)
    assert response.status_code == 302  # no token step: a leerling has no authenticator app
    # Every page leads to choosing a password first.
    response = client.get(reverse("start:leerling"))
    assert response.status_code == 302 and response.url == reverse("accounts:password_choose")
    response = client.post(reverse("accounts:password_choose"), {"new_password1": "kort", "new_password2": "kort"})
    assert response.status_code == 200
    assert "Dit wachtwoord is te kort. Het moet ten minste 12 tekens bevatten." in response.content.decode()
    response = client.post(
        reverse("accounts:password_choose"), {"new_password1": OWN_PASSWORD, "new_password2": OWN_PASSWORD}
    )
    assert response.status_code == 302
    response = client.get(response.url, follow=True)
    assert response.redirect_chain[-1][0] == reverse("start:leerling")
    assert "Er zijn nog geen lessen ingepland" in response.content.decode()
    account.refresh_from_db()
    assert not account.must_change_password
    assert not account.check_password(code)  # the start code works once
    assert account.check_password(OWN_PASSWORD)
    assert not TOTPDevice.objects.filter(user=account).exists()


def test_a_docent_chooses_a_password_and_is_then_sent_to_set_up_the_authenticator(coord_client):
    data = {"username": "p.bos", "first_name": "Peter", "last_name": "Bos", "email": "p.bos@debrug.example"}
    code = issued_code(coord_client.post(reverse("portaal:docent_create"), data))
    client = Client()
    assert post_password(client, "p.bos", code).status_code == 302
    assert client.get(reverse("start:docent")).url == reverse("accounts:password_choose")
    client.post(reverse("accounts:password_choose"), {"new_password1": OWN_PASSWORD, "new_password2": OWN_PASSWORD})
    response = client.get(reverse("start:docent"))
    assert response.status_code == 302 and response.url == reverse("two_factor:setup")


def test_the_second_factor_is_waived_for_a_leerling_only(brug):
    """The exemption follows the role alone: a docent or a coordinator without a device is sent to set one
    up, and so is a leerling account that someone also gave another role."""
    cases = {
        Role.LEERLING: ([Role.LEERLING], 200),
        Role.DOCENT: ([Role.DOCENT], 302),
        Role.AANBIEDER: ([Role.AANBIEDER], 302),
        "leerling+docent": ([Role.LEERLING, Role.DOCENT], 302),
    }
    for label, (roles, status) in cases.items():
        user = UserFactory(roles=roles, aanbieder=brug)
        client = Client()
        client.force_login(user)
        page = (
            "start:leerling"
            if Role.LEERLING in roles
            else "start:docent"
            if Role.DOCENT in roles
            else "start:aanbieder"
        )
        response = client.get(reverse(page))
        assert response.status_code == status, label
        if status == 302:
            assert response.url == reverse("two_factor:setup"), label


def test_a_leerling_who_is_also_staff_is_not_exempt(brug):
    user = UserFactory(roles=[Role.LEERLING], aanbieder=brug, is_staff=True)
    assert not user.is_leerling_only


# --- a new start code, deactivation ----------------------------------------------------------------------


def test_a_new_start_code_ends_the_old_password_and_sessions_at_once(coord_client, coordinator):
    account, code = make_leerling(coord_client)
    account.set_password(OWN_PASSWORD)
    account.must_change_password = False
    account.save()
    learner = Client()
    learner.force_login(account)
    assert learner.get(reverse("start:leerling")).status_code == 200
    response = coord_client.post(reverse("portaal:account_reset", args=[account.pk]))
    assert response.status_code == 200 and response["Cache-Control"] == "no-store"
    new_code = issued_code(response)
    assert new_code != code
    request = RequestFactory().post(LOGIN)
    assert authenticate(request, username=account.username, password=OWN_PASSWORD) is None
    assert authenticate(request, username=account.username, password=code) is None
    assert authenticate(request, username=account.username, password=new_code) == account
    account.refresh_from_db()
    assert account.must_change_password
    # The learner's open session ended with the old password.
    assert learner.get(reverse("start:leerling")).status_code == 302
    assert LogEntry.objects.filter(object_id=str(account.pk), change_message__contains="Nieuwe startcode").exists()


def test_deactivation_closes_the_account_at_once(coord_client):
    account, code = make_leerling(coord_client)
    learner = Client()
    learner.force_login(account)
    response = coord_client.post(reverse("portaal:account_deactivate", args=[account.pk]), follow=True)
    assert "is gedeactiveerd" in response.content.decode()
    account.refresh_from_db()
    assert not account.is_active
    assert learner.get(reverse("start:leerling")).status_code == 302  # logged out
    assert post_password(Client(), account.username, code).status_code == 200  # the login refuses
    # Deactivated: no new start code either.
    response = coord_client.post(reverse("portaal:account_reset", args=[account.pk]), follow=True)
    assert "gedeactiveerd" in response.content.decode()
    assert User.objects.get(pk=account.pk).password == account.password  # unchanged


def test_the_start_page_counts_the_schools_accounts(coord_client, brug):
    make_leerling(coord_client)
    UserFactory(roles=[Role.DOCENT], aanbieder=brug)
    UserFactory(roles=[Role.LEERLING], aanbieder=AanbiederFactory())  # another school's
    response = coord_client.get(reverse("start:aanbieder"))
    counts = response.context["accounts"]
    assert (counts.docenten, counts.leerlingen, counts.leerlingen_zonder_eigen_wachtwoord) == (1, 1, 1)
    assert reverse("portaal:accounts") in response.content.decode()


# --- lock-out --------------------------------------------------------------------------------------------


def test_a_leerling_is_locked_out_after_the_failure_limit_with_a_clear_dutch_message(settings, coord_client):
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 5
    account, code = make_leerling(coord_client)
    client = Client()
    for attempt in range(1, 5):
        assert post_password(client, account.username, "verkeerd").status_code == 200, attempt
    assert post_password(client, account.username, "verkeerd").status_code == 429  # the fifth wrong one locks
    response = post_password(client, account.username, code)  # the right code, too late
    assert response.status_code == 429
    text = response.content.decode()
    assert "Account tijdelijk geblokkeerd" in text
    assert "30 minuten" in text
    assert "Vraag uw docent of uw school om hulp" in text
    assert "_auth_user_id" not in client.session
    # The school gives a new start code: the lock is lifted for it.
    new_code = issued_code(coord_client.post(reverse("portaal:account_reset", args=[account.pk])))
    assert post_password(client, account.username, new_code).status_code == 302
