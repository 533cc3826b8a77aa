"""The read-only aanbieder register page."""

import pytest
from django.urls import reverse

from openinburgering.aanbod.factories import AanbiederFactory
from openinburgering.accounts.constants import Role
from openinburgering.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_register_renders_for_klantregisseur(kr_client):
    keurmerk = AanbiederFactory(naam="Taalschool De Brug", plaatsnaam="Dordrecht")
    tst = AanbiederFactory(naam="ROC Da Vinci College", taalschakelinstelling=True, plaatsnaam="Dordrecht")
    response = kr_client.get(reverse("aanbod:aanbieders"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "utrecht-table" in html
    for aanbieder in (keurmerk, tst):
        assert aanbieder.naam in html and aanbieder.instellingsnummer in html
    assert [a.naam for a in response.context["page"].object_list] == ["ROC Da Vinci College", "Taalschool De Brug"]


@pytest.mark.parametrize("role", [Role.TEAMLEIDER, Role.CONTRACTMANAGER, Role.FUNCTIONEEL_BEHEERDER])
def test_register_renders_for_the_other_staff_roles(verified_client, gemeente_a, role):
    client = verified_client(UserFactory(roles=[role], gemeenten=[gemeente_a]))
    assert client.get(reverse("aanbod:aanbieders")).status_code == 200


def test_register_is_forbidden_for_aanbieder_users(verified_client):
    aanbieder = AanbiederFactory()
    client = verified_client(UserFactory(roles=[Role.AANBIEDER], aanbieder=aanbieder))
    assert client.get(reverse("aanbod:aanbieders")).status_code == 403


def test_register_is_forbidden_for_financieel_medewerker(verified_client, gemeente_a):
    client = verified_client(UserFactory(roles=[Role.FINANCIEEL_MEDEWERKER], gemeenten=[gemeente_a]))
    assert client.get(reverse("aanbod:aanbieders")).status_code == 403


def test_register_needs_login(client):
    response = client.get(reverse("aanbod:aanbieders"))
    assert response.status_code == 302
