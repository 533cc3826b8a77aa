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


def verified(email: str) -> dict[str, object]:
    return {"email": email, "email_verified": True}


def test_claims_find_only_an_existing_active_user_by_verified_email(oidc_settings):
    user = UserFactory(email="Fatima@Example.nl")
    UserFactory(email="oud@example.nl", is_active=False)
    backend = ScopedOIDCBackend()
    assert list(backend.filter_users_by_claims(verified("fatima@example.nl"))) == [user]
    assert not backend.filter_users_by_claims(verified("oud@example.nl")).exists()
    assert not backend.filter_users_by_claims(verified("nieuw@example.nl")).exists()
    assert not backend.filter_users_by_claims({}).exists()


# What an identity provider sends when it did not check the address: no claim, false, or a string.
UNVERIFIED_CLAIMS = [
    {"email": "fatima@example.nl"},
    {"email": "fatima@example.nl", "email_verified": False},
    {"email": "fatima@example.nl", "email_verified": "false"},
    {"email": "fatima@example.nl", "email_verified": None},
    {"email": "fatima@example.nl", "email_verified": 1},
    {"email": "", "email_verified": True},
]


@pytest.mark.parametrize("claims", UNVERIFIED_CLAIMS)
def test_an_unverified_email_matches_nobody_and_fails_verification(oidc_settings, claims):
    UserFactory(email="fatima@example.nl")
    backend = ScopedOIDCBackend()
    assert backend.verify_claims(claims) is False
    assert not backend.filter_users_by_claims(claims).exists()


@pytest.mark.parametrize("verified_value", [True, "true", "True"])
def test_a_verified_email_passes_verification(oidc_settings, verified_value):
    assert ScopedOIDCBackend().verify_claims({"email": "fatima@example.nl", "email_verified": verified_value})


@pytest.mark.parametrize("claims", UNVERIFIED_CLAIMS)
def test_login_with_an_unverified_email_is_refused_and_creates_nobody(oidc_settings, settings, monkeypatch, claims):
    settings.OIDC_CREATE_USER = True  # even a set-up that creates users must not create one here
    UserFactory(email="fatima@example.nl")
    backend = ScopedOIDCBackend()
    monkeypatch.setattr(backend, "get_token", lambda payload: {"id_token": "x", "access_token": "y"})
    monkeypatch.setattr(backend, "verify_token", lambda token, nonce=None: claims)
    monkeypatch.setattr(backend, "get_userinfo", lambda access, id_token, payload: claims)
    request = RequestFactory().get("/oidc/callback/", {"code": "c", "state": "s"})
    request.session = SessionStore()
    count = UserFactory._meta.model.objects.count()
    assert backend.authenticate(request, nonce=None, code_verifier=None) is None
    assert UserFactory._meta.model.objects.count() == count
    assert not request.session.get("oidc_verified")


def test_a_system_account_never_logs_in_with_oidc(oidc_settings):
    UserFactory(email="koppeling@example.nl", is_system=True)
    assert not ScopedOIDCBackend().filter_users_by_claims(verified("koppeling@example.nl")).exists()


def test_unknown_identity_is_refused_not_created(oidc_settings, monkeypatch):
    backend = ScopedOIDCBackend()
    monkeypatch.setattr(backend, "get_token", lambda payload: {"id_token": "x", "access_token": "y"})
    monkeypatch.setattr(backend, "verify_token", lambda token, nonce=None: verified("nieuw@example.nl"))
    monkeypatch.setattr(backend, "get_userinfo", lambda access, id_token, payload: verified("nieuw@example.nl"))
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
    monkeypatch.setattr(backend, "verify_token", lambda token, nonce=None: verified(user.email))
    monkeypatch.setattr(backend, "get_userinfo", lambda access, id_token, payload: verified(user.email))
    request = RequestFactory().get("/oidc/callback/", {"code": "c", "state": "s"})
    request.session = SessionStore()
    assert backend.authenticate(request, nonce=None, code_verifier=None) == user
    assert request.session.get("oidc_verified") is True
