"""Fixtures shared by every app's tests: two gemeenten, users with roles and scope, logged-in clients."""

from collections.abc import Callable

import pytest
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice
from rest_framework.test import APIClient

from openinburgering.accounts.constants import Role
from openinburgering.accounts.factories import TeamFactory, UserFactory
from openinburgering.accounts.models import User
from openinburgering.accounts.tokens import api_token_create
from openinburgering.gemeenten.factories import GemeenteFactory, UitvoeringsorganisatieFactory
from openinburgering.gemeenten.models import Gemeente


def login_verified(client: Client, user: User) -> Client:
    """Log in as someone who passed both factors: a confirmed TOTP device, verified in the session
    (what django_otp.login does after a correct token), so the two-factor middleware lets the user through."""
    device, _ = TOTPDevice.objects.get_or_create(user=user, name="default", defaults={"confirmed": True})
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


@pytest.fixture(autouse=True, scope="session")
def _flush_past_log_triggers():
    """The flush between transactional tests empties the processing log, which its triggers refuse otherwise."""
    from openinburgering.logboek.testing import flush_past_log_triggers

    with flush_past_log_triggers():
        yield


@pytest.fixture
def uitvoeringsorganisatie():
    return UitvoeringsorganisatieFactory(naam="Regio Inburgering West")


@pytest.fixture
def gemeente_a(uitvoeringsorganisatie) -> Gemeente:
    return GemeenteFactory(uitvoeringsorganisatie=uitvoeringsorganisatie, naam="Aadorp", code="0101")


@pytest.fixture
def gemeente_b(uitvoeringsorganisatie) -> Gemeente:
    return GemeenteFactory(uitvoeringsorganisatie=uitvoeringsorganisatie, naam="Beekstad", code="0202")


@pytest.fixture
def team():
    return TeamFactory(naam="Team Noord")


@pytest.fixture
def klantregisseur(gemeente_a, team) -> User:
    return UserFactory(
        username="kr.a",
        first_name="Karin",
        last_name="Regis",
        roles=[Role.KLANTREGISSEUR],
        gemeenten=[gemeente_a],
        team=team,
    )


@pytest.fixture
def teamleider(gemeente_a, team) -> User:
    return UserFactory(username="tl.a", roles=[Role.TEAMLEIDER], gemeenten=[gemeente_a], team=team)


@pytest.fixture
def beheerder(gemeente_a) -> User:
    return UserFactory(username="fb.a", roles=[Role.FUNCTIONEEL_BEHEERDER], gemeenten=[gemeente_a])


@pytest.fixture
def klantregisseur_b(gemeente_b) -> User:
    return UserFactory(username="kr.b", roles=[Role.KLANTREGISSEUR], gemeenten=[gemeente_b])


@pytest.fixture
def systeem(gemeente_a) -> User:
    """A system account (another system using the API) of gemeente A, registering dossiers."""
    return UserFactory(username="koppeling.a", is_system=True, roles=[Role.KLANTREGISSEUR], gemeenten=[gemeente_a])


@pytest.fixture
def verified_client() -> Callable[[User], Client]:
    """`verified_client(user)`: a new test client, logged in with both factors."""
    return lambda user: login_verified(Client(), user)


@pytest.fixture
def kr_client(klantregisseur) -> Client:
    return login_verified(Client(), klantregisseur)


@pytest.fixture
def token_client() -> Callable[[User], APIClient]:
    """`token_client(user)`: an API client authenticated with a new API token of `user`. Only a system
    account holds a token, so `user` is made one (it then no longer logs in with a password)."""

    def make(user: User) -> APIClient:
        if not user.is_system:
            user.is_system = True
            user.save(update_fields=["is_system"])
        client = APIClient()
        _token, key = api_token_create(user=user, description="test", actor=None)
        client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
        return client

    return make


def pytest_configure(config: pytest.Config) -> None:
    # WhiteNoise looks for STATIC_ROOT, which only `collectstatic` creates; tests serve no static files.
    config.addinivalue_line("filterwarnings", "ignore:No directory at:UserWarning")
