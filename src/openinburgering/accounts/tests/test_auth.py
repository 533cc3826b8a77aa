"""Login: two factors for staff, lock-out after failed passwords, strong passwords, idle sessions."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.conf import settings as django_settings
from django.contrib.auth.password_validation import validate_password
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from openinburgering.accounts.constants import Role
from openinburgering.accounts.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

LOGIN = "/account/login/"


@pytest.fixture
def two_factor_required(settings):
    settings.TWO_FACTOR_REQUIRED = True


@pytest.fixture
def user(gemeente_a):
    return UserFactory(roles=[Role.KLANTREGISSEUR], gemeenten=[gemeente_a])


def confirmed_device(user) -> TOTPDevice:
    # two_factor asks for the token of the device named "default" (what its set-up wizard creates).
    return TOTPDevice.objects.create(user=user, name="default", confirmed=True)


def current_token(device: TOTPDevice) -> str:
    token = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=device.drift)
    return f"{token:0{device.digits}d}"


def post_password(client: Client, username: str, password: str):
    return client.post(LOGIN, {"login_view-current_step": "auth", "auth-username": username, "auth-password": password})


def post_token(client: Client, token: str):
    return client.post(LOGIN, {"login_view-current_step": "token", "token-otp_token": token})


# --- two-factor ----------------------------------------------------------------------------------


def test_password_only_without_device_is_sent_to_2fa_setup(two_factor_required, client, user):
    client.force_login(user)
    response = client.get(reverse("dossiers:werkvoorraad"))
    assert response.status_code == 302
    assert response.url == reverse("two_factor:setup")
    # The set-up page itself is reachable.
    assert client.get(reverse("two_factor:setup")).status_code == 200


def test_password_only_with_device_is_sent_to_login(two_factor_required, client, user):
    confirmed_device(user)
    client.force_login(user)
    response = client.get(reverse("dossiers:werkvoorraad"))
    assert response.status_code == 302
    assert response.url == f"{reverse('two_factor:login')}?next=%2Fdossiers%2F"


def test_login_with_password_and_totp_reaches_werkvoorraad(two_factor_required, client, user):
    device = confirmed_device(user)
    response = post_password(client, user.username, PASSWORD)
    assert response.status_code == 200
    assert response.context["wizard"]["steps"].current == "token"
    assert "_auth_user_id" not in client.session

    response = post_token(client, current_token(device))
    assert response.status_code == 302
    assert client.session[DEVICE_ID_SESSION_KEY] == device.persistent_id
    assert client.get(reverse("dossiers:werkvoorraad")).status_code == 200


def test_wrong_token_does_not_log_in(two_factor_required, client, user):
    device = confirmed_device(user)
    post_password(client, user.username, PASSWORD)
    wrong = f"{(int(current_token(device)) + 1) % 10**6:06d}"
    response = post_token(client, wrong)
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert client.get(reverse("dossiers:werkvoorraad")).status_code == 302


def test_device_that_login_does_not_ask_for_leads_to_setup_not_a_loop(two_factor_required, client, user):
    """two_factor's login asks for the "default" device only; with just another device the user must be
    sent to set-up, not back to a login that logs them in without a token (and so on, forever)."""
    TOTPDevice.objects.create(user=user, name="telefoon", confirmed=True)
    assert post_password(client, user.username, PASSWORD).status_code == 302
    response = client.get(reverse("dossiers:werkvoorraad"))
    assert response.status_code == 302
    assert response.url == reverse("two_factor:setup")


def test_without_two_factor_requirement_password_suffices(settings, client, user):
    settings.TWO_FACTOR_REQUIRED = False
    response = post_password(client, user.username, PASSWORD)
    assert response.status_code == 302
    assert client.get(reverse("dossiers:werkvoorraad")).status_code == 200


def test_with_two_factor_requirement_password_alone_does_not_reach_pages(two_factor_required, client, user):
    response = post_password(client, user.username, PASSWORD)  # no device: logged in, then sent to set-up
    assert response.status_code == 302
    response = client.get(reverse("dossiers:werkvoorraad"))
    assert response.status_code == 302
    assert response.url == reverse("two_factor:setup")


# --- lock-out ------------------------------------------------------------------------------------


def test_axes_locks_out_after_failure_limit(settings, client, user):
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 3
    settings.TWO_FACTOR_REQUIRED = False
    for _ in range(3):
        post_password(client, user.username, "verkeerd-wachtwoord")
    response = post_password(client, user.username, PASSWORD)
    assert response.status_code == 429
    assert "Account tijdelijk geblokkeerd" in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert client.get(reverse("dossiers:werkvoorraad")).status_code == 302


def test_axes_lets_the_right_password_in_below_the_limit(settings, client, user):
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 3
    settings.TWO_FACTOR_REQUIRED = False
    for _ in range(2):
        post_password(client, user.username, "verkeerd-wachtwoord")
    assert post_password(client, user.username, PASSWORD).status_code == 302
    assert client.get(reverse("dossiers:werkvoorraad")).status_code == 200


PROXY = "10.0.0.1"


@pytest.fixture
def behind_proxy(settings):
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 3
    settings.TWO_FACTOR_REQUIRED = False
    settings.TRUSTED_PROXIES = [PROXY]


def test_axes_behind_the_proxy_locks_the_forwarded_client_not_everyone(behind_proxy, user):
    """Behind nginx every request comes from the proxy's address; the lock must follow the client."""
    attacker = Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="203.0.113.5")
    for _ in range(3):
        post_password(attacker, user.username, "verkeerd-wachtwoord")
    assert post_password(attacker, user.username, PASSWORD).status_code == 429
    colleague = Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="198.51.100.7")
    assert post_password(colleague, user.username, PASSWORD).status_code == 302
    assert colleague.get(reverse("dossiers:werkvoorraad")).status_code == 200


