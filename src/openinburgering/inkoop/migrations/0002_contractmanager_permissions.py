"""The contract manager's rights on contracts, as a role's group holds them (accounts/migrations/0003). The pages
check the role (inkoop.constants.CONTRACT_ROLES) and the scope (inkoop.selectors); the contracts are not in the
admin, so these rights open nothing there: they say, in the place where every role's rights are kept, what the
role does with contracts."""

from django.db import migrations

from openinburgering.core.migration_ops import GrantPermissions

CONTRACTMANAGER_PERMISSIONS = (
    ("inkoop", "contract", ("view", "add", "change")),
    ("inkoop", "contractversie", ("view", "add")),
    ("inkoop", "perceel", ("view", "add")),
    ("inkoop", "contractevent", ("view",)),
)


class Migration(migrations.Migration):
    dependencies = [("inkoop", "0001_contracten"), ("accounts", "0002_role_groups")]
    operations = [GrantPermissions("contractmanager", CONTRACTMANAGER_PERMISSIONS)]
