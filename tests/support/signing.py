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
    from issuing import signing_runtime

    signing_runtime.reset()


@pytest.fixture
def signing_settings(settings, product_pki_dir):
    settings.DOCUMENT_SIGNER_BACKEND = "test-pki"
    settings.SIGNING_PKI_DIR = str(product_pki_dir)
    settings.PUBLIC_BASE_URL = "https://berkas.example.go.id"
    return settings


def pdfsig_report(pdf: bytes, root_cert, workdir) -> str:
    """poppler's pdfsig on `pdf`, trusting `root_cert` (an NSS database made in `workdir`): its output.
    Fails the test when certutil is missing or pdfsig does not exit 0."""
    import shutil
    import subprocess

    nss = workdir / "nss"
    nss.mkdir(exist_ok=True)
    certutil = shutil.which("certutil") or pytest.fail("certutil missing: apt-get install libnss3-tools")
    subprocess.run([certutil, "-N", "-d", f"sql:{nss}", "--empty-password"], check=True)
    subprocess.run([certutil, "-A", "-d", f"sql:{nss}", "-n", "root", "-t", "CT,C,C", "-i", str(root_cert)],
                   check=True)
    path = workdir / "signed.pdf"
    path.write_bytes(pdf)
    out = subprocess.run(["pdfsig", "-nssdir", f"sql:{nss}", str(path)], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    return out.stdout


def assert_pdfsig_valid(pdf: bytes, root_cert, workdir) -> None:
    """The first signature valid and trusted, and the signatures covering the whole document."""
    out = pdfsig_report(pdf, root_cert, workdir)
    first = out.split("Signature #2")[0]
    assert "Signature Validation: Signature is Valid." in first
    assert "Certificate Validation: Certificate is Trusted." in first
    assert "Total document signed" in out
