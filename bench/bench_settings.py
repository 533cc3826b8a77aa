"""Settings for the product under werkvoorraad_concurrent.py: the test settings with what production adds back.

conf.ci switches django-axes off; production has it on, and its middleware runs on every request.
Two-factor is required (TWO_FACTOR_REQUIRED=True from the environment): the benchmark's sessions carry
a verified TOTP device, so django-otp loads the device on every request, as in production.
"""

import warnings

from openinburgering.conf.ci import *  # noqa: F403

AXES_ENABLED = True

warnings.filterwarnings("ignore", message="No directory at", module="django.core.handlers.base")
