"""Hypothesis profiles for the rules tests.

"mutation" is for bin/mutation-rules, which runs these tests once per mutant: fewer examples, the same
ones every run (derandomize, so a mutant is killed or not reproducibly), no example database and no
deadline (the machine is shared and niced). The normal runs keep hypothesis's defaults.
"""

from hypothesis import HealthCheck, settings

settings.register_profile(
    "mutation",
    max_examples=10,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
