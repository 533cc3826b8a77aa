import pytest
from django.contrib.auth.models import Group

from openinburgering.accounts.constants import Role

pytestmark = pytest.mark.django_db


def test_every_role_has_its_group():
    assert set(Group.objects.values_list("name", flat=True)) >= set(Role.values)


def test_functioneel_beheerder_manages_users_and_gemeenten_but_never_changes_the_log():
    codenames = set(Group.objects.get(name=Role.FUNCTIONEEL_BEHEERDER).permissions.values_list("codename", flat=True))
    assert {"add_user", "change_user", "change_gemeente", "view_verwerking", "add_aanbieder"} <= codenames
    assert not {"change_verwerking", "delete_verwerking", "add_verwerking", "delete_user"} & codenames


def test_other_roles_have_no_admin_permissions():
    for role in set(Role.values) - {Role.FUNCTIONEEL_BEHEERDER}:
        assert not Group.objects.get(name=role).permissions.exists(), role
