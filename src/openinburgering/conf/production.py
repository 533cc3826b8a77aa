"""Production: every secret from the environment, secure cookies, HSTS."""

import os

os.environ.setdefault("DEBUG", "False")

from .base import *  # noqa: F403
from .env import env_bool, env_int

SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
# HSTS for every subdomain of the product's host name too (they are the product's own): on by default.
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
# Preload binds the whole registrable domain (gemeente.nl and all its sites) in browsers for months: the
# domain owner's decision, so off by default, and then `check --deploy` is told that it was decided.
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
if not SECURE_HSTS_PRELOAD:
    SILENCED_SYSTEM_CHECKS = [*SILENCED_SYSTEM_CHECKS, "security.W021"]  # noqa: F405
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# DUO's Notificatie API only with DUO's client certificate through our proxy: without DUO_CLIENT_CERT_HEADER,
# TRUSTED_PROXIES and DUO_OIN the system check (duo/checks.py, also run by conf/wsgi.py) refuses to start.
DUO_CLIENT_CERT_REQUIRED = True
