"""The deadlines through the API: the list filter, the next deadline on a dossier, and all of them."""

from datetime import date

import pytest
import time_machine

from openinburgering.dossiers.factories import DossierFactory
from openinburgering.logboek.models import Verwerking
from openinburgering.termijnen.services import termijnen_recompute

pytestmark = pytest.mark.django_db
TODAY = date(2026, 3, 2)


@pytest.fixture
def api(token_client, klantregisseur):
    return token_client(klantregisseur)


def _dossier(gemeente, brp):
    dossier = DossierFactory(gemeente=gemeente, datum_kennisgeving=date(2025, 10, 1), datum_brp_inschrijving=brp)
    termijnen_recompute(dossier=dossier, today=TODAY)
    return dossier


@time_machine.travel(TODAY)
def test_list_filters_on_the_next_deadline(api, gemeente_a):
    overdue = _dossier(gemeente_a, date(2025, 12, 1))
    soon = _dossier(gemeente_a, date(2025, 12, 29))
    found = api.get("/api/v1/dossiers/", {"termijn": "verlopen"}).json()["results"]
    assert [d["uuid"] for d in found] == [str(overdue.uuid)]
    assert found[0]["termijnDatum"] == "2026-02-09" and found[0]["termijnSoort"] == "pip_vaststellen"
    found = api.get("/api/v1/dossiers/", {"termijn": "7"}).json()["results"]
    assert [d["uuid"] for d in found] == [str(soon.uuid)]


@time_machine.travel(TODAY)
def test_termijnen_of_a_dossier(api, gemeente_a, klantregisseur_b, token_client):
    dossier = _dossier(gemeente_a, date(2025, 12, 1))
    response = api.get(f"/api/v1/dossiers/{dossier.uuid}/termijnen/")
    assert response.status_code == 200
    [pip] = response.json()
    assert pip["soort"] == "pip_vaststellen" and pip["uitersteDatum"] == "2026-02-09"
    assert pip["status"] == "verlopen" and pip["actieNodig"] is True
    assert pip["grondslag"] == "Bi 5.3(1)" and pip["grondslagUrl"].startswith("https://wetten.overheid.nl/")
    assert Verwerking.objects.filter(subject="api-termijnen", dossier_id=dossier.pk).count() == 1
    # Outside the caller's scope: 404, as for the dossier itself.
    other = token_client(klantregisseur_b).get(f"/api/v1/dossiers/{dossier.uuid}/termijnen/")
    assert other.status_code == 404