def test_axes_ignores_x_forwarded_for_from_a_peer_that_is_not_a_trusted_proxy(behind_proxy, user):
    """A client that sends its own X-Forwarded-For cannot step out of its lock by changing it."""
    for n in range(3):
        forger = Client(REMOTE_ADDR="192.0.2.9", HTTP_X_FORWARDED_FOR=f"203.0.113.{n}")
        post_password(forger, user.username, "verkeerd-wachtwoord")
    forger = Client(REMOTE_ADDR="192.0.2.9", HTTP_X_FORWARDED_FOR="198.51.100.99")
    assert post_password(forger, user.username, PASSWORD).status_code == 429


def test_axes_takes_the_right_most_untrusted_address_not_what_the_client_prepends(behind_proxy, user):
    """Through the proxy, a client's own X-Forwarded-For entry stands left of the one nginx appends."""
    for n in range(3):
        forger = Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=f"198.51.100.{n}, 203.0.113.5")
        post_password(forger, user.username, "verkeerd-wachtwoord")
    forger = Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="198.51.100.99, 203.0.113.5")
    assert post_password(forger, user.username, PASSWORD).status_code == 429


# --- passwords and sessions --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("password", "code"),
    [
        ("Kort-1a", "password_too_short"),
        ("password1234", "password_too_common"),
        ("qwertyuiop12", "password_too_common"),
        ("938475610293", "password_entirely_numeric"),
    ],
)
def test_weak_passwords_are_refused(password, code):
    with pytest.raises(ValidationError) as excinfo:
        validate_password(password)
    assert code in {error.code for error in excinfo.value.error_list}


def test_strong_password_is_accepted():
    validate_password(PASSWORD)


def test_password_similar_to_username_is_refused(user):
    user.username = "karin.regisseur"
    with pytest.raises(ValidationError):
        validate_password("karin.regisseur1", user=user)


def test_session_ends_after_idle_timeout():
    assert django_settings.SESSION_COOKIE_AGE == django_settings.SESSION_IDLE_TIMEOUT_MINUTES * 60


def session_expiry(client: Client) -> datetime:
    return Session.objects.get(session_key=client.session.session_key).expire_date


def test_idle_timeout_is_renewed_by_use_without_a_write_per_request(client, user, settings):
    """The session lives 30 minutes after the last request, renewed at most once a minute: it may end up to
    a minute sooner than 30 minutes after the last request, never later."""
    settings.TWO_FACTOR_REQUIRED = False  # the second factor has its own tests; here only the session
    start = datetime(2026, 3, 31, 9, 0, tzinfo=UTC)
    idle = timedelta(minutes=django_settings.SESSION_IDLE_TIMEOUT_MINUTES)
    home = reverse("home")
    with time_machine.travel(start, tick=False) as clock:
        client.force_login(user)
        assert session_expiry(client) == start + idle
        clock.shift(timedelta(seconds=59))
        assert client.get(home).status_code in (200, 302)
        assert session_expiry(client) == start + idle  # not written again within the minute
        clock.shift(timedelta(seconds=1))
        client.get(home)
        renewed = start + timedelta(seconds=60)
        assert session_expiry(client) == renewed + idle
        # 29 minutes 59 seconds after the last request: still logged in (and renewed again).
        clock.shift(idle - timedelta(seconds=1))
        assert client.get("/dossiers/").status_code == 200
        # Idle for the full 30 minutes: logged out.
        clock.shift(idle)
        response = client.get("/dossiers/")
        assert response.status_code == 302
        assert response["Location"].startswith(LOGIN)


def test_an_anonymous_visit_creates_no_session(client):
    client.get(reverse("health"))
    client.get(reverse("home"))
    assert not Session.objects.exists()


def test_logout_is_not_undone_by_the_renewal(client, user):
    client.force_login(user)
    client.post(reverse("accounts:logout"))
    assert not Session.objects.exists()


# --- the API and two-factor ----------------------------------------------------------------------


def test_api_refuses_session_without_second_factor(two_factor_required, client, user):
    client.force_login(user)
    response = client.get("/api/v1/dossiers/")
    assert response.status_code in (401, 403)
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["status"] == response.status_code


def test_api_accepts_verified_session(two_factor_required, verified_client, user):
    assert verified_client(user).get("/api/v1/dossiers/").status_code == 200


def test_api_accepts_a_token(two_factor_required, token_client, user):
    assert token_client(user).get("/api/v1/dossiers/").status_code == 200


def test_api_refuses_anonymous_and_bad_token(client):
    response = client.get("/api/v1/dossiers/")
    assert response.status_code == 401
    assert response["Content-Type"] == "application/problem+json"
    response = client.get("/api/v1/dossiers/", HTTP_AUTHORIZATION="Token nietbestaand")
    assert response.status_code == 401
    assert response["Content-Type"] == "application/problem+json"
