"""Move DRF's plain-text tokens (rest_framework.authtoken) to hashed, expiring ApiTokens.

- A token of an account that cannot log in with a password (no usable password: another system)
  is kept working: its key is hashed into an ApiToken that expires API_TOKEN_DAYS from now, and the
  account is marked as a system account.
- A token of a person (an account with a usable password) is revoked: a person uses the API with
  their two-factor session, and a token on their account would skip the second factor.
- Every plain-text key is then deleted from authtoken_token (the app is no longer installed; the
  empty table may be dropped by the DBA).

The functioneel beheerder is given the right to see, make and revoke tokens (in their scope).
"""

import hashlib
from datetime import timedelta

from django.conf import settings
from django.db import migrations
from django.utils import timezone

from openinburgering.core.migration_ops import GrantPermissions

AUTHTOKEN_TABLE = "authtoken_token"


def move_tokens(apps, schema_editor):
    connection = schema_editor.connection
    if AUTHTOKEN_TABLE not in connection.introspection.table_names():
        return
    User = apps.get_model("accounts", "User")
    ApiToken = apps.get_model("accounts", "ApiToken")
    table = connection.ops.quote_name(AUTHTOKEN_TABLE)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT key, user_id FROM {table}")  # noqa: S608 (a fixed table name)
        rows = cursor.fetchall()
    expires_at = timezone.now() + timedelta(days=settings.API_TOKEN_DAYS)
    for key, user_id in rows:
        user = User.objects.get(pk=user_id)
        if user.password and not user.password.startswith("!"):
            continue  # a person's account: revoked
        if not user.is_system:
            user.is_system = True
            user.save(update_fields=["is_system"])
        ApiToken.objects.create(
            user=user,
            description="Overgenomen DRF-token",
            prefix=key[:6],
            digest=hashlib.sha256(key.encode()).hexdigest(),
            expires_at=expires_at,
        )
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {table}")  # noqa: S608


class Migration(migrations.Migration):
    dependencies = [("accounts", "0005_api_token")]
    operations = [
        migrations.RunPython(move_tokens, migrations.RunPython.noop),
        GrantPermissions("functioneel_beheerder", (("accounts", "apitoken", ("view", "add", "change")),)),
    ]
