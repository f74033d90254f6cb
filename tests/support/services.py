"""How a test reacts to a missing real service: fail in CI, skip on a laptop."""
import os

import pytest


def services_required() -> bool:
    return os.environ.get("REQUIRE_SERVICES", "").lower() in ("1", "true", "yes")


def service_missing(reason: str) -> None:
    """With REQUIRE_SERVICES=1 (CI) a missing service fails the test; without it the test skips."""
    if services_required():
        pytest.fail(f"REQUIRE_SERVICES=1 but {reason}", pytrace=False)
    pytest.skip(reason)
