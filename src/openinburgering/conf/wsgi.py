import os

from django.core.exceptions import ImproperlyConfigured
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "openinburgering.conf.production")
application = get_wsgi_application()

# gunicorn runs no system checks: the ones that keep an unsafe production from starting run here
# (duo/checks.py: DUO's Notificatie API must check DUO's client certificate).
from django.core import checks  # noqa: E402

_errors = [str(error) for error in checks.run_checks(tags=["duo"]) if error.is_serious()]
if _errors:
    raise ImproperlyConfigured("System check failed:\n" + "\n".join(_errors))
