"""System checks of the DUO koppeling: a production whose Notificatie API would accept anyone does not start.

Registered with the tag ``duo`` (and ``security``): ``manage.py check`` and ``migrate`` run them, and so does
``conf/wsgi.py`` when gunicorn loads the application, since gunicorn runs no system checks itself. They
apply where ``DUO_CLIENT_CERT_REQUIRED`` is on, which ``conf/production.py`` sets; dev, demo and the test
settings leave it off.
"""

from collections.abc import Sequence
from typing import Any

from django.apps import AppConfig
from django.conf import settings
from django.core import checks

TAG = "duo"
OIN_LENGTH = 20


@checks.register(TAG, checks.Tags.security)
def notificaties_authentication_check(
    app_configs: Sequence[AppConfig] | None = None, **kwargs: Any
) -> list[checks.Error]:
    """POST /duo/notificaties must be authenticated by DUO's client certificate, forwarded by our proxy."""
    if not settings.DUO_CLIENT_CERT_REQUIRED:
        return []
    errors = []
    if not settings.DUO_CLIENT_CERT_HEADER:
        errors.append(
            checks.Error(
                "DUO_CLIENT_CERT_HEADER is not set: DUO's Notificatie API would not check the client certificate.",
                hint="Set it to the header in which the reverse proxy forwards the verified client certificate "
                "($ssl_client_escaped_cert), e.g. X-SSL-Client-Cert (docs/configuration.md, DUO koppeling).",
                id="duo.E001",
            )
        )
    if not settings.TRUSTED_PROXIES:
        errors.append(
            checks.Error(
                "TRUSTED_PROXIES is empty: the forwarded client certificate cannot be believed from any peer.",
                hint="Set it to the address of the reverse proxy as gunicorn sees it.",
                id="duo.E002",
            )
        )
    oin: str = settings.DUO_OIN
    if len(oin) != OIN_LENGTH or not oin.isascii() or not oin.isdigit():
        errors.append(
            checks.Error(
                "DUO_OIN is not an OIN of twenty digits: no client certificate can be matched with DUO's.",
                hint="Set it to DUO's OIN, the serialNumber in the subject of DUO's PKIoverheid certificate.",
                id="duo.E003",
            )
        )
    return errors
