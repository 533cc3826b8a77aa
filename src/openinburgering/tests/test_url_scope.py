"""ONE CHECK OVER EVERY URL OF THE PROJECT: each named URL pattern is in a scope matrix, or on SCOPE_FREE
with the reason why no scope applies. test_every_url_is_in_a_matrix_or_scope_free walks the resolver, so
a URL added by any app (a new one included) fails here until it is placed.

A scope matrix proves, with real objects of gemeente B and a user of gemeente A, that the URL gives 404
(or 403) and changes nothing (object-bound URLs), or that a list shows A's row and none of B's. The apps
that had their own matrix keep it (dossiers, intake, pip, ontzorgen, start: they are imported below);
OBJECT_URLS and LIST_URLS here are the matrix of every other app. Keys are URL names, never paths or
views, so a view may move to another app (the dossier page to `werkplek`) without touching this file.
"""

import gzip
import hashlib
import uuid
from collections.abc import Callable, Iterator
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from django.contrib import admin
from django.contrib.auth.models import Group, Permission
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from openinburgering.aanbod.factories import AanbiederFactory
from openinburgering.aanbod.models import Aanbieder
from openinburgering.accounts.constants import Role
from openinburgering.accounts.factories import UserFactory
from openinburgering.accounts.tests import test_admin_other_apps
from openinburgering.betalingen.models import Bankafschrift, Betaalbestand, Betaalregel, Betaalrun
from openinburgering.dossiers.factories import DocumentFactory, DossierFactory
from openinburgering.dossiers.models import DossierEvent
from openinburgering.dossiers.tests import test_scope as dossiers_scope
from openinburgering.duo.models import DuoBericht, Notificatie
from openinburgering.gemeenten.models import Gemeente
from openinburgering.inkoop.factories import ContractFactory, PerceelFactory
from openinburgering.inkoop.models import Contract
from openinburgering.inkoop.tests import test_views as inkoop_views
from openinburgering.intake.tests import test_views as intake_views
from openinburgering.logboek.models import Verwerking
from openinburgering.ontzorgen.factories import OntzorgingFactory, VasteLastFactory
from openinburgering.ontzorgen.tests import test_scope as ontzorgen_scope
from openinburgering.ontzorgen.tests.conftest import _put_in_run
from openinburgering.pip.factories import PipFactory
from openinburgering.pip.tests import test_scope as pip_scope
from openinburgering.portaal.tests import test_scope as portaal_scope
from openinburgering.taken.constants import TaakSoort
from openinburgering.taken.models import Taak
from openinburgering.uitkeringen.models import Uitkering
from openinburgering.uitkeringen.tests import test_views as uitkering_views
from openinburgering.werkplek.tests import test_dossier_views as dossiers_views

# --- the matrices of the apps that keep their own ---------------------------------------------------

APP_MATRICES: dict[str, set[str]] = {
    "dossiers/tests/test_scope.py DOSSIER_URLS": {f"dossiers:{n}" for n in dossiers_scope.DOSSIER_URLS},
    "dossiers/tests/test_scope.py START_URLS": {f"start:{n}" for n in dossiers_scope.START_URLS},
    "intake/tests/test_views.py INTAKE_URLS": {f"intake:{n}" for n in intake_views.INTAKE_URLS},
    "pip/tests/test_scope.py PIP_URLS": {f"pip:{n}" for n in pip_scope.PIP_URLS},
    "ontzorgen/tests/test_scope.py URLS": {f"ontzorgen:{n}" for n in ontzorgen_scope.URLS},
    "portaal/tests/test_scope.py PORTAAL_URLS": {f"portaal:{n}" for n in portaal_scope.PORTAAL_URLS},
}

# URLs whose gemeente is chosen in a form (not in the URL): the refusal of another gemeente is proven by
# the test named, which posts gemeente B (or a BSN of B) and checks that nothing was stored.
FORM_URLS: dict[str, Callable[..., Any]] = {
    "dossiers:register": dossiers_views.test_register_refuses_gemeente_outside_scope,
    "inkoop:new": inkoop_views.test_a_gemeente_outside_the_scope_cannot_even_be_posted,
    "uitkeringen:import": uitkering_views.test_import_with_problems_lists_them_and_stores_nothing,
}

