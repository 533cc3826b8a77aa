"""What the functioneel beheerder may do in /admin/: manage gemeenten, aanbieders, users and teams;
read the roles and the processing log. Nobody gets change or delete rights on the processing log."""

from django.db import migrations

from openinburgering.core.migration_ops import GrantPermissions

BEHEERDER_PERMISSIONS = (
    ("gemeenten", "uitvoeringsorganisatie", ("view", "change")),
    ("gemeenten", "gemeente", ("view", "add", "change")),
    ("aanbod", "aanbieder", ("view", "add", "change")),
    ("accounts", "user", ("view", "add", "change")),
    ("accounts", "team", ("view", "add", "change")),
    ("auth", "group", ("view",)),
    ("logboek", "verwerking", ("view",)),
)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_role_groups"),
        ("gemeenten", "0001_initial"),
        ("aanbod", "0001_initial"),
        ("logboek", "0002_append_only_triggers"),
    ]
    operations = [GrantPermissions("functioneel_beheerder", BEHEERDER_PERMISSIONS)]
