"""A leerling opens their own lessons, their password and the way out, and nothing else: every other URL of the
product (pages, admin, API, DUO's endpoint) answers 403 or 404 to them, by GET and by POST. The walk is the one
of test_url_scope.py, so a URL added by any app is in this matrix at once."""

import itertools
import uuid
from typing import Any

import pytest
from django.test import Client
from django.urls import NoReverseMatch, URLPattern, URLResolver, get_resolver, reverse
from django.urls.converters import IntConverter, UUIDConverter
from django.urls.resolvers import RegexPattern, RoutePattern

from openinburgering.aanbod.factories import AanbiederFactory
from openinburgering.accounts.constants import Role
from openinburgering.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db

# The only URLs a leerling reaches (views marked open_to_leerling, plus the login and the liveness probe).
LEERLING_OPEN = {
    "home",
    "start:leerling",
    "accounts:logout",
    "accounts:password_choose",
    "two_factor:login",
    "health",
}


def _parameters(pattern: Any) -> dict[str, list[Any]]:
    """The URL's parameters and values to try for each: a number, a UUID, a word."""
    if isinstance(pattern, RoutePattern):
        values = {}
        for name, converter in pattern.converters.items():
            if isinstance(converter, IntConverter):
                values[name] = [1]
            elif isinstance(converter, UUIDConverter):
                values[name] = [uuid.uuid4()]
            else:
                values[name] = ["1", "accounts"]
        return values
    if isinstance(pattern, RegexPattern):
        return {name: ["accounts", "1", "x"] for name in pattern.regex.groupindex}
    return {}


def _walk(patterns: list[Any], namespace: str = "", params: dict[str, list[Any]] | None = None):
    for pattern in patterns:
        inherited = {**(params or {}), **_parameters(pattern.pattern)}
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}:{pattern.namespace}" if namespace and pattern.namespace else pattern.namespace
            yield from _walk(pattern.url_patterns, inner or namespace, inherited)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield f"{namespace}:{pattern.name}".lstrip(":"), inherited


def _url(name: str, params: dict[str, list[Any]]) -> str | None:
    names = list(params)
    for combination in itertools.product(*(params[n] for n in names)):
        try:
            return reverse(name, kwargs=dict(zip(names, combination, strict=True)))
        except NoReverseMatch:
            continue
    return None


def _every_url() -> dict[str, str]:
    urls = {}
    for name, params in _walk(get_resolver().url_patterns):
        url = _url(name, params)
        assert url is not None, f"cannot build a URL for {name}"
        urls.setdefault(name, url)
    return urls


EVERY_URL = _every_url()
CLOSED = sorted(set(EVERY_URL) - LEERLING_OPEN)


def test_the_matrix_covers_the_product():
    assert set(EVERY_URL) >= LEERLING_OPEN
    assert len(CLOSED) > 100  # pages, admin and API: the walk found them all, not a handful


@pytest.fixture
def leerling_client() -> Client:
    """A learner logged in as a learner logs in: password only, no second factor."""
    leerling = UserFactory(username="amina0001", roles=[Role.LEERLING], aanbieder=AanbiederFactory())
    client = Client()
    client.force_login(leerling)
    return client


@pytest.mark.parametrize("name", CLOSED)
def test_a_leerling_gets_nothing_from_any_other_url(leerling_client, name):
    url = EVERY_URL[name]
    for method in ("get", "post"):
        response = getattr(leerling_client, method)(url)
        assert response.status_code in (403, 404), f"{method.upper()} {url}: {response.status_code}"


def test_a_leerling_reaches_their_own_page(leerling_client):
    response = leerling_client.get(reverse("home"), follow=True)
    assert response.redirect_chain[-1][0] == reverse("start:leerling")
    assert response.status_code == 200
    text = response.content.decode()
    assert "Er zijn nog geen lessen ingepland" in text
    assert reverse("api:docs") not in text  # the menu offers nothing they cannot open
