"""Issuing through the product: a test PKI (CRL-only, so poppler's pdfsig can check it too)
with its TSA and CRL services on loopback, shared by the session."""
import pytest


@pytest.fixture(autouse=True)
def _signing_settings(signing_settings):
    return signing_settings


@pytest.fixture
def issue(api_client_for, users, django_capture_on_commit_callbacks):
    from archive.services.demo import DEMO_PEGAWAI_NIP

    def do_issue(template="sk_kenaikan_pangkat", fields=None, nip=DEMO_PEGAWAI_NIP, user=None):
        fields = fields if fields is not None else {"pangkat_baru": "Penata Tingkat I, III/d", "tmt": "2026-04-01"}
        with django_capture_on_commit_callbacks(execute=True):
            return api_client_for(user or users["admin"]).post(
                "/api/v1/issued-documents/", {"template": template, "employee": nip, "fields": fields}, format="json")

    return do_issue


@pytest.fixture
def hanging_tsa(settings, product_pki_dir):
    """The product signs with the test PKI's key (PKCS#12 back end) through a TSA that hangs when
    told to (tests/support/tsa_proxy.py); the PKI's CRL and TSA services run on loopback."""
    from issuing import signing_runtime
    from signing import pki
    from tests.support.tsa_proxy import HangingTsa

    test_pki = pki.load_pki(product_pki_dir)
    signing_runtime.reset()
    services = pki.serve_pki(product_pki_dir)
    proxy = HangingTsa(test_pki.tsa_url).start()
    settings.DOCUMENT_SIGNER_BACKEND = "pkcs12"
    settings.SIGNING_TSA_URL = proxy.url
    settings.SIGNING_TRUST_ROOTS = [str(test_pki.root_cert)]
    settings.SIGNING_OTHER_CERTS = [str(test_pki.intermediate_cert)]
    settings.SIGNING_PKCS12_PATH = str(test_pki.signer_p12)
    settings.SIGNING_PKCS12_PASSPHRASE = test_pki.signer_passphrase.decode()
    yield proxy
    proxy.stop()
    signing_runtime.reset()
    # leave the PKI served, as the runtime would have (other tests, e.g. the BSrE stand-in, use its
    # TSA); the runtime stops it at its next reset
    signing_runtime._state.setdefault("pki_services", []).append(services)
