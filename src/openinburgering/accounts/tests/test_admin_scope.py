"""The admin scope matrix: which users a functioneel beheerder sees and changes, and what they may give.

Beheerders: scoped to gemeente A; covering every gemeente (A and B); a superuser.
Targets: a user of A, of B, of A and B, an aanbieder's employee, a user without gemeente, a
superuser, and the beheerder themselves. Every change is a POST as a browser would send it, also
for what the form does not offer (a forged POST), and the database is checked afterwards.
The rule is in accounts/selectors.py and the README (Tenancy).
"""

import pytest
from django.contrib.auth.models import Group, Permission

from openinburgering.aanbod.factories import AanbiederFactory
from openinburgering.accounts.constants import Role
from openinburgering.accounts.factories import UserFactory
from openinburgering.accounts.models import User

pytestmark = pytest.mark.django_db

BEHEERDERS = ("scoped_a", "covers_all", "superuser")
TARGETS = (
    "user_a",
    "user_b",
    "user_ab",
    "aanbieder_user",
    "docent_user",
    "leerling_user",
    "no_gemeente",
    "superuser_target",
    "self",
)
# Scoped to one aanbieder (the school's coordinator, a teacher, a learner): gemeenten or an aanbieder, not both.
AANBIEDER_TARGETS = {"aanbieder_user", "docent_user", "leerling_user"}

# Who sees whom (the rule of accounts/selectors.py).
VISIBLE = {
    "scoped_a": {"user_a", "self"},
    "covers_all": {"user_a", "user_b", "user_ab", *AANBIEDER_TARGETS, "no_gemeente", "self"},
    "superuser": set(TARGETS),
}


@pytest.fixture
def world(gemeente_a, gemeente_b):
    extra = Group.objects.create(name="logboek-wissen")
    extra.permissions.add(Permission.objects.get(codename="delete_group"))
    fb = [Role.FUNCTIONEEL_BEHEERDER]
    beheerders = {
        "scoped_a": UserFactory(username="fb.a", roles=fb, gemeenten=[gemeente_a], is_staff=True),
        "covers_all": UserFactory(username="fb.all", roles=fb, gemeenten=[gemeente_a, gemeente_b], is_staff=True),
        "superuser": UserFactory(username="root", is_staff=True, is_superuser=True),
    }
    kr = [Role.KLANTREGISSEUR]
    targets = {
        "user_a": UserFactory(username="kr.a", roles=kr, gemeenten=[gemeente_a]),
        "user_b": UserFactory(username="kr.b", roles=kr, gemeenten=[gemeente_b]),
        "user_ab": UserFactory(username="kr.ab", roles=kr, gemeenten=[gemeente_a, gemeente_b]),
        "aanbieder_user": UserFactory(username="coordinator", roles=[Role.AANBIEDER], aanbieder=AanbiederFactory()),
        "docent_user": UserFactory(username="docent", roles=[Role.DOCENT], aanbieder=AanbiederFactory()),
        "leerling_user": UserFactory(username="amina0001", roles=[Role.LEERLING], aanbieder=AanbiederFactory()),
        "no_gemeente": UserFactory(username="nieuw"),
        "superuser_target": UserFactory(username="root2", is_staff=True, is_superuser=True),
    }
    return {"beheerders": beheerders, "targets": targets, "a": gemeente_a, "b": gemeente_b, "extra": extra}


def pick(world, beheerder_name: str, target_name: str) -> tuple[User, User]:
    beheerder = world["beheerders"][beheerder_name]
    target = beheerder if target_name == "self" else world["targets"][target_name]
    return beheerder, target


def url(target: User) -> str:
    return f"/admin/accounts/user/{target.pk}/change/"


def form_data(target: User, **overrides: object) -> dict[str, object]:
    """The change form as the browser sends it for the target's current state, with overrides."""
    data: dict[str, object] = {
        "username": target.username,
        "first_name": target.first_name,
        "last_name": target.last_name,
        "email": target.email,
        "is_active": "on",
        "groups": [group.pk for group in target.groups.all()],
        "gemeenten": [gemeente.pk for gemeente in target.gemeenten.all()],
        "aanbieder": target.aanbieder_id or "",
        "team": "",
    }
    if target.is_staff:
        data["is_staff"] = "on"
    if target.is_superuser:
        data["is_superuser"] = "on"
    if target.is_system:
        data["is_system"] = "on"
    data.update(overrides)
    return data


