"""THE SCOPE MATRIX: a user of gemeente A never sees, changes or learns about a dossier of gemeente B.

Every dossier URL that takes a pk is listed in DOSSIER_URLS; openinburgering/tests/test_url_scope.py
fails when a URL of any app is in no scope matrix (this one included) and not on its list of scope-free URLs.
"""

import pytest
from django.urls import reverse

from openinburgering.aanbod.factories import AanbiederFactory
from openinburgering.accounts.constants import AANBIEDER_ROLES, Role
from openinburgering.accounts.factories import UserFactory
from openinburgering.dossiers.constants import Status
from openinburgering.dossiers.factories import DossierFactory, GezinslidFactory
from openinburgering.dossiers.models import DossierEvent, Gezinslid
from openinburgering.logboek.models import Verwerking
from openinburgering.logboek.services import logboek_record

pytestmark = pytest.mark.django_db

# URL name → (HTTP method the view takes, POST data).
DOSSIER_URLS: dict[str, tuple[str, dict[str, str]]] = {
    "detail": ("get", {}),
    "edit": ("get", {}),
    "transition": ("post", {"to": Status.BEEINDIGD, "reden": "Overlijden", "einddatum": "2025-01-01"}),
    "assign": ("post", {}),
    "gezinslid_add": ("post", {"relatie": "kind", "voornamen": "X", "geslachtsnaam": "Y"}),
    "gezinslid_remove": ("post", {}),
    "timeline": ("get", {}),
}
# The edit page also takes POST.
EXTRA_METHODS = [("edit", "post")]


@pytest.fixture
def world(gemeente_a, gemeente_b, klantregisseur, klantregisseur_b, teamleider):
    """Dossiers in A and B, each with a gezinslid, all assigned, so no filter hides them by accident."""
    a = DossierFactory(gemeente=gemeente_a, klantregisseur=klantregisseur, inburgeraar__geslachtsnaam="Aalders")
    b = DossierFactory(
        gemeente=gemeente_b,
        klantregisseur=klantregisseur_b,
        inburgeraar__voornamen="Bilal",
        inburgeraar__geslachtsnaam="Bosman",
    )
    return {
        "a": a,
        "b": b,
        "lid_a": GezinslidFactory(inburgeraar=a.inburgeraar),
        "lid_b": GezinslidFactory(inburgeraar=b.inburgeraar, voornamen="Bente"),
    }


def _url(name: str, dossier, lid) -> str:
    args = [dossier.pk, lid.pk] if name == "gezinslid_remove" else [dossier.pk]
    return reverse(f"dossiers:{name}", args=args)


def _call(client, name, method, dossier, lid):
    data = DOSSIER_URLS[name][1] if method == "post" else {}
    return getattr(client, method)(_url(name, dossier, lid), data)


MATRIX = [(name, method) for name, (method, _) in DOSSIER_URLS.items()] + EXTRA_METHODS


@pytest.mark.parametrize("actor", ["klantregisseur", "teamleider"])
@pytest.mark.parametrize(("name", "method"), MATRIX, ids=[f"{n}-{m}" for n, m in MATRIX])
def test_dossier_of_other_gemeente_is_404(request, verified_client, world, actor, name, method):
    client = verified_client(request.getfixturevalue(actor))
    b = world["b"]
    response = _call(client, name, method, b, world["lid_b"])
    assert response.status_code == 404
    assert b.inburgeraar.bsn not in response.content.decode()
    b.refresh_from_db()
    assert b.status == Status.AANGEMELD
    assert Gezinslid.objects.filter(inburgeraar=b.inburgeraar).count() == 1
    assert not DossierEvent.objects.filter(dossier=b).exists()
    assert not Verwerking.objects.filter(dossier=b).exists()


@pytest.mark.parametrize(("name", "method"), MATRIX, ids=[f"{n}-{m}" for n, m in MATRIX])
def test_same_url_works_in_scope(kr_client, world, name, method):
    """The counterpart: the 404 above comes from the scope, not from a broken URL."""
    response = _call(kr_client, name, method, world["a"], world["lid_a"])
    assert response.status_code in (200, 302, 422)


def _werkvoorraad(client, **params):
    response = client.get(reverse("dossiers:werkvoorraad"), {"klantregisseur": "", "status": "alle", **params})
    assert response.status_code == 200
    # The page echoes the query (search box, export link); what it found is everything else.
    text = response.content.decode()
    for value in params.values():
        text = text.replace(value, "")
    return {d.pk for d in response.context["rows"]}, text


