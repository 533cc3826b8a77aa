"""The move of Uitkering and UitkeringImport out of ontzorgen (issue 12) keeps who holds which permission.

ontzorgen's 0005 renames the models' content types to the new app; permissions granted on them before
the move (to a group or a user) are still held afterwards, under the new app label.
"""

import importlib

import pytest
from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType

from openinburgering.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db

migration = importlib.import_module("openinburgering.ontzorgen.migrations.0005_uitkeringen_to_own_app")


def _as_before_the_move(model: str) -> Permission:
    """The content type and change permission as a database migrated before issue 12 holds them."""
    ContentType.objects.filter(app_label="uitkeringen", model=model).delete()  # with its permissions
    old = ContentType.objects.create(app_label="ontzorgen", model=model)
    for action in ("add", "change", "delete", "view"):
        Permission.objects.create(content_type=old, codename=f"{action}_{model}", name=f"Can {action} {model}")
    ContentType.objects.clear_cache()
    return Permission.objects.get(content_type=old, codename=f"change_{model}")


def _holders(app_label: str, codename: str) -> tuple[set[str], set[str]]:
    permission = Permission.objects.get(content_type__app_label=app_label, codename=codename)
    return {g.name for g in permission.group_set.all()}, {u.username for u in permission.user_set.all()}


def test_the_content_type_is_renamed_and_every_grant_kept():
    group = Group.objects.create(name="uitkeringen-test")
    user = UserFactory(username="met.recht")
    for model in migration.MODELS:
        permission = _as_before_the_move(model)
        group.permissions.add(permission)
        user.user_permissions.add(permission)

    migration.forwards(apps, None)
    ContentType.objects.clear_cache()

    assert not ContentType.objects.filter(app_label="ontzorgen", model__in=migration.MODELS).exists()
    for model in migration.MODELS:
        assert _holders("uitkeringen", f"change_{model}") == ({"uitkeringen-test"}, {"met.recht"})
        assert Permission.objects.filter(content_type__app_label="uitkeringen", codename__endswith=model).count() == 4

    migration.backwards(apps, None)  # and back, for a migration to an earlier state
    ContentType.objects.clear_cache()
    assert _holders("ontzorgen", "change_uitkering") == ({"uitkeringen-test"}, {"met.recht"})


def test_when_both_content_types_exist_the_grants_move_to_the_new_permissions():
    group = Group.objects.create(name="uitkeringen-test")
    user = UserFactory(username="met.recht")
    new = ContentType.objects.get_for_model(apps.get_model("uitkeringen", "Uitkering"))
    old = ContentType.objects.create(app_label="ontzorgen", model="uitkering")
    granted = Permission.objects.create(content_type=old, codename="change_uitkering", name="Can change uitkering")
    group.permissions.add(granted)
    user.user_permissions.add(granted)

    migration.forwards(apps, None)

    assert not Permission.objects.filter(content_type=old).exists()
    assert _holders("uitkeringen", "change_uitkering") == ({"uitkeringen-test"}, {"met.recht"})
    assert Permission.objects.get(content_type=new, codename="change_uitkering").pk != granted.pk