# --- URLs where no gemeente scope applies, each with its reason --------------------------------------

SCOPE_FREE: dict[str, str] = {
    "home": "redirects to the user's own start page; shows no data",
    "health": "liveness probe: no data, no login",
    "accounts:logout": "ends the own session",
    "accounts:password_choose": "the user's own password, in place of a start code",
    "two_factor:login": "login: before any scope exists",
    "two_factor:setup": "the user's own second factor",
    "two_factor:qr": "the user's own second factor",
    "two_factor:setup_complete": "the user's own second factor",
    "two_factor:backup_tokens": "the user's own second factor",
    "two_factor:profile": "the user's own second factor",
    "two_factor:disable": "the user's own second factor",
    "aanbod:aanbieders": "the aanbieders register is region-wide master data, no personal data "
    "(aanbod/selectors.py); an aanbieder's employee sees only its own (aanbod/tests/test_views.py)",
    "api:schema": "the OpenAPI document: no data",
    "api:docs": "the API documentation page: no data",
    "duo:notificaties": "DUO's Notificatie API: DUO authenticates with its client certificate and addresses "
    "a gemeente by OIN (duo/tests/test_notificaties.py); no user scope",
    "oidc_authentication_init": "login through OIDC: before any scope exists",
    "oidc_authentication_callback": "login through OIDC: before any scope exists",
    "oidc_logout": "ends the own session",
    # The admin site's own pages; its model pages are checked in test_every_admin_model_is_scoped.
    "admin:index": "the admin's app list: shows only models the user has a right on, no rows",
    "admin:login": "replaced by a redirect to the two-factor login (urls.py)",
    "admin:logout": "ends the own session",
    "admin:password_change": "the user's own password",
    "admin:password_change_done": "the user's own password",
    "admin:jsi18n": "translations for the admin's JavaScript: no data",
    "admin:app_list": "the admin's app list: shows only models the user has a right on, no rows",
    "admin:autocomplete": "answers from the admin's get_queryset of the model asked for, which is scoped "
    "per model (test_every_admin_model_is_scoped)",
    "admin:view_on_site": "redirects to the object's own URL, which is scoped there",
}

# Models in the admin that no role's group has a right on: only a superuser opens them.
SUPERUSER_ONLY_ADMIN = {
    "otp_static.staticdevice",
    "otp_totp.totpdevice",
    "axes.accessattempt",
    "axes.accesslog",
    "axes.accessfailurelog",
    "django_tasks_database.dbtaskresult",
    "duo.notificatie",
    "duo.notificatieconflict",
    "duo.notificatieweigering",
    "duo.duobericht",
}


# --- the walk ---------------------------------------------------------------------------------------