@pytest.mark.parametrize("actor", ["klantregisseur", "teamleider"])
def test_werkvoorraad_and_search_show_no_data_of_other_gemeente(request, verified_client, world, gemeente_b, actor):
    client = verified_client(request.getfixturevalue(actor))
    a, b = world["a"], world["b"]
    shown, text = _werkvoorraad(client)
    assert shown == {a.pk}
    assert a.inburgeraar.bsn in text
    for params in (
        {},
        {"q": b.inburgeraar.bsn},
        {"q": "Bosman"},
        {"q": "bilal"},
        {"q": b.kenmerk},
        {"gemeente": str(gemeente_b.pk)},
        {"klantregisseur": str(b.klantregisseur_id)},
    ):
        shown, text = _werkvoorraad(client, **params)
        assert b.pk not in shown
        assert b.inburgeraar.bsn not in text
        assert "Bosman" not in text
        assert gemeente_b.naam not in text
    assert not Verwerking.objects.filter(dossier=b).exists()


def test_csv_export_has_no_data_of_other_gemeente(kr_client, world, gemeente_b):
    a, b = world["a"], world["b"]
    for params in ({"klantregisseur": "", "status": "alle"}, {"q": b.inburgeraar.bsn}, {"gemeente": gemeente_b.pk}):
        response = kr_client.get(reverse("dossiers:export"), params)
        assert response.status_code == 200
        text = b"".join(response.streaming_content).decode()
        assert b.inburgeraar.bsn not in text
        assert "Bosman" not in text
    full = b"".join(kr_client.get(reverse("dossiers:export"), {"klantregisseur": ""}).streaming_content).decode()
    assert a.inburgeraar.bsn in full


def test_api_shows_no_data_of_other_gemeente(token_client, klantregisseur, world, gemeente_b):
    a, b = world["a"], world["b"]
    client = token_client(klantregisseur)
    listed = client.get("/api/v1/dossiers/").json()
    assert [d["uuid"] for d in listed["results"]] == [str(a.uuid)]
    for params in ({"gemeente": gemeente_b.code}, {"zoek": b.inburgeraar.bsn}, {"zoek": "Bosman"}):
        assert client.get("/api/v1/dossiers/", params).json()["results"] == []

    response = client.get(f"/api/v1/dossiers/{b.uuid}/")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"
    assert b.inburgeraar.bsn not in response.content.decode()


def test_api_refuses_registration_in_other_gemeente(token_client, klantregisseur, world, gemeente_b):
    client = token_client(klantregisseur)
    response = client.post(
        "/api/v1/dossiers/",
        {
            "gemeenteCode": gemeente_b.code,
            "bsn": "999993653",
            "voornamen": "Amira",
            "geslachtsnaam": "Haddad",
            "geboortedatum": "1990-05-17",
            "doelgroep": "Asielstatushouder",
            "plichtBegindatum": "2024-03-01",
        },
        format="json",
    )
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert [p["name"] for p in response.json()["invalidParams"]] == ["gemeenteCode"]
    assert not gemeente_b.dossiers.exclude(pk=world["b"].pk).exists()


# --- aanbieder users see no dossier ------------------------------------------------------------


@pytest.fixture(params=["aanbieder-role", "aanbieder-scope-with-klantregisseur-role"])
def aanbieder_user(request):
    """An aanbieder employee; and a misconfigured one who also holds the klantregisseur role:
    the scope (one aanbieder) must still hide every dossier."""
    roles = [Role.AANBIEDER] if request.param == "aanbieder-role" else [Role.AANBIEDER, Role.KLANTREGISSEUR]
    return UserFactory(roles=roles, aanbieder=AanbiederFactory())


def test_aanbieder_sees_no_dossier(verified_client, token_client, aanbieder_user, world):
    client = verified_client(aanbieder_user)
    # Tokens belong to system accounts: one with the same roles and scope as the employee.
    system = UserFactory(roles=list(aanbieder_user.roles), aanbieder=aanbieder_user.aanbieder)
    api = token_client(system)
    for dossier in (world["a"], world["b"]):
        response = client.get(reverse("dossiers:werkvoorraad"), {"klantregisseur": "", "status": "alle"})
        assert response.status_code == 403 or response.context["page"].paginator.count == 0
        assert dossier.inburgeraar.bsn not in response.content.decode()
        assert client.get(reverse("dossiers:detail", args=[dossier.pk])).status_code in (403, 404)

        listed = api.get("/api/v1/dossiers/")
        assert listed.status_code == 403 or listed.json()["results"] == []
        assert api.get(f"/api/v1/dossiers/{dossier.uuid}/").status_code in (403, 404)
    assert not Verwerking.objects.exists()


