"""THE SCOPE MATRIX: a user of gemeente A never sees or changes a PIP of gemeente B (404, never 403).

Every URL in pip/urls.py is listed in PIP_URLS; openinburgering/tests/test_url_scope.py fails when a
new one is added without being added here.
"""

from datetime import date

import pytest
from django.urls import reverse

from openinburgering.core.tests.clock import travel_to
from openinburgering.dossiers.models import DossierEvent
from openinburgering.pip.factories import InformatieverzoekFactory, PipAanbodFactory, PipFactory
from openinburgering.pip.models import Pip, PipStatus

pytestmark = pytest.mark.django_db

# Koningsdag, a public holiday (Algemene termijnenwet): deadlines from today must skip it.
KONINGSDAG = date(2027, 4, 27)


@pytest.fixture(autouse=True)
def today():
    with travel_to(KONINGSDAG):
        yield KONINGSDAG


TODAY = KONINGSDAG.isoformat()


# URL name → (HTTP method, POST data, which object of gemeente B it addresses).
PIP_URLS: dict[str, tuple[str, dict[str, str], str]] = {
    "detail": ("get", {}, "dossier"),
    "create": ("post", {"wijzigingsreden": "x"}, "dossier"),
    "version": ("get", {}, "concept"),
    "draft_save": ("post", {"leerroute": "Z", "alfabetisering": "NVT"}, "concept"),
    "draft_form": ("post", {"leerroute": "Z"}, "concept"),
    "draft_delete": ("post", {}, "concept"),
    "aanbod_set": ("post", {"datum_inburgeringsaanbod": TODAY, "indicator_alfabetisering": "NVT"}, "concept"),
    "aanbod_remove": ("post", {}, "aanbod"),
    "return": ("post", {"reden": "x"}, "submitted"),
    "approve": ("post", {}, "submitted"),
    "preview": ("get", {}, "submitted"),
    "informatieverzoek_add": ("post", {"omschrijving": "x", "derde": "y", "aangevraagd_op": TODAY}, "dossier"),
    "informatieverzoek_received": ("post", {"ontvangen_op": TODAY}, "verzoek"),
    "withdraw": ("post", {"reden": "x", "bevestigd": "on"}, "vastgesteld"),
}
TEAMLEIDER_ONLY = {"return", "approve", "withdraw"}


@pytest.fixture
def world_b(gemeente_b, klantregisseur_b):
    """In gemeente B: a dossier with a concept (and its aanbod), one with a PIP ter accordering, a request."""
    concept = PipFactory(dossier__gemeente=gemeente_b, drafted_by=klantregisseur_b)
    submitted = PipFactory(dossier__gemeente=gemeente_b, ter_accordering=True, drafted_by=klantregisseur_b)
    vastgesteld = PipFactory(dossier__gemeente=gemeente_b, vastgesteld=True, drafted_by=klantregisseur_b)
    return {
        "concept": concept,
        "submitted": submitted,
        "vastgesteld": vastgesteld,
        "aanbod": PipAanbodFactory(pip=concept),
        "verzoek": InformatieverzoekFactory(dossier=concept.dossier),
    }


def _url(name, world):
    target = PIP_URLS[name][2]
    if target == "dossier":
        return reverse(f"pip:{name}", args=[world["concept"].dossier_id])
    if target == "aanbod":
        aanbod = world["aanbod"]
        return reverse(f"pip:{name}", args=[aanbod.pip.dossier_id, aanbod.pip.versie, aanbod.pk])
    if target == "verzoek":
        verzoek = world["verzoek"]
        return reverse(f"pip:{name}", args=[verzoek.dossier_id, verzoek.pk])
    pip = world[target]
    return reverse(f"pip:{name}", args=[pip.dossier_id, pip.versie])


def snapshot():
    return (
        list(Pip.objects.order_by("pk").values_list("pk", "status", "leerroute", "approved_by_id")),
        DossierEvent.objects.count(),
    )


# A klantregisseur gets 403 on a teamleider's action in any gemeente, before any lookup.
MATRIX = [
    (actor, name)
    for actor in ("klantregisseur", "teamleider")
    for name in PIP_URLS
    if not (actor == "klantregisseur" and name in TEAMLEIDER_ONLY)
]


@pytest.mark.parametrize(("actor", "name"), MATRIX, ids=[f"{a}-{n}" for a, n in MATRIX])
def test_pip_of_other_gemeente_is_404(request, verified_client, world_b, actor, name):
    client = verified_client(request.getfixturevalue(actor))
    method, data, _ = PIP_URLS[name]
    before = snapshot()
    response = getattr(client, method)(_url(name, world_b), data)
    assert response.status_code == 404
    assert world_b["concept"].dossier.inburgeraar.bsn not in response.content.decode()
    assert snapshot() == before


def test_own_gemeente_works_for_the_same_urls(kr_client, dossier, klantregisseur):
    """The matrix above is not 404 for every user: the same URLs answer in the user's own gemeente."""
    pip = PipFactory(dossier=dossier, drafted_by=klantregisseur)
    assert kr_client.get(reverse("pip:detail", args=[dossier.pk])).status_code == 200
    assert kr_client.get(reverse("pip:version", args=[dossier.pk, pip.versie])).status_code == 200
    assert kr_client.get(reverse("pip:preview", args=[dossier.pk, pip.versie])).status_code == 200
    assert pip.status == PipStatus.CONCEPT
