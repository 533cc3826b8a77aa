"""THE SCOPE MATRIX for ontzorgen: a user of gemeente B never sees or changes gemeente A's ontzorgen.

Every URL of the ontzorgen namespace (werkplek/urls_ontzorgen.py) is listed in URLS;
test_every_url_is_in_the_matrix fails when one is
added without being added here.
"""

from datetime import date

import pytest
from django.urls import URLPattern, reverse

from openinburgering.betalingen.models import Betaalregel
from openinburgering.dossiers.factories import DossierFactory
from openinburgering.letters.models import Document
from openinburgering.ontzorgen.factories import OntzorgingFactory, VasteLastFactory
from openinburgering.ontzorgen.models import Ontzorging, OntzorgingWijziging, VasteLast, VasteLastVersie
from openinburgering.werkplek import urls_ontzorgen as ontzorgen_urls  # the ontzorgen namespace, as assembled

pytestmark = pytest.mark.django_db

# URL name → (HTTP method, POST data that would succeed in scope).
URLS: dict[str, tuple[str, dict[str, str]]] = {
    "detail": ("get", {}),
    "create": (
        "post",
        {
            "nieuw-startdatum": "2026-01-01",
            "nieuw-besluitdatum": "2026-01-02",
            "nieuw-asielvergunning_bepaalde_tijd": "on",
        },
    ),
    "gegevens": ("post", {"gegevens-iban": "NL20INGB0001234567"}),
    "wijzigen": (
        "post",
        {
            "wijziging-soort": "verlenging",
            "wijziging-grond": "toestemming",
            "wijziging-reden": "x",
            "wijziging-besluitdatum": "2026-01-02",
            "wijziging-nieuwe_einddatum": "2030-01-01",
        },
    ),
    "vaste_last_add": ("post", {}),
    "vaste_last_change": ("post", {}),
    "vaste_last_stop": ("post", {}),
    "maandoverzicht": ("post", {}),
}


def test_every_url_is_in_the_matrix():
    assert {p.name for p in ontzorgen_urls.urlpatterns if isinstance(p, URLPattern)} == set(URLS)


@pytest.fixture
def world(gemeente_a, gemeente_b, put_in_run):
    """An ontzorging with a fixed cost and a settlement in each gemeente."""
    result = {}
    for key, gemeente in (("a", gemeente_a), ("b", gemeente_b)):
        dossier = DossierFactory(gemeente=gemeente, inburgeraar__geslachtsnaam=f"Persoon{key.upper()}")
        ontzorging = OntzorgingFactory(dossier=dossier)
        vaste_last = VasteLastFactory(ontzorging=ontzorging)
        regel = put_in_run(vaste_last, date(2026, 1, 1))
        result[key] = {
            "dossier": dossier,
            "ontzorging": ontzorging,
            "vaste_last": vaste_last,
            "afrekening": regel.afrekening,
        }
    return result


def _url(name: str, objects: dict, *, dossier=None) -> str:
    dossier = dossier or objects["dossier"]
    extra = {
        "gegevens": objects["ontzorging"].pk,
        "wijzigen": objects["ontzorging"].pk,
        "vaste_last_add": objects["ontzorging"].pk,
        "vaste_last_change": objects["vaste_last"].pk,
        "vaste_last_stop": objects["vaste_last"].pk,
        "maandoverzicht": objects["afrekening"].pk,
    }
    args = [dossier.pk] + ([extra[name]] if name in extra else [])
    return reverse(f"ontzorgen:{name}", args=args)


def _counts() -> tuple[int, ...]:
    return (
        Ontzorging.objects.count(),
        OntzorgingWijziging.objects.count(),
        VasteLast.objects.count(),
        VasteLastVersie.objects.count(),
        Document.objects.count(),
        Betaalregel.objects.count(),
    )


@pytest.mark.parametrize("name", list(URLS))
def test_a_user_of_another_gemeente_gets_404(verified_client, fm_b, world, name):
    client = verified_client(fm_b)
    method, data = URLS[name]
    before = _counts()
    a = world["a"]
    response = getattr(client, method)(_url(name, a), data)
    assert response.status_code == 404
    assert a["dossier"].inburgeraar.bsn not in response.content.decode()
    assert a["dossier"].inburgeraar.geslachtsnaam not in response.content.decode()
    assert _counts() == before


@pytest.mark.parametrize("name", [n for n in URLS if n not in ("detail", "create")])
def test_an_object_of_another_gemeente_under_an_own_dossier_is_404(verified_client, fm_b, world, name):
    """B's own dossier in the URL does not open A's ontzorging, fixed cost or settlement."""
    client = verified_client(fm_b)
    method, data = URLS[name]
    before = _counts()
    response = getattr(client, method)(_url(name, world["a"], dossier=world["b"]["dossier"]), data)
    assert response.status_code == 404
    assert _counts() == before


def test_overview_shows_only_the_own_gemeente(verified_client, fm_b, world):
    html = verified_client(fm_b).get(reverse("ontzorgen_overzicht:overzicht")).content.decode()
    assert world["b"]["dossier"].kenmerk in html
    assert world["a"]["dossier"].kenmerk not in html


@pytest.mark.parametrize("name", [n for n, (method, _) in URLS.items() if method == "post"])
def test_klantregisseur_cannot_post(kr_client, world, name):
    before = _counts()
    response = kr_client.post(_url(name, world["a"]), URLS[name][1])
    assert response.status_code == 403
    assert _counts() == before