def state(user: User) -> tuple:
    user = User.objects.get(pk=user.pk)
    return (
        frozenset(user.gemeenten.values_list("pk", flat=True)),
        frozenset(user.groups.values_list("name", flat=True)),
        frozenset(user.user_permissions.values_list("codename", flat=True)),
        user.is_staff,
        user.is_superuser,
    )


@pytest.mark.parametrize("beheerder_name", BEHEERDERS)
def test_list_shows_exactly_the_users_in_scope(world, verified_client, beheerder_name):
    beheerder = world["beheerders"][beheerder_name]
    html = verified_client(beheerder).get("/admin/accounts/user/").content.decode()
    for target_name in TARGETS:
        _beheerder, target = pick(world, beheerder_name, target_name)
        assert (f"/admin/accounts/user/{target.pk}/change/" in html) == (target_name in VISIBLE[beheerder_name]), (
            target_name
        )


@pytest.mark.parametrize("target_name", TARGETS)
@pytest.mark.parametrize("beheerder_name", BEHEERDERS)
def test_change_view_only_in_scope(world, verified_client, beheerder_name, target_name):
    beheerder, target = pick(world, beheerder_name, target_name)
    response = verified_client(beheerder).get(url(target))
    if target_name in VISIBLE[beheerder_name]:
        assert response.status_code == 200
    else:
        assert response.status_code == 302  # the admin's "does not exist" redirect
        assert 'name="username"' not in response.content.decode()


@pytest.mark.parametrize("beheerder_name", BEHEERDERS)
def test_change_form_offers_only_gemeenten_in_scope(world, verified_client, beheerder_name):
    beheerder, target = pick(world, beheerder_name, "user_a")
    html = verified_client(beheerder).get(url(target)).content.decode()
    offered_b = f">{world['b']}</option>" in html
    assert offered_b == (beheerder_name != "scoped_a")


@pytest.mark.parametrize("target_name", TARGETS)
@pytest.mark.parametrize("beheerder_name", BEHEERDERS)
def test_forged_post_widening_gemeenten(world, verified_client, beheerder_name, target_name):
    beheerder, target = pick(world, beheerder_name, target_name)
    before = state(target)
    wider = [world["a"].pk, world["b"].pk]
    verified_client(beheerder).post(url(target), form_data(target, gemeenten=wider))
    allowed = (
        target_name in VISIBLE[beheerder_name]
        and beheerder_name != "scoped_a"  # B lies outside A's scope
        and not (target_name == "self" and beheerder_name != "superuser")  # nobody widens their own scope
        and target_name not in AANBIEDER_TARGETS  # gemeenten or an aanbieder, not both
    )
    after = state(target)
    assert after[0] == (frozenset(wider) if allowed else before[0])
    assert after[1:] == before[1:]


@pytest.mark.parametrize("target_name", TARGETS)
@pytest.mark.parametrize("beheerder_name", BEHEERDERS)
def test_granting_a_group_with_rights_the_beheerder_lacks(world, verified_client, beheerder_name, target_name):
    beheerder, target = pick(world, beheerder_name, target_name)
    before = state(target)
    groups = [*(group.pk for group in target.groups.all()), world["extra"].pk]
    verified_client(beheerder).post(url(target), form_data(target, groups=groups))
    # Only a superuser holds delete_group; and a learner's account holds its one role alone.
    allowed = beheerder_name == "superuser" and target_name != "leerling_user"
    assert ("logboek-wissen" in state(target)[1]) == allowed
    if not allowed:
        assert state(target) == before


