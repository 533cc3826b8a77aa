"""Every admin a functioneel beheerder can open is scoped or region-wide by decision.

The first test fails when a model is registered in the admin and the beheerder's group gets a
right on it without it being reviewed here. Region-wide data (not of one gemeente) is seen by every
beheerder and changed only by a beheerder whose scope covers every gemeente.
"""

from datetime import date

import pytest
from django.contrib import admin
from django.contrib.auth.models import Group

from openinburgering.aanbod.factories import AanbiederFactory
from openinburgering.aanbod.models import Aanbieder
from openinburgering.accounts.constants import Role
from openinburgering.accounts.factories import TeamFactory, UserFactory
from openinburgering.gemeenten.factories import GemeenteFactory, UitvoeringsorganisatieFactory
from openinburgering.gemeenten.models import Gemeente, Uitvoeringsorganisatie
from openinburgering.termijnen.models import GelijkgesteldeDag

pytestmark = pytest.mark.django_db

# model → how the beheerder is kept to their scope there.
REVIEWED = {
    "accounts.user": "in scope only (accounts.selectors.users_for_beheerder), test_admin_scope.py",
    "accounts.apitoken": "tokens of system accounts in scope, test_token_admin.py",
    "accounts.team": "region-wide: changed only by a beheerder of the whole region",
    "auth.group": "view only; granting is checked on the user form",
    "gemeenten.gemeente": "in scope; added only by a beheerder of the whole region",
    "gemeenten.uitvoeringsorganisatie": "the one(s) of the gemeenten in scope; changed region-wide only",
    "aanbod.aanbieder": "region-wide register: changed only by a beheerder of the whole region",
    "letters.lettertemplate": "in scope (gemeente), gemeente choices in scope",
    "logboek.verwerking": "in scope (dossier's gemeente), view only",
    "termijnen.gelijkgesteldedag": "national days moving every deadline: changed region-wide only",
}


def test_every_admin_the_beheerder_can_open_is_reviewed():
    group = Group.objects.get(name=Role.FUNCTIONEEL_BEHEERDER)
    granted = {f"{p.content_type.app_label}.{p.content_type.model}" for p in group.permissions.all()}
    registered = {f"{model._meta.app_label}.{model._meta.model_name}" for model in admin.site._registry}
    assert granted & registered == set(REVIEWED)


@pytest.fixture
def other_gemeente():
    return GemeenteFactory(uitvoeringsorganisatie=UitvoeringsorganisatieFactory(naam="Elders"), naam="Verweg")


@pytest.fixture
def scoped(gemeente_a, other_gemeente):
    return UserFactory(roles=[Role.FUNCTIONEEL_BEHEERDER], gemeenten=[gemeente_a], is_staff=True)


@pytest.fixture
def region(gemeente_a, gemeente_b, other_gemeente):
    return UserFactory(
        roles=[Role.FUNCTIONEEL_BEHEERDER], gemeenten=[gemeente_a, gemeente_b, other_gemeente], is_staff=True
    )


def test_scoped_beheerder_sees_only_their_organisation_and_gemeenten(
    verified_client, scoped, gemeente_a, other_gemeente
):
    client = verified_client(scoped)
    uo_list = client.get("/admin/gemeenten/uitvoeringsorganisatie/").content.decode()
    assert gemeente_a.uitvoeringsorganisatie.naam in uo_list and "Elders" not in uo_list
    assert client.get(f"/admin/gemeenten/gemeente/{other_gemeente.pk}/change/").status_code == 302
    uo = other_gemeente.uitvoeringsorganisatie
    assert client.get(f"/admin/gemeenten/uitvoeringsorganisatie/{uo.pk}/change/").status_code == 302


def test_scoped_beheerder_cannot_change_region_wide_data(verified_client, scoped, gemeente_a):
    client = verified_client(scoped)
    uo = gemeente_a.uitvoeringsorganisatie
    aanbieder = AanbiederFactory(naam="Taalschool")
    dag = GelijkgesteldeDag.objects.create(datum=date(2027, 5, 7), besluit="Besluit")
    team = TeamFactory(naam="Team Zuid")
    forged = [
        (f"/admin/gemeenten/uitvoeringsorganisatie/{uo.pk}/change/", {"naam": "Gekaapt", "oin": ""}),
        ("/admin/gemeenten/gemeente/add/", {"naam": "Nieuw", "code": "0999", "uitvoeringsorganisatie": uo.pk}),
        (f"/admin/aanbod/aanbieder/{aanbieder.pk}/change/", {"naam": "Gekaapt", "postcode": "3311AB"}),
        ("/admin/aanbod/aanbieder/add/", {"naam": "Nieuw", "postcode": "3311AB", "plaatsnaam": "X"}),
        (f"/admin/termijnen/gelijkgesteldedag/{dag.pk}/change/", {"datum": "2027-05-08", "besluit": "Gekaapt"}),
        ("/admin/termijnen/gelijkgesteldedag/add/", {"datum": "2027-05-09", "besluit": "Nieuw"}),
        (f"/admin/termijnen/gelijkgesteldedag/{dag.pk}/delete/", {"post": "yes"}),
        (f"/admin/accounts/team/{team.pk}/change/", {"naam": "Gekaapt"}),
        ("/admin/accounts/team/add/", {"naam": "Nieuw team"}),
    ]
    for url, data in forged:
        assert client.post(url, data).status_code == 403, url
    assert Uitvoeringsorganisatie.objects.get(pk=uo.pk).naam == uo.naam
    assert not Gemeente.objects.filter(code="0999").exists()
    assert set(Aanbieder.objects.values_list("naam", flat=True)) == {"Taalschool"}
    assert list(GelijkgesteldeDag.objects.values_list("besluit", flat=True)) == ["Besluit"]
    assert {t.naam for t in type(team).objects.all()} == {"Team Zuid"}
    # viewing stays possible
    assert client.get(f"/admin/aanbod/aanbieder/{aanbieder.pk}/change/").status_code == 200


def test_scoped_beheerder_cannot_move_their_gemeente_to_another_organisation(
    verified_client, scoped, gemeente_a, other_gemeente
):
    client = verified_client(scoped)
    html = client.get(f"/admin/gemeenten/gemeente/{gemeente_a.pk}/change/").content.decode()
    assert 'name="uitvoeringsorganisatie"' not in html


def test_region_beheerder_changes_region_wide_data(verified_client, region, gemeente_a):
    client = verified_client(region)
    response = client.post("/admin/accounts/team/add/", {"naam": "Nieuw team"})
    assert response.status_code == 302
    assert client.get("/admin/aanbod/aanbieder/add/").status_code == 200
    assert client.get("/admin/gemeenten/gemeente/add/").status_code == 200
