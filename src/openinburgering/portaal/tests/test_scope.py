"""The aanbiedersportaal's account pages: the scope matrix (a coordinator manages only its own school's docenten
and leerlingen; another school's account answers 404 and stays as it was), who may open the pages at all, and
forged requests. PORTAAL_URLS is the matrix tests/test_url_scope.py counts on."""

import re
from typing import Any

import pytest
from django.contrib.admin.models import LogEntry
from django.urls import reverse

from openinburgering.aanbod.factories import AanbiederFactory
from openinburgering.accounts.constants import Role
from openinburgering.accounts.factories import UserFactory
from openinburgering.accounts.models import User

pytestmark = pytest.mark.django_db

# URL name → (method, takes the account's pk). Every URL of the portaal app.
PORTAAL_URLS: dict[str, tuple[str, bool]] = {
    "accounts": ("get", False),
    "docent_create": ("get", False),
    "leerling_create": ("get", False),
    "account_reset": ("post", True),
    "account_deactivate": ("post", True),
}
OBJECT_URLS = [name for name, (_method, takes_pk) in PORTAAL_URLS.items() if takes_pk]


def _school(naam: str, letter: str) -> dict[str, Any]:
    aanbieder = AanbiederFactory(naam=naam)
    return {
        "aanbieder": aanbieder,
        "coordinator": UserFactory(username=f"coord.{letter}", roles=[Role.AANBIEDER], aanbieder=aanbieder),
        "docent": UserFactory(
            username=f"docent.{letter}",
            first_name="Dirk",
            last_name=f"Docent{letter.upper()}",
            roles=[Role.DOCENT],
            aanbieder=aanbieder,
        ),
        "leerling": UserFactory(
            username=f"leerling.{letter}",
            first_name="Lina",
            last_name=f"Leerling{letter.upper()}",
            roles=[Role.LEERLING],
            aanbieder=aanbieder,
        ),
    }


@pytest.fixture
def schools() -> dict[str, dict[str, Any]]:
    return {"a": _school("Taalschool De Brug", "a"), "b": _school("Leerhuis Oost", "b")}


def _state(user: User) -> tuple[Any, ...]:
    user = User.objects.get(pk=user.pk)
    return (
        user.password,
        user.is_active,
        user.must_change_password,
        LogEntry.objects.filter(object_id=str(user.pk)).count(),
    )


def _url(name: str, pk: int | None = None) -> str:
    return reverse(f"portaal:{name}", args=[pk] if PORTAAL_URLS[name][1] else [])


@pytest.mark.parametrize("target", ["docent", "leerling"])
@pytest.mark.parametrize("name", OBJECT_URLS)
def test_an_account_of_another_school_is_404_and_unchanged(verified_client, schools, name, target):
    client = verified_client(schools["a"]["coordinator"])
    account = schools["b"][target]
    before = _state(account)
    response = client.post(_url(name, account.pk))
    assert response.status_code == 404
    assert account.username.encode() not in response.content
    assert _state(account) == before


@pytest.mark.parametrize("name", OBJECT_URLS)
def test_a_pk_that_does_not_exist_looks_the_same(verified_client, schools, name):
    """'Not found' for another school's account is indistinguishable from an id that was never used."""
    client = verified_client(schools["a"]["coordinator"])
    other = client.post(_url(name, schools["b"]["leerling"].pk))
    missing = client.post(_url(name, 999_999))
    assert other.status_code == missing.status_code == 404

    def without_csrf(content: bytes) -> bytes:
        return re.sub(rb'"X-CSRFToken": "[^"]+"|value="[^"]+"', b"", content)

    assert without_csrf(other.content) == without_csrf(missing.content)


@pytest.mark.parametrize("name", OBJECT_URLS)
def test_the_coordinator_of_the_school_itself_is_answered(verified_client, schools, name):
    """The counterpart: the 404 above comes from the scope, not from a broken URL."""
    client = verified_client(schools["a"]["coordinator"])
    response = client.post(_url(name, schools["a"]["leerling"].pk))
    assert response.status_code in (200, 302)


@pytest.mark.parametrize("name", OBJECT_URLS)
def test_the_coordinator_cannot_manage_itself_or_a_colleague_coordinator(verified_client, schools, name):
    school = schools["a"]
    colleague = UserFactory(roles=[Role.AANBIEDER], aanbieder=school["aanbieder"])
    client = verified_client(school["coordinator"])
    for account in (school["coordinator"], colleague):
        before = _state(account)
        assert client.post(_url(name, account.pk)).status_code == 404
        assert _state(account) == before


def test_the_list_shows_the_own_school_and_nothing_of_another(verified_client, schools):
    response = verified_client(schools["a"]["coordinator"]).get(_url("accounts"))
    assert response.status_code == 200
    text = response.content.decode()
    for target in ("docent", "leerling"):
        assert schools["a"][target].username in text
        assert schools["b"][target].username not in text
        assert schools["b"][target].last_name not in text
    assert "Leerhuis Oost" not in text


@pytest.mark.parametrize("role", [Role.DOCENT, Role.LEERLING, Role.KLANTREGISSEUR, Role.CONTRACTMANAGER])
@pytest.mark.parametrize("name", list(PORTAAL_URLS))
def test_no_other_role_opens_the_account_pages(verified_client, schools, gemeente_a, name, role):
    """A docent is refused (403); a leerling finds nothing there (404, LeerlingOnlyMiddleware); staff of a gemeente
    are refused. Nothing changes."""
    if role in (Role.DOCENT, Role.LEERLING):
        user = schools["a"][str(role)]
    else:
        user = UserFactory(roles=[role], gemeenten=[gemeente_a])
    target = schools["a"]["leerling"]
    before = _state(target)
    method = PORTAAL_URLS[name][0]
    response = getattr(verified_client(user), method)(_url(name, target.pk))
    assert response.status_code == (404 if role == Role.LEERLING else 403)
    assert _state(target) == before


def test_a_coordinator_without_an_aanbieder_has_nothing_to_manage(verified_client):
    client = verified_client(UserFactory(roles=[Role.AANBIEDER]))
    assert client.get(_url("accounts")).status_code == 404
    assert client.post(_url("leerling_create"), {"first_name": "Amina", "last_name": "Haddad"}).status_code == 404
    assert not User.objects.filter(first_name="Amina").exists()


def test_a_forged_aanbieder_in_the_form_is_ignored(verified_client, schools):
    """The account belongs to the coordinator's own school whatever the POST says."""
    client = verified_client(schools["a"]["coordinator"])
    data = {"first_name": "Amina", "last_name": "Haddad", "aanbieder": schools["b"]["aanbieder"].pk, "groups": [1]}
    assert client.post(_url("leerling_create"), data).status_code == 200
    account = User.objects.get(first_name="Amina")
    assert account.aanbieder_id == schools["a"]["aanbieder"].pk
    assert account.roles == frozenset({Role.LEERLING})
    assert not account.is_staff and not account.gemeenten.exists()