def test_logboek_search_shows_no_rows_of_other_gemeente(verified_client, beheerder, klantregisseur_b, world):
    b = world["b"]
    logboek_record(
        actor=klantregisseur_b,
        action="view",
        purpose="regie",
        subject="dossier",
        inburgeraar_id=b.inburgeraar_id,
        dossier_id=b.pk,
    )
    client = verified_client(beheerder)
    for params in ({"bsn": b.inburgeraar.bsn}, {"actor": klantregisseur_b.username}):
        response = client.get(reverse("logboek:search"), params)
        assert response.status_code == 200
        assert response.context["page"].paginator.count == 0
        assert "Bosman" not in response.content.decode()


# --- odd query parameters never cause a server error ---------------------------------------------

ODD_PARAMS = [
    {"page": "abc"},
    {"page": "99999"},
    {"page": "-1"},
    {"page": "0"},
    {"page": "9" * 40},
    {"sort": "drop"},
    {"sort": "inburgeraar__bsn"},
    {"status": "bogus"},
    {"gemeente": "xyz"},
    {"gemeente": "9" * 40},
    {"gemeente": "²"},
    {"gemeente": "\x00"},
    {"klantregisseur": "';--"},
    {"klantregisseur": "9" * 40},
    {"klantregisseur": "²"},
    {"doelgroep": "<script>"},
    {"q": "\x00"},
    {"q": "D-" + "9" * 9},
    {"q": "x" * 500},
    {"q": "١٢٣٤٥٦٧٨٩"},
    {"zoek": "\x00"},
    {"pageSize": "abc"},
    {"pageSize": "-5"},
    {"pageSize": "9" * 40},
]


@pytest.mark.parametrize("params", ODD_PARAMS, ids=[repr(p) for p in ODD_PARAMS])
def test_werkvoorraad_never_500(kr_client, world, params):
    assert kr_client.get(reverse("dossiers:werkvoorraad"), params).status_code == 200
    response = kr_client.get(reverse("dossiers:export"), params)
    assert response.status_code == 200
    b"".join(response.streaming_content)


@pytest.mark.parametrize("params", ODD_PARAMS, ids=[repr(p) for p in ODD_PARAMS])
def test_api_list_never_500(token_client, klantregisseur, world, params):
    response = token_client(klantregisseur).get("/api/v1/dossiers/", params)
    assert response.status_code in (200, 400, 404)
    if response.status_code != 200:
        assert response["Content-Type"] == "application/problem+json"


@pytest.mark.parametrize("pk", [0, 9 * 10**30])
def test_detail_with_odd_pk_is_404(kr_client, pk):
    assert kr_client.get(f"/dossiers/{pk}/").status_code == 404


# --- start pages (issue 11, 5.1): every one in the matrix, none shows another gemeente --------------

START_URLS: dict[str, Role] = {
    "beheer": Role.FUNCTIONEEL_BEHEERDER,
    "beleid": Role.BELEIDSMEDEWERKER,
    "contractmanager": Role.CONTRACTMANAGER,
    "aanbieder": Role.AANBIEDER,
    "docent": Role.DOCENT,
    "leerling": Role.LEERLING,
}


@pytest.mark.parametrize("name", list(START_URLS))
def test_start_page_shows_nothing_of_other_gemeente(verified_client, world, gemeente_a, gemeente_b, name):
    role = START_URLS[name]
    if role in AANBIEDER_ROLES:
        user = UserFactory(roles=[role], aanbieder=AanbiederFactory())
    else:
        user = UserFactory(roles=[role], gemeenten=[gemeente_a])
    response = verified_client(user).get(reverse(f"start:{name}"))
    assert response.status_code == 200
    text = response.content.decode()
    b = world["b"]
    assert gemeente_b.naam not in text
    assert b.inburgeraar.bsn not in text
    assert "Bosman" not in text
    assert not Verwerking.objects.filter(dossier=b).exists()
