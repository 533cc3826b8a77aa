"""OpenID Connect: the identity provider proves who someone is; it never creates users or roles."""

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.test import RequestFactory

from openinburgering.accounts.factories import UserFactory
from openinburgering.accounts.oidc import ScopedOIDCBackend

pytestmark = [pytest.mark.django_db, pytest.mark.urls("openinburgering.accounts.tests.oidc_urls")]


@pytest.fixture
def oidc_settings(settings):
    settings.OIDC_RP_CLIENT_ID = "open-inburgering"
    settings.OIDC_RP_CLIENT_SECRET = "secret"
    settings.OIDC_RP_SIGN_ALGO = "HS256"
    settings.OIDC_OP_TOKEN_ENDPOINT = "https://idp.example/token"
    settings.OIDC_OP_USER_ENDPOINT = "https://idp.example/userinfo"
    settings.OIDC_CREATE_USER = False
    settings.OIDC_COUNTS_AS_SECOND_FACTOR = True
    return settings


def test_claims_find_only_an_existing_active_user_by_email(oidc_settings):
    user = UserFactory(email="Fatima@Example.nl")
    UserFactory(email="oud@example.nl", is_active=False)
    backend = ScopedOIDCBackend()
    assert list(backend.filter_users_by_claims({"email": "fatima@example.nl"})) == [user]
    assert not backend.filter_users_by_claims({"email": "oud@example.nl"}).exists()
    assert not backend.filter_users_by_claims({"email": "nieuw@example.nl"}).exists()
    assert not backend.filter_users_by_claims({}).exists()


def test_unknown_identity_is_refused_not_created(oidc_settings, monkeypatch):
    backend = ScopedOIDCBackend()
    monkeypatch.setattr(backend, "get_token", lambda payload: {"id_token": "x", "access_token": "y"})
    monkeypatch.setattr(backend, "verify_token", lambda token, nonce=None: {"email": "nieuw@example.nl"})
    monkeypatch.setattr(backend, "get_userinfo", lambda access, id_token, payload: {"email": "nieuw@example.nl"})
    request = RequestFactory().get("/oidc/callback/", {"code": "c", "state": "s"})
    request.session = SessionStore()
    count = UserFactory._meta.model.objects.count()
    assert backend.authenticate(request, nonce=None, code_verifier=None) is None
    assert UserFactory._meta.model.objects.count() == count
    assert not request.session.get("oidc_verified")


def test_known_identity_logs_in_and_counts_as_second_factor(oidc_settings, monkeypatch):
    user = UserFactory(email="fatima@example.nl")
    backend = ScopedOIDCBackend()
    monkeypatch.setattr(backend, "get_token", lambda payload: {"id_token": "x", "access_token": "y"})
    monkeypatch.setattr(backend, "verify_token", lambda token, nonce=None: {"email": user.email})
    monkeypatch.setattr(backend, "get_userinfo", lambda access, id_token, payload: {"email": user.email})
    request = RequestFactory().get("/oidc/callback/", {"code": "c", "state": "s"})
    request.session = SessionStore()
    assert backend.authenticate(request, nonce=None, code_verifier=None) == user
    assert request.session.get("oidc_verified") is True
