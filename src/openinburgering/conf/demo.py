"""The demo (README command 1): like dev, but logging in needs no authenticator app."""

import os

os.environ.setdefault("TWO_FACTOR_REQUIRED", "False")
os.environ.setdefault("DEMO_MODE", "True")

from .dev import *  # noqa: F403
