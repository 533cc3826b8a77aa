"""Uitkering and UitkeringImport now belong to the uitkeringen app (issue 12): gone from ontzorgen's state.

Nothing changes in the database: the tables keep their names (uitkeringen's 0001 takes the models over
with the same ``db_table``). Their content types are renamed from ontzorgen to uitkeringen, so their
permissions keep their rows, and every group and user that holds one keeps it.
"""

from typing import Any

from django.conf import settings
from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor

MODELS = ("uitkering", "uitkeringimport")


def move_content_types(apps: Any, old_label: str, new_label: str) -> None:
    """Rename each model's content type from `old_label` to `new_label`.

    Where both exist already (the permissions of the new label were created before this ran), the
    old permissions' holders are given the new ones, and the old permissions go.
    """
    content_type_model = apps.get_model("contenttypes", "ContentType")
    permission_model = apps.get_model("auth", "Permission")
    group_permissions = apps.get_model("auth", "Group").permissions.through
    user_permissions = apps.get_model(settings.AUTH_USER_MODEL).user_permissions.through
    for model in MODELS:
        old = content_type_model.objects.filter(app_label=old_label, model=model).first()
        if old is None:
            continue
        new = content_type_model.objects.filter(app_label=new_label, model=model).first()
        if new is None:
            old.app_label = new_label
            old.save(update_fields=["app_label"])
            continue
        for permission in permission_model.objects.filter(content_type=old):
            target = permission_model.objects.filter(content_type=new, codename=permission.codename).first()
            if target is None:
                permission.content_type = new
                permission.save(update_fields=["content_type"])
                continue
            for group_id in group_permissions.objects.filter(permission=permission).values_list("group_id", flat=True):
                group_permissions.objects.get_or_create(group_id=group_id, permission=target)
            for user_id in user_permissions.objects.filter(permission=permission).values_list("user_id", flat=True):
                user_permissions.objects.get_or_create(user_id=user_id, permission=target)
            permission.delete()


def forwards(apps: Any, schema_editor: BaseDatabaseSchemaEditor) -> None:
    move_content_types(apps, "ontzorgen", "uitkeringen")


def backwards(apps: Any, schema_editor: BaseDatabaseSchemaEditor) -> None:
    move_content_types(apps, "uitkeringen", "ontzorgen")


class Migration(migrations.Migration):
    dependencies = [
        ("ontzorgen", "0004_einddatum_month_period"),
        ("uitkeringen", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name="Uitkering"),
                migrations.DeleteModel(name="UitkeringImport"),
            ]
        ),
        migrations.RunPython(forwards, backwards),
    ]
