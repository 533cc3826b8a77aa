"""The functioneel beheerder adds the gelijkgestelde dagen of a new decree in /admin/."""

from django.db import migrations

from openinburgering.core.migration_ops import GrantPermissions


class Migration(migrations.Migration):
    dependencies = [("accounts", "0002_role_groups"), ("termijnen", "0001_initial")]
    operations = [
        GrantPermissions(
            "functioneel_beheerder", (("termijnen", "gelijkgesteldedag", ("view", "add", "change", "delete")),)
        )
    ]
