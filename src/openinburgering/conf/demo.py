"""The demo (README command 1): like dev, but logging in needs no authenticator app.

Every address of the demo comes from two variables that `bin/demo` reads as well:
``DEMO_ADDR`` (host:port of the web server, default 127.0.0.1:8000; a bare port means 127.0.0.1) and
``DEMO_DUO_PORT`` (the port of the DUO simulator on 127.0.0.1, which plays DUO and the BRP; default 8001).
"""

import os


def _demo_addresses(addr: str, duo_port: str) -> tuple[str, str, str]:
    """(host for ALLOWED_HOSTS, the demo's URL, the simulator's URL) from DEMO_ADDR and DEMO_DUO_PORT."""
    host, _, port = addr.rpartition(":")
    if not host:  # runserver takes a bare port too
        host = "127.0.0.1"
    if not port.isdigit() or not duo_port.isdigit():
        from django.core.exceptions import ImproperlyConfigured

        raise ImproperlyConfigured(f"DEMO_ADDR must be host:port and DEMO_DUO_PORT a port, not {addr!r}/{duo_port!r}")
    everywhere = ("0.0.0.0", "[::]", "::")  # noqa: S104  # listening on every interface: reach it locally
    browse = "127.0.0.1" if host in everywhere else host
    return host, f"http://{browse}:{port}", f"http://127.0.0.1:{duo_port}"


_HOST, DEMO_URL, DEMO_DUO_URL = _demo_addresses(
    os.environ.get("DEMO_ADDR", "127.0.0.1:8000"), os.environ.get("DEMO_DUO_PORT", "8001")
)
DEMO_DUO_PORT = int(DEMO_DUO_URL.rpartition(":")[2])

os.environ.setdefault("TWO_FACTOR_REQUIRED", "False")
os.environ.setdefault("DEMO_MODE", "True")
os.environ.setdefault("ALLOWED_HOSTS", f"127.0.0.1,localhost,testserver,{_HOST}")
# The DUO simulator (bin/demo starts it with `manage.py duo_simulator`) plays DUO and the BRP.
# DUO's OIN is made up; bin/demo sets DUO_EIGEN_OINS to the demo region's OINs (manage.py duo_eigen_oins).
os.environ.setdefault("DUO_OIN", "00000099000000000001")
os.environ.setdefault("DUO_BASE_URL", DEMO_DUO_URL)
os.environ.setdefault("BRP_BASE_URL", f"{DEMO_DUO_URL}/haalcentraal/api/brp")

from .dev import *  # noqa: E402,F403
