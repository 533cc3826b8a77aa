"""The functioneel beheerder makes and revokes tokens for the system accounts they manage, and sees
who holds which; the key is shown once and never stored."""

import pytest
from django.test import Client

from openinburgering.accounts.constants import Role
from openinburgering.accounts.factories import UserFactory
from openinburgering.accounts.models import ApiToken
from openinburgering.accounts.tokens import api_token_create, token_digest

pytestmark = pytest.mark.django_db

ADD = "/admin/accounts/apitoken/add/"
LIST = "/admin/accounts/apitoken/"


@pytest.fixture
def beheerder_a(gemeente_a):
    return UserFactory(username="fb.a", roles=[Role.FUNCTIONEEL_BEHEERDER], gemeenten=[gemeente_a], is_staff=True)


@pytest.fixture
def systeem_b(gemeente_b):
    return UserFactory(username="koppeling.b", is_system=True, roles=[Role.KLANTREGISSEUR], gemeenten=[gemeente_b])


def test_beheerder_makes_a_token_and_sees_the_key_once(verified_client, beheerder_a, systeem):
    client = verified_client(beheerder_a)
    response = client.post(ADD, {"user": systeem.pk, "description": "Suite"})
    assert response.status_code == 200
    token = ApiToken.objects.get()
    key = response.context["key"]
    assert key in response.content.decode()
    assert "no-store" in response["Cache-Control"]
    assert token.digest == token_digest(key) and token.user == systeem and token.created_by == beheerder_a
    assert key not in client.get(f"{LIST}{token.pk}/change/").content.decode()
    assert Client().get("/api/v1/dossiers/", HTTP_AUTHORIZATION=f"Token {key}").status_code == 200


@pytest.mark.parametrize("holder", ["person_in_scope", "system_out_of_scope"])
def test_beheerder_cannot_make_a_token_for_a_person_or_outside_scope(
    verified_client, beheerder_a, klantregisseur, systeem_b, holder
):
    user = klantregisseur if holder == "person_in_scope" else systeem_b
    client = verified_client(beheerder_a)
    assert f'value="{user.pk}"' not in client.get(ADD).content.decode()
    response = client.post(ADD, {"user": user.pk, "description": "Suite"})  # forged
    assert response.status_code == 200
    assert "Selecteer een geldige keuze" in response.content.decode()
    assert not ApiToken.objects.exists()


def test_beheerder_sees_who_holds_which_in_scope_only(verified_client, beheerder_a, systeem, systeem_b):
    api_token_create(user=systeem, description="Suite A", actor=None)
    other, _key = api_token_create(user=systeem_b, description="Suite B", actor=None)
    client = verified_client(beheerder_a)
    html = client.get(LIST).content.decode()
    assert "Suite A" in html and str(systeem) in html
    assert "Suite B" not in html
    assert client.get(f"{LIST}{other.pk}/change/").status_code == 302


def test_beheerder_revokes_a_token(verified_client, beheerder_a, systeem, systeem_b):
    token, key = api_token_create(user=systeem, description="Suite A", actor=None)
    other, _other_key = api_token_create(user=systeem_b, description="Suite B", actor=None)
    client = verified_client(beheerder_a)
    action = {"action": "revoke", "_selected_action": [token.pk, other.pk]}  # B's smuggled in
    assert client.post(LIST, action).status_code == 302
    token.refresh_from_db()
    other.refresh_from_db()
    assert token.revoked_by == beheerder_a and other.revoked_at is None
    assert Client().get("/api/v1/dossiers/", HTTP_AUTHORIZATION=f"Token {key}").status_code == 401


def test_a_token_is_never_deleted(verified_client, beheerder_a, systeem):
    token, _key = api_token_create(user=systeem, description="Suite A", actor=None)
    verified_client(beheerder_a).post(f"{LIST}{token.pk}/delete/", {"post": "yes"})
    assert ApiToken.objects.filter(pk=token.pk).exists()
