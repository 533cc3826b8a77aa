"""One Django group per role, so roles are assigned in the admin like any group."""

from django.db import migrations

ROLES = [
    "klantregisseur",
    "teamleider",
    "financieel_medewerker",
    "contractmanager",
    "beleidsmedewerker",
    "functioneel_beheerder",
    "aanbieder",
]


def create_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for role in ROLES:
        Group.objects.get_or_create(name=role)


class Migration(migrations.Migration):
    dependencies = [("accounts", "0001_initial"), ("auth", "0012_alter_user_first_name_max_length")]
    operations = [migrations.RunPython(create_groups, migrations.RunPython.noop)]
