"""API tokens: only for system accounts, stored as a digest, expiring, revocable."""

import hashlib
import importlib
from datetime import timedelta
from types import SimpleNamespace

import pytest
import time_machine
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import Client
from django.utils import timezone

from openinburgering.accounts.constants import Role
from openinburgering.accounts.factories import PASSWORD, UserFactory
from openinburgering.accounts.models import ApiToken
from openinburgering.accounts.tokens import api_token_create, api_token_revoke

pytestmark = pytest.mark.django_db

DOSSIERS = "/api/v1/dossiers/"


def get(key: str, path: str = DOSSIERS):
    return Client().get(path, HTTP_AUTHORIZATION=f"Token {key}")


def test_a_system_account_uses_its_token(systeem):
    _token, key = api_token_create(user=systeem, description="Suite", actor=None)
    assert get(key).status_code == 200


def test_only_a_digest_is_stored(systeem):
    token, key = api_token_create(user=systeem, description="Suite", actor=None)
    stored = ApiToken.objects.filter(pk=token.pk).values().get()
    assert key not in {str(value) for value in stored.values()}
    assert stored["digest"] == hashlib.sha256(key.encode()).hexdigest()
    assert len(key) >= 40 and key.startswith(stored["prefix"]) and len(stored["prefix"]) < len(key) // 4


def test_a_person_cannot_get_a_token(klantregisseur):
    with pytest.raises(ValidationError) as excinfo:
        api_token_create(user=klantregisseur, description="Eigen gebruik", actor=None)
    assert "systeemaccount" in str(excinfo.value.message_dict["user"])
    assert not ApiToken.objects.exists()


def test_a_token_stops_working_when_its_account_is_no_longer_a_system_account(systeem):
    _token, key = api_token_create(user=systeem, description="Suite", actor=None)
    systeem.is_system = False
    systeem.save()
    assert get(key).status_code == 401


def test_a_token_expires_after_api_token_days(settings, systeem):
    settings.API_TOKEN_DAYS = 30
    token, key = api_token_create(user=systeem, description="Suite", actor=None)
    assert token.expires_at - token.created_at == pytest.approx(timedelta(days=30), abs=timedelta(seconds=5))
    with time_machine.travel(timezone.now() + timedelta(days=29, hours=23), tick=False):
        assert get(key).status_code == 200
    with time_machine.travel(timezone.now() + timedelta(days=30, minutes=1), tick=False):
        response = get(key)
        assert response.status_code == 401
        assert response["Content-Type"] == "application/problem+json"


def test_a_revoked_token_is_refused_at_once(systeem, beheerder):
    token, key = api_token_create(user=systeem, description="Suite", actor=None)
    assert get(key).status_code == 200
    assert api_token_revoke(token=token, actor=beheerder) is True
    assert get(key).status_code == 401
    assert api_token_revoke(token=token, actor=beheerder) is False


@pytest.mark.parametrize("header", ["Token", "Token a b", "Token oi_nietbestaand", "Bearer oi_x"])
def test_malformed_or_unknown_tokens_are_refused(systeem, header):
    api_token_create(user=systeem, description="Suite", actor=None)
    assert Client().get(DOSSIERS, HTTP_AUTHORIZATION=header).status_code == 401


def test_last_use_is_recorded(systeem):
    token, key = api_token_create(user=systeem, description="Suite", actor=None)
    get(key)
    token.refresh_from_db()
    assert token.last_used_at is not None


def test_a_system_account_cannot_log_in_with_a_password(settings, systeem):
    settings.TWO_FACTOR_REQUIRED = False
    client = Client()
    client.post(
        "/account/login/",
        {"login_view-current_step": "auth", "auth-username": systeem.username, "auth-password": PASSWORD},
    )
    assert "_auth_user_id" not in client.session


def test_a_system_account_gets_no_api_access_through_a_session(verified_client, systeem):
    assert verified_client(systeem).get(DOSSIERS).status_code in (401, 403)


# --- the data migration from DRF's plain tokens ------------------------------------------------------


@pytest.fixture
def authtoken_table():
    with connection.cursor() as cursor:
        cursor.execute("CREATE TABLE authtoken_token (key varchar(40) PRIMARY KEY, created timestamp, user_id integer)")
    yield
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE IF EXISTS authtoken_token")


@pytest.mark.django_db(transaction=True)
def test_plain_tokens_are_hashed_for_systems_and_revoked_for_people(authtoken_table, gemeente_a):
    system = UserFactory(roles=[Role.KLANTREGISSEUR], gemeenten=[gemeente_a])
    system.set_unusable_password()
    system.save()
    person = UserFactory(roles=[Role.KLANTREGISSEUR], gemeenten=[gemeente_a])
    system_key, person_key = "a" * 40, "b" * 40
    with connection.cursor() as cursor:
        for key, user in ((system_key, system), (person_key, person)):
            cursor.execute(
                "INSERT INTO authtoken_token (key, created, user_id) VALUES (%s, %s, %s)",
                [key, timezone.now(), user.pk],
            )
    migration = importlib.import_module("openinburgering.accounts.migrations.0006_api_tokens_from_authtoken")
    migration.move_tokens(apps, SimpleNamespace(connection=connection))

    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM authtoken_token")
        assert cursor.fetchone()[0] == 0  # no plain key left
    system.refresh_from_db()
    person.refresh_from_db()
    assert system.is_system and not person.is_system
    assert get(system_key).status_code == 200
    assert get(person_key).status_code == 401
    assert ApiToken.objects.get().user == system