@pytest.mark.parametrize("target_name", TARGETS)
@pytest.mark.parametrize("beheerder_name", BEHEERDERS)
def test_granting_a_page_role(world, verified_client, beheerder_name, target_name):
    """A page role carries no admin rights: a beheerder gives it to users they manage, never to themselves."""
    beheerder, target = pick(world, beheerder_name, target_name)
    before = state(target)
    groups = [*(group.pk for group in target.groups.all()), Group.objects.get(name=Role.TEAMLEIDER).pk]
    verified_client(beheerder).post(url(target), form_data(target, groups=groups))
    allowed = (
        target_name in VISIBLE[beheerder_name]
        and not (target_name == "self" and beheerder_name != "superuser")
        and target_name != "leerling_user"  # a learner's account holds that role alone, for a superuser too
    )
    assert (Role.TEAMLEIDER in state(target)[1]) == allowed
    if not allowed:
        assert state(target) == before


@pytest.mark.parametrize("target_name", TARGETS)
@pytest.mark.parametrize("beheerder_name", BEHEERDERS)
def test_forged_post_granting_superuser_staff_or_a_permission(world, verified_client, beheerder_name, target_name):
    beheerder, target = pick(world, beheerder_name, target_name)
    before = state(target)
    permission = Permission.objects.get(codename="delete_verwerking")
    forged = form_data(target, is_staff="on", is_superuser="on", user_permissions=[permission.pk])
    verified_client(beheerder).post(url(target), forged)
    after = state(target)
    if beheerder_name == "superuser":
        assert after[2:] == (frozenset({"delete_verwerking"}), True, True)
    else:
        assert after == before


def test_a_scoped_beheerder_creates_a_user_only_inside_their_scope(world, verified_client):
    beheerder = world["beheerders"]["scoped_a"]
    client = verified_client(beheerder)
    add = {"username": "nieuw.a", "usable_password": "false", "team": ""}
    response = client.post("/admin/accounts/user/add/", {**add, "gemeenten": [world["b"].pk]})
    assert response.status_code == 200 and not User.objects.filter(username="nieuw.a").exists()
    response = client.post("/admin/accounts/user/add/", add)  # no gemeente: nobody's user
    assert response.status_code == 200 and not User.objects.filter(username="nieuw.a").exists()
    assert "Kies ten minste één gemeente" in response.content.decode()
    response = client.post("/admin/accounts/user/add/", {**add, "gemeenten": [world["a"].pk]})
    created = User.objects.get(username="nieuw.a")
    assert set(created.gemeenten.all()) == {world["a"]}
    assert response.status_code == 302


def test_the_refusal_names_the_field_and_the_rule(world, verified_client):
    beheerder, target = pick(world, "scoped_a", "user_a")
    groups = [*(group.pk for group in target.groups.all()), world["extra"].pk]
    response = verified_client(beheerder).post(url(target), form_data(target, groups=groups))
    assert response.status_code == 200
    html = response.content.decode()
    assert "rechten die u zelf niet hebt" in html


@pytest.mark.parametrize("target_name", TARGETS)
@pytest.mark.parametrize("beheerder_name", BEHEERDERS)
def test_forged_password_change(world, verified_client, beheerder_name, target_name):
    """Setting someone's password is taking over their account: only for users in scope."""
    beheerder, target = pick(world, beheerder_name, target_name)
    new = "Nieuw-Sterk-Wachtwoord-2026"
    verified_client(beheerder).post(
        f"/admin/accounts/user/{target.pk}/password/",
        {"usable_password": "true", "password1": new, "password2": new},
    )
    changed = User.objects.get(pk=target.pk).check_password(new)
    assert changed == (target_name in VISIBLE[beheerder_name])


def test_the_leerling_role_is_refused_beside_another_role(world, verified_client):
    """Named in the form: a learner's account is minimal and logs in without a second factor, so it never
    carries a second role; the other way round, a staff member is not made a leerling either."""
    beheerder = world["beheerders"]["covers_all"]
    target = world["targets"]["docent_user"]
    leerling = Group.objects.get(name=Role.LEERLING)
    groups = [*(group.pk for group in target.groups.all()), leerling.pk]
    response = verified_client(beheerder).post(url(target), form_data(target, groups=groups))
    assert response.status_code == 200
    assert "Een leerling-account heeft alleen de rol Leerling" in response.content.decode()
    assert Role.LEERLING not in state(target)[1]
