"""How hard the hypothesis fuzz tests try.

By default (the `ci` profile) each test runs a small, fixed set of examples: the same ones every
run (derandomised), so the suite stays fast and a failure in CI is one anyone can reproduce.
`KIOSK_FUZZ_EXAMPLES=N` (the `deep` profile) runs N new random examples per fuzz test instead:

    KIOSK_FUZZ_EXAMPLES=2000 .venv/bin/python -m pytest tests/fuzz -q --timeout=0
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

_DEEP = os.environ.get("KIOSK_FUZZ_EXAMPLES")
# Each example runs real use cases on a real database: the time a slow machine needs for one is
# not a bug, and one database serves every example of a test.
_COMMON = {
    "deadline": None,
    "suppress_health_check": [HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
}
settings.register_profile("ci", derandomize=True, database=None, **_COMMON)
settings.register_profile("deep", **_COMMON)
settings.load_profile("deep" if _DEEP else "ci")


def examples(ci: int) -> settings:
    """`ci` examples by default, KIOSK_FUZZ_EXAMPLES under the deep profile."""
    return settings(max_examples=int(_DEEP) if _DEEP else ci)
