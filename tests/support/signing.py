"""Issuing through the product, for tests outside tests/issuing: a session test PKI (CRL-only)
and the settings that point the signing runtime at it. Import both names into a conftest:

    from tests.support.signing import product_pki_dir, signing_settings  # noqa: F401
"""
import pytest

from signing import pki


@pytest.fixture(scope="session")
def product_pki_dir(tmp_path_factory):
    directory = tmp_path_factory.mktemp("product-pki")
    pki.init_pki(directory, ocsp=False)
    yield directory
    from archive import signing_runtime

    signing_runtime.reset()


@pytest.fixture
def signing_settings(settings, product_pki_dir):
    settings.DOCUMENT_SIGNER_BACKEND = "test-pki"
    settings.SIGNING_PKI_DIR = str(product_pki_dir)
    settings.PUBLIC_BASE_URL = "https://berkas.example.go.id"
    return settings
