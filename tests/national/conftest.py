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
    from issuing import signing_runtime

    # The stand-in stamps with the test PKI's TSA. An earlier test's signing runtime may be the one serving
    # it (then the session fixture found it "served elsewhere"), and its reset would take the TSA away:
    # stop that runtime now and serve the PKI from here for this test.
    signing_runtime.reset()
    services = pki.PkiServices(product_pki_dir).start()
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
    services.stop()


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


PULLED = 100


@pytest.fixture
def siasn_world(db, demo, settings):
    """100 employees here; SI-ASN knows them all, with a newer rank (and its riwayat line) for every
    10th, another position for every 25th, and two NIPs it has never heard of. Returns (stand-in,
    the NIPs to pull, what SI-ASN changes by NIP)."""
    from people.models import HistoryEntry, Unit
    from people.services.employees import employee_create
    from tests.support.siasn_standin import SiasnStandIn, siasn_fixture

    unit = Unit.objects.get(code="DINKES-YANKES")
    records, expected = {}, {}
    nips = []
    for i in range(PULLED):
        employee = employee_create(nip=f"19800101200501{1 + i % 2}{i:03d}", nama=f"Pegawai SIASN {i:03d}", unit=unit,
                                   golongan="III/c", jabatan="Analis Kepegawaian", pendidikan="S1 Administrasi Negara")
        HistoryEntry.objects.create(employee=employee, kind="pangkat", title="Penata, III/c",
                                    effective_date="2021-04-01", reference_number=f"823.3/{i}/BKD/2021")
        HistoryEntry.objects.create(employee=employee, kind="pendidikan", title="S1 Administrasi Negara",
                                    effective_date="2004-08-20", reference_number=f"IJZ-{i}")
        ranks = [("Penata", "III/c", "2021-04-01", f"823.3/{i}/BKD/2021")]
        golongan, pangkat, jabatan = "III/c", "Penata", "Analis Kepegawaian"
        changes = {}
        if i % 10 == 0:
            golongan, pangkat = "III/d", "Penata Tingkat I"
            ranks.append(("Penata Tingkat I", "III/d", "2025-04-01", f"823.3/{500 + i}/BKD/2025"))
            changes["golongan"] = "III/d"
        if i % 25 == 0:
            jabatan = "Analis Kepegawaian Ahli Muda"
            changes["jabatan"] = jabatan
        records[employee.nip] = siasn_fixture(
            employee, unit_name=unit.name, golongan=golongan, pangkat=pangkat, jabatan=jabatan,
            pendidikan="S1 Administrasi Negara", rank_history=ranks,
            position_history=[(jabatan, "2022-01-03", f"821.2/{i}/BKD/2022")] if i % 25 == 0 else [],
            education_history=[("S1 Administrasi Negara", 2004, f"IJZ-{i}")])
        expected[employee.nip] = changes
        nips.append(employee.nip)
    unknown = ["197001012000031999", "197001012000032998"]
    with SiasnStandIn(records) as service:
        settings.SIASN_URL = service.url
        settings.SIASN_CLIENT_ID, settings.SIASN_CLIENT_SECRET = service.client_id, service.client_secret
        settings.SIASN_TIMEOUT = 0.5
        settings.SIASN_RETRIES = 1
        settings.SIASN_REQUESTS_PER_SECOND = 0  # no pause between requests on loopback
        yield service, nips + unknown, expected