def _walk(patterns: list[Any], namespace: str = "", prefix: str = "") -> Iterator[tuple[str | None, str]]:
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}:{pattern.namespace}" if namespace and pattern.namespace else pattern.namespace
            yield from _walk(pattern.url_patterns, inner or namespace, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            name = f"{namespace}:{pattern.name}".lstrip(":") if pattern.name else None
            yield name, prefix + str(pattern.pattern)


def _all_patterns() -> list[tuple[str | None, str]]:
    """Every URL pattern of the project, with the OIDC ones that only exist when OIDC is switched on."""
    return [
        *_walk(get_resolver().url_patterns),
        *_walk(get_resolver("openinburgering.accounts.tests.oidc_urls").url_patterns),
    ]


def _admin_model(name: str) -> str | None:
    """`admin:gemeenten_gemeente_change` → `gemeenten.gemeente` (None for the admin's own pages)."""
    for model in admin.site._registry:
        prefix = f"admin:{model._meta.app_label}_{model._meta.model_name}_"
        if name.startswith(prefix):
            return f"{model._meta.app_label}.{model._meta.model_name}"
    if name == "admin:auth_user_password_change":  # UserAdmin's own name for the password form
        return "accounts.user"
    return None


def _placed() -> set[str]:
    names = set(SCOPE_FREE) | set(OBJECT_URLS) | set(LIST_URLS) | set(FORM_URLS)
    for matrix in APP_MATRICES.values():
        names |= matrix
    return names


def test_every_url_is_in_a_matrix_or_scope_free():
    placed = _placed()
    unplaced = set()
    for name, route in _all_patterns():
        if name is None:
            # Unnamed: the admin's redirects from an object's bare URL to its change page, and /admin/login/.
            assert route.startswith("admin/"), f"unnamed URL pattern {route!r}: give it a name and place it"
            continue
        if _admin_model(name) is None and name not in placed:
            unplaced.add(name)
    assert not unplaced, f"URLs in no scope matrix and not on SCOPE_FREE: {sorted(unplaced)}"


def test_no_entry_names_a_url_that_does_not_exist():
    existing = {name for name, _ in _all_patterns() if name}
    assert _placed() - existing == set()


def test_the_matrices_do_not_overlap_with_scope_free():
    scoped = _placed() - set(SCOPE_FREE)
    assert len(scoped) + len(SCOPE_FREE) == len(_placed())
    assert not set(SCOPE_FREE) & (set(OBJECT_URLS) | set(LIST_URLS) | set(FORM_URLS))


@pytest.mark.django_db
def test_every_admin_model_is_scoped():
    """An admin page of a model is reviewed for scope in accounts/tests/test_admin_other_apps.py, or no
    role's group holds a right on it (then only a superuser opens it)."""
    models = {_admin_model(name) for name, _ in _all_patterns() if name and name.startswith("admin:")} - {None}
    reviewed = set(test_admin_other_apps.REVIEWED)
    assert models - reviewed == SUPERUSER_ONLY_ADMIN
    granted = {
        f"{p.content_type.app_label}.{p.content_type.model}"
        for p in Permission.objects.filter(group__in=Group.objects.all()).select_related("content_type")
    }
    assert not granted & SUPERUSER_ONLY_ADMIN


# --- the matrix of the other apps: one world in A and one in B ----------------------------------------


def _world(gemeente: Gemeente, letter: str) -> dict[str, Any]:
    """In one gemeente: a dossier with an ontzorging in a betaalrun (with its SEPA file), a bank statement,
    a task, a letter, a DUO message and a notificatie, a benefit, a PIP waiting for approval, and a contract
    whose perceel serves the gemeente (with an aanbieder both worlds share)."""
    naam = "Aalders" if letter == "a" else "Bosman"
    gemeente.oin = ("00000001000000000101", "00000001000000000202")[letter == "b"]
    gemeente.save(update_fields=["oin"])
    fm = UserFactory(roles=[Role.FINANCIEEL_MEDEWERKER], gemeenten=[gemeente])
    dossier = DossierFactory(gemeente=gemeente, inburgeraar__geslachtsnaam=naam)
    vaste_last = VasteLastFactory(ontzorging=OntzorgingFactory(dossier=dossier))
    regel = _put_in_run(vaste_last, date(2026, 1, 1))
    content = f"<Document>{letter}</Document>".encode()
    bestand = Betaalbestand.objects.create(
        betaalrun=regel.betaalrun,
        gemeente=gemeente,
        pain_versie="pain.001.001.03",
        msg_id=f"MSG-{letter}-{uuid.uuid4().hex[:8]}",
        aantal=1,
        totaal=regel.bedrag,
        content_gzip=gzip.compress(content),
        sha256=hashlib.sha256(content).hexdigest(),
    )
    pip = PipFactory(
        dossier__gemeente=gemeente, dossier__inburgeraar__geslachtsnaam=f"{naam}-pip", ter_accordering=True
    )
    aanbieder = Aanbieder.objects.filter(naam="Taalschool Gedeeld").first() or AanbiederFactory(
        naam="Taalschool Gedeeld"
    )
    contract = ContractFactory(
        kenmerk=f"INK-{naam}", aanbieder=aanbieder, uitvoeringsorganisatie=gemeente.uitvoeringsorganisatie
    )
    PerceelFactory(versie__contract=contract, gemeenten=[gemeente])
    return {
        "contract": contract,
        "fm": fm,
        "dossier": dossier,
        "naam": naam,
        "run": regel.betaalrun,
        "regel": regel,
        "bestand": bestand,
        "afschrift": Bankafschrift.objects.create(bestandsnaam=f"camt-{naam}.xml", sha256=letter * 64, created_by=fm),
        "taak": Taak.objects.create(
            gemeente=gemeente,
            dossier=dossier,
            soort=TaakSoort.ONTZORGEN_UITGESLOTEN,
            rol=Role.FINANCIEEL_MEDEWERKER,
            titel=f"Taak van {naam}",
            sleutel=f"scope-{letter}",
        ),
        "document": DocumentFactory(dossier=dossier),
        "bericht": DuoBericht.objects.create(
            gemeente=gemeente,
            dossier=dossier,
            bsn=dossier.inburgeraar.bsn,
            api="pip",
            operatie="post_pip",
            args={"bsn": dossier.inburgeraar.bsn},
            status=DuoBericht.Status.VASTGELOPEN,
            volgende_poging_op=timezone.now(),
        ),
        "notificatie": Notificatie.objects.create(
            bericht_id=uuid.uuid4(),
            bron="00000001234567890000",
            doel=gemeente.oin,
            gebeurtenis_id="SS101",
            bsn=dossier.inburgeraar.bsn,
            registratie_datum_tijd=timezone.now(),
            body={"gebeurtenisId": "SS101"},
            status=Notificatie.Status.FOUT,
            fout="kapot",
        ),
        "uitkering": Uitkering.objects.create(
            dossier=dossier, maand=date(2026, 1, 1), bedrag=Decimal("1111.11"), bron="api", created_by=fm
        ),
        "pip": pip,
    }


@pytest.fixture
def worlds(db, gemeente_a, gemeente_b) -> dict[str, dict[str, Any]]:
    return {"a": _world(gemeente_a, "a"), "b": _world(gemeente_b, "b")}


def _actor(role: Role, gemeente: Gemeente) -> Any:
    return UserFactory(roles=[role], gemeenten=[gemeente])


def _state(world: dict[str, Any]) -> tuple[Any, ...]:
    """What an out-of-scope request must leave as it was."""
    run, taak, bericht, notificatie = (
        Betaalrun.objects.get(pk=world["run"].pk),
        Taak.objects.get(pk=world["taak"].pk),
        DuoBericht.objects.get(pk=world["bericht"].pk),
        Notificatie.objects.get(pk=world["notificatie"].pk),
    )
    regel = Betaalregel.objects.get(pk=world["regel"].pk)
    contract = Contract.objects.get(pk=world["contract"].pk)
    return (
        contract.status,
        contract.versies.count(),
        contract.events.count(),
        run.status,
        regel.status,
        taak.status,
        bericht.status,
        bericht.pogingen,
        notificatie.status,
        notificatie.pogingen,
        DossierEvent.objects.filter(dossier=world["dossier"]).count(),
        Verwerking.objects.filter(dossier_id=world["dossier"].pk).count(),
    )


FM, KR, FB, CM = Role.FINANCIEEL_MEDEWERKER, Role.KLANTREGISSEUR, Role.FUNCTIONEEL_BEHEERDER, Role.CONTRACTMANAGER


def _args(*keys: str) -> Callable[[dict[str, Any]], list[Any]]:
    """`_args("run.uuid", "regel.pk")`: the URL's arguments, read from a world."""
    return lambda w: [getattr(w[key.split(".")[0]], key.split(".")[1]) for key in keys]


# URL name → (role of the user of gemeente A, method, URL arguments of the world's object, POST data, API).
ObjectUrl = tuple[Role, str, Callable[[dict[str, Any]], list[Any]], dict[str, str], bool]
OBJECT_URLS: dict[str, ObjectUrl] = {
    "betalingen:detail": (FM, "get", _args("run.uuid"), {}, False),
    "betalingen:rapport": (FM, "get", _args("run.uuid"), {}, False),
    "betalingen:action": (FM, "post", lambda w: [w["run"].uuid, "annuleren"], {}, False),
    "betalingen:regel_opnieuw_betalen": (FM, "post", _args("run.uuid", "regel.pk"), {}, False),
    "betalingen:bestand": (FM, "get", _args("bestand.pk"), {}, False),
    "taken:afhandelen": (FM, "post", _args("taak.uuid"), {"afhandeling": "gedaan"}, False),
    "letters:document_download": (KR, "get", _args("document.uuid"), {}, False),
    "voortgang:detail": (KR, "get", _args("dossier.pk"), {}, False),
    # The benefit form opened from a dossier: ?dossier=<pk> (the URL itself takes no argument).
    "uitkeringen:edit": (FM, "get", lambda w: [], {}, False),
    "duo_beheer:detail": (FB, "get", _args("bericht.uuid"), {}, False),
    "duo_beheer:retry": (FB, "post", _args("bericht.uuid"), {}, False),
    "duo_beheer:cancel": (FB, "post", _args("bericht.uuid"), {"reden": "vervalt"}, False),
    "duo_beheer:notificatie_retry": (FB, "post", _args("notificatie.pk"), {}, False),
    "inkoop:detail": (CM, "get", _args("contract.uuid"), {}, False),
    "inkoop:version_new": (CM, "get", _args("contract.uuid"), {}, False),
    "inkoop:end": (CM, "get", _args("contract.uuid"), {}, False),
    "api:dossier-detail": (KR, "get", _args("dossier.uuid"), {}, True),
    "api:dossier-termijnen": (KR, "get", _args("dossier.uuid"), {}, True),
}


def _object_url(name: str, world: dict[str, Any]) -> str:
    url = reverse(name, args=OBJECT_URLS[name][2](world))
    return f"{url}?dossier={world['dossier'].pk}" if name == "uitkeringen:edit" else url


# Also POST on pages that take both.
OBJECT_MATRIX = [(name, spec[1]) for name, spec in OBJECT_URLS.items()] + [
    ("voortgang:detail", "post"),
    ("inkoop:version_new", "post"),
    ("inkoop:end", "post"),
]


def _client(request: pytest.FixtureRequest, user: Any, api: bool) -> Client:
    if api:
        return request.getfixturevalue("token_client")(user)
    return request.getfixturevalue("verified_client")(user)


@pytest.mark.parametrize(("name", "method"), OBJECT_MATRIX, ids=[f"{n}-{m}" for n, m in OBJECT_MATRIX])
def test_object_of_another_gemeente_is_404(request, worlds, gemeente_a, name, method):
    role, _method, _, data, api = OBJECT_URLS[name]
    client = _client(request, _actor(role, gemeente_a), api)
    b = worlds["b"]
    before = _state(b)
    response = getattr(client, method)(_object_url(name, b), data if method == "post" else {})
    assert response.status_code in (403, 404)
    body = b"".join(response.streaming_content) if response.streaming else response.content
    assert b["dossier"].inburgeraar.bsn.encode() not in body
    assert b["naam"].encode() not in body
    assert _state(b) == before


@pytest.mark.parametrize(("name", "method"), OBJECT_MATRIX, ids=[f"{n}-{m}" for n, m in OBJECT_MATRIX])
def test_the_same_url_of_the_own_gemeente_answers(request, worlds, gemeente_a, name, method):
    """The counterpart: the 404 above comes from the scope, not from a broken URL or a wrong role."""
    role, _method, _, data, api = OBJECT_URLS[name]
    client = _client(request, _actor(role, gemeente_a), api)
    response = getattr(client, method)(_object_url(name, worlds["a"]), data if method == "post" else {})
    assert response.status_code in (200, 302, 422)


# URL name → (role of the user of gemeente A, what of a world the page shows, via the API).
ListUrl = tuple[Role, Callable[[dict[str, Any]], str], bool]
LIST_URLS: dict[str, ListUrl] = {
    "dossiers:werkvoorraad": (Role.KLANTREGISSEUR, lambda w: w["dossier"].inburgeraar.bsn, False),
    "dossiers:export": (Role.KLANTREGISSEUR, lambda w: w["dossier"].inburgeraar.bsn, False),
    "betalingen:overview": (Role.FINANCIEEL_MEDEWERKER, lambda w: str(w["run"].uuid), False),
    "betalingen:bankafschriften": (Role.FINANCIEEL_MEDEWERKER, lambda w: w["afschrift"].bestandsnaam, False),
    "taken:taken": (Role.FINANCIEEL_MEDEWERKER, lambda w: w["taak"].titel, False),
    "duo_beheer:berichten": (Role.FUNCTIONEEL_BEHEERDER, lambda w: str(w["bericht"].bericht_id), False),
    "duo_beheer:notificaties": (
        Role.FUNCTIONEEL_BEHEERDER,
        lambda w: reverse("duo_beheer:notificatie_retry", args=[w["notificatie"].pk]),
        False,
    ),
    "pip_queue:queue": (Role.TEAMLEIDER, lambda w: reverse("pip:detail", args=[w["pip"].dossier_id]), False),
    "ontzorgen_overzicht:overzicht": (Role.FINANCIEEL_MEDEWERKER, lambda w: w["dossier"].kenmerk, False),
    "uitkeringen:list": (Role.FINANCIEEL_MEDEWERKER, lambda w: w["naam"], False),
    "logboek:search": (Role.FUNCTIONEEL_BEHEERDER, lambda w: w["fm"].username, False),
    "api:dossiers": (Role.KLANTREGISSEUR, lambda w: str(w["dossier"].uuid), True),
    "api:uitkeringen": (Role.FINANCIEEL_MEDEWERKER, lambda w: w["dossier"].inburgeraar.bsn, True),
    "inkoop:list": (Role.CONTRACTMANAGER, lambda w: w["contract"].kenmerk, False),
    # The page of the aanbieder both worlds contract with: it lists only the contracts of the user's gemeenten.
    "inkoop:aanbieder": (Role.CONTRACTMANAGER, lambda w: w["contract"].kenmerk, False),
}
# The arguments of a list URL that takes them, read from the worlds.
LIST_ARGS: dict[str, Callable[[dict[str, dict[str, Any]]], list[Any]]] = {
    "inkoop:aanbieder": lambda worlds: [worlds["a"]["contract"].aanbieder_id],
}
# What a list needs in its query to show everything (not only the user's own work, not only open rows).
LIST_PARAMS: dict[str, dict[str, str]] = {
    "dossiers:werkvoorraad": {"klantregisseur": "", "status": "alle"},
    "dossiers:export": {"klantregisseur": "", "status": "alle"},
    "uitkeringen:list": {"maand": ""},
}


@pytest.mark.parametrize("name", list(LIST_URLS))
def test_a_list_shows_the_own_gemeente_and_nothing_of_another(request, worlds, gemeente_a, name):
    role, marker, api = LIST_URLS[name]
    client = _client(request, _actor(role, gemeente_a), api)
    if name == "logboek:search":
        # The log shows rows of the beheerder's gemeenten: one processing of each world's dossier.
        from openinburgering.logboek.services import logboek_record

        for w in worlds.values():
            logboek_record(
                actor=w["fm"],
                action="view",
                purpose="regie",
                subject="dossier",
                inburgeraar_id=w["dossier"].inburgeraar_id,
                dossier_id=w["dossier"].pk,
            )
        params = {"bsn": worlds["a"]["dossier"].inburgeraar.bsn}
        other = {"bsn": worlds["b"]["dossier"].inburgeraar.bsn}
    else:
        params = other = LIST_PARAMS.get(name, {})
    url = reverse(name, args=LIST_ARGS[name](worlds)) if name in LIST_ARGS else reverse(name)
    response = client.get(url, params)
    assert response.status_code == 200
    own = b"".join(response.streaming_content) if response.streaming else response.content
    assert marker(worlds["a"]).encode() in own
    response = client.get(url, other)
    body = b"".join(response.streaming_content) if response.streaming else response.content
    for value in other.values():  # the page echoes its query (the search box); what it found is the rest
        body = body.replace(value.encode(), b"")
    b = worlds["b"]
    assert marker(b).encode() not in body
    assert b["dossier"].inburgeraar.bsn.encode() not in body
    assert b["naam"].encode() not in body
