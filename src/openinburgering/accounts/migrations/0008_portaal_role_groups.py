"""The roles of the aanbiedersportaal beside the aanbieder (the school's coordinator): docent and leerling, each a
Django group like every role. They carry no model permissions: they never open the admin, and their pages check the
role (accounts/permissions.py)."""

from django.db import migrations

PORTAAL_ROLES = ["docent", "leerling"]


def create_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for role in PORTAAL_ROLES:
        Group.objects.get_or_create(name=role)


class Migration(migrations.Migration):
    dependencies = [("accounts", "0007_user_must_change_password")]
    operations = [migrations.RunPython(create_groups, migrations.RunPython.noop)]
