"""National integration against local stand-ins that follow the published shapes: a BSrE e-sign
service that signs with a test-PKI key, an SI-ASN web service that serves fixture records."""
import pytest

from signing import pki
from tests.support.bsre_standin import BsreStandIn

OFFICIAL_NIK = "3578011501700001"
OFFICIAL_PASSPHRASE = "Passphrase-Benar-123"


@pytest.fixture(scope="session")
def bsre_service(product_pki_dir):
    services = pki.PkiServices(product_pki_dir).start()  # TSA and CRLs of the test PKI
    with BsreStandIn(product_pki_dir) as service:
        service.add_user(nik=OFFICIAL_NIK, passphrase=OFFICIAL_PASSPHRASE, name="Dr. H. Ahmad Fauzi, M.Si.")
        service.add_user(nik="3578011501700002", passphrase="apa-saja", name="Ir. Budi Santoso, M.T.",
                         status="EXPIRED")
        yield service
    services.stop()


@pytest.fixture
def bsre_settings(signing_settings, bsre_service, product_pki_dir):
    """The deployment signs through BSrE (the stand-in), trusting the test PKI's root."""
    from archive import signing_runtime

    the_pki = pki.load_pki(product_pki_dir)
    signing_settings.DOCUMENT_SIGNER_BACKEND = "bsre"
    signing_settings.BSRE_URL = bsre_service.url
    signing_settings.BSRE_USERNAME, signing_settings.BSRE_PASSWORD = bsre_service.username, bsre_service.password
    signing_settings.BSRE_RETRIES = 2
    signing_settings.SIGNING_TSA_URL = the_pki.tsa_url
    signing_settings.SIGNING_TRUST_ROOTS = [str(the_pki.root_cert)]
    signing_settings.SIGNING_OTHER_CERTS = [str(the_pki.intermediate_cert)]
    yield signing_settings
    signing_runtime.reset()


@pytest.fixture
def kepala_bkd(db, users):
    """The Kepala BKD, who signs the rank decrees through BSrE; the demo administrator signs as them."""
    from national.models import DecreeSigner, SigningOfficial

    official = SigningOfficial.objects.create(
        name="Dr. H. Ahmad Fauzi, M.Si.", title="Kepala Badan Kepegawaian Daerah", nip="197001152000031001",
        nik=OFFICIAL_NIK, backend=SigningOfficial.Backend.BSRE, user=users["admin"])
    DecreeSigner.objects.create(template="sk_kenaikan_pangkat", official=official)
    return official


@pytest.fixture
def issue(api_client_for, users, django_capture_on_commit_callbacks):
    from archive.services.demo import DEMO_PEGAWAI_NIP

    def do_issue(passphrase="", fields=None, nip=DEMO_PEGAWAI_NIP, template="sk_kenaikan_pangkat"):
        fields = fields if fields is not None else {"pangkat_baru": "Penata Tingkat I, III/d", "tmt": "2026-04-01"}
        body = {"template": template, "employee": nip, "fields": fields}
        if passphrase:
            body["passphrase"] = passphrase
        with django_capture_on_commit_callbacks(execute=True):
            return api_client_for(users["admin"]).post("/api/v1/issued-documents/", body, format="json")

    return do_issue
