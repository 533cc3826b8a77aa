"""Production: every secret from the environment, secure cookies, HSTS."""

import os

os.environ.setdefault("DEBUG", "False")

from .base import *  # noqa: F403
from .env import env_bool, env_int

SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# DUO's Notificatie API only with DUO's client certificate through our proxy: without DUO_CLIENT_CERT_HEADER,
# TRUSTED_PROXIES and DUO_OIN the system check (duo/checks.py, also run by conf/wsgi.py) refuses to start.
DUO_CLIENT_CERT_REQUIRED = True
