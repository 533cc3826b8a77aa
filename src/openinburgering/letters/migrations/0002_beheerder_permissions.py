"""The functioneel beheerder maintains the letter templates in /admin/ (as accounts/0003 grants the rest)."""

from django.db import migrations

from openinburgering.core.migration_ops import GrantPermissions


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_role_groups"),
        ("letters", "0001_initial"),
    ]
    operations = [
        GrantPermissions("functioneel_beheerder", (("letters", "lettertemplate", ("view", "add", "change")),))
    ]
