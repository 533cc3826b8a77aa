"""The voortgang page: renders, records, refuses with the rule named, and is 404 outside the user's scope."""

from datetime import timedelta

import pytest
from django.urls import reverse

from openinburgering.core.tests.clock import travel_to
from openinburgering.dossiers.constants import Status
from openinburgering.dossiers.factories import DossierFactory
from openinburgering.duo.models import DuoBericht
from openinburgering.pip.factories import PipFactory
from openinburgering.voortgang.models import Resultaten
from openinburgering.voortgang.tests.conftest import TODAY

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def today():
    """The voortgang tests' frozen day (a leap day), before the client logs in (its session times out)."""
    with travel_to(TODAY):
        yield TODAY


@pytest.fixture
def dossier(gemeente_a, klantregisseur):
    return DossierFactory(gemeente=gemeente_a, klantregisseur=klantregisseur, status=Status.UITVOERING)


@pytest.fixture
def pip(dossier):
    """The current PIP: vastgesteld 30 days ago, its inburgeringstermijn started the day after."""
    return PipFactory(dossier=dossier, vastgesteld=True)


def test_the_page_renders_and_records(kr_client, dossier, pip):
    url = reverse("voortgang:detail", args=[dossier.pk])
    response = kr_client.get(url)
    assert response.status_code == 200
    assert "Datum eindgesprek MAP" in response.content.decode()
    response = kr_client.post(url, {"versie": 0, "map_datum": (TODAY - timedelta(days=1)).isoformat()})
    assert response.status_code == 302
    assert Resultaten.objects.get(dossier=dossier).map_datum == TODAY - timedelta(days=1)
    assert DuoBericht.objects.get().operatie == "put_map"


def test_a_refusal_names_the_field_and_rule(kr_client, dossier, pip):
    url = reverse("voortgang:detail", args=[dossier.pk])
    response = kr_client.post(url, {"versie": 0, "pvt_datum": (TODAY + timedelta(days=1)).isoformat()})
    assert response.status_code == 422
    body = response.content.decode()
    assert "De datum ondertekening PVT mag niet in de toekomst liggen" in body
    assert "DUO-acceptatieregel PVT" in body
    assert not DuoBericht.objects.exists()


def test_the_dossier_page_links_to_it(kr_client, dossier):
    response = kr_client.get(reverse("dossiers:detail", args=[dossier.pk]))
    assert reverse("voortgang:detail", args=[dossier.pk]) in response.content.decode()


@pytest.mark.parametrize("method", ["get", "post"])
@pytest.mark.parametrize("actor", ["klantregisseur", "teamleider"])
def test_another_gemeentes_dossier_is_404(request, verified_client, gemeente_b, actor, method):
    other = DossierFactory(gemeente=gemeente_b)
    PipFactory(dossier=other, vastgesteld=True)
    client = verified_client(request.getfixturevalue(actor))
    response = getattr(client, method)(
        reverse("voortgang:detail", args=[other.pk]), {"versie": 0, "map_datum": TODAY.isoformat()}
    )
    assert response.status_code == 404
    assert other.inburgeraar.bsn not in response.content.decode()
    assert not DuoBericht.objects.exists()
    assert not Resultaten.objects.exists()
