"""What the functioneel beheerder may do in /admin/: manage gemeenten, aanbieders, users and teams;
read the roles and the processing log. Nobody gets change or delete rights on the processing log."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

BEHEERDER_PERMISSIONS = (
    ("gemeenten", "uitvoeringsorganisatie", ("view", "change")),
    ("gemeenten", "gemeente", ("view", "add", "change")),
    ("aanbod", "aanbieder", ("view", "add", "change")),
    ("accounts", "user", ("view", "add", "change")),
    ("accounts", "team", ("view", "add", "change")),
    ("auth", "group", ("view",)),
    ("logboek", "verwerking", ("view",)),
)


def grant(apps, schema_editor):
    # Permissions are normally created after all migrations; create them now so they can be granted.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name="functioneel_beheerder")
    for app_label, model, actions in BEHEERDER_PERMISSIONS:
        codenames = [f"{action}_{model}" for action in actions]
        group.permissions.add(
            *Permission.objects.filter(
                content_type__app_label=app_label, content_type__model=model, codename__in=codenames
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_role_groups"),
        ("gemeenten", "0001_initial"),
        ("aanbod", "0001_initial"),
        ("logboek", "0002_append_only_triggers"),
    ]
    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
