"""The demo (README command 1): like dev, but logging in needs no authenticator app."""

import os

os.environ.setdefault("TWO_FACTOR_REQUIRED", "False")
os.environ.setdefault("DEMO_MODE", "True")
# Made-up OINs for the demo and the DUO simulator (part 5 of issue 5), not real organisations.
os.environ.setdefault("DUO_OIN", "00000099000000000001")
os.environ.setdefault("DUO_EIGEN_OINS", "00000099000000000002")

from .dev import *  # noqa: F403
