"""One SoftHSM2 token for the whole test session.

The PKCS#11 module reads SOFTHSM2_CONF once, when the process first initialises it, so every
test that signs on a token shares this one; each makes its own key (by label) on it.
Import the fixture into a conftest:

    from tests.support.softhsm_token import softhsm_token  # noqa: F401
"""
import os
from dataclasses import dataclass
from pathlib import Path

import pytest

from signing import softhsm
from tests.support.services import service_missing


@dataclass(frozen=True)
class Token:
    module: Path
    label: str
    user_pin: str


@pytest.fixture(scope="session")
def softhsm_token(tmp_path_factory) -> Token:
    if not softhsm.SOFTHSM_MODULE.exists():
        service_missing("SoftHSM2 is missing: apt-get install -y softhsm2")
    directory = tmp_path_factory.mktemp("softhsm")
    token = Token(module=softhsm.SOFTHSM_MODULE, label="berkas-asn-test", user_pin="246810")
    conf = softhsm.create_token(directory, label=token.label, so_pin="135790", user_pin=token.user_pin)
    old = os.environ.get("SOFTHSM2_CONF")
    os.environ["SOFTHSM2_CONF"] = str(conf)
    yield token
    if old is None:
        os.environ.pop("SOFTHSM2_CONF", None)
    else:
        os.environ["SOFTHSM2_CONF"] = old
