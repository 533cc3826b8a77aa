"""The demo (README command 1): like dev, but logging in needs no authenticator app."""

import os

os.environ.setdefault("TWO_FACTOR_REQUIRED", "False")
os.environ.setdefault("DEMO_MODE", "True")
# The DUO simulator (bin/demo starts it on port 8001 with `manage.py duo_simulator`) plays DUO and the BRP.
# DUO's OIN is made up; bin/demo sets DUO_EIGEN_OINS to the demo region's OINs (manage.py duo_eigen_oins).
os.environ.setdefault("DUO_OIN", "00000099000000000001")
os.environ.setdefault("DUO_BASE_URL", "http://127.0.0.1:8001")
os.environ.setdefault("BRP_BASE_URL", "http://127.0.0.1:8001/haalcentraal/api/brp")

from .dev import *  # noqa: F403
