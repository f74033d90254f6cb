"""BKD staff queue decrees for the Kepala BKD; the official types the passphrase once and the whole
batch is signed (one status check, one signature each at BSrE). A wrong passphrase signs and numbers
nothing and leaves the batch waiting. The official's page shows the queue and signs it."""
import pytest

from issuing.models import IssuedDocument
from national.models import SigningRequest
from tests.national.conftest import OFFICIAL_PASSPHRASE

pytestmark = pytest.mark.django_db
FIELDS = {"pangkat_baru": "Penata Tingkat I, III/d", "tmt": "2026-04-01"}


def _queue(api, nips):
    for nip in nips:
        response = api.post("/api/v1/signing-queue/", {"template": "sk_kenaikan_pangkat", "employee": nip,
                                                       "fields": FIELDS}, format="json")
        assert response.status_code == 201, response.content


def _nips(count):
    from people.models import Unit
    from people.services.employees import employee_create

    unit = Unit.objects.get(code="DINKES-YANKES")
    return [employee_create(nip=f"198503152010011{900 + i:03d}", nama=f"Pegawai Antrean {i}", unit=unit, jabatan="Analis Kepegawaian",
                            golongan="III/c").nip for i in range(count)]


def test_one_passphrase_signs_the_batch(bsre_settings, bsre_service, kepala_bkd, users, api_client_for,
                                        django_capture_on_commit_callbacks):
    api = api_client_for(users["admin"])
    nips = _nips(3)
    assert len(nips) == 3
    _queue(api, nips)
    listed = api.get("/api/v1/signing-queue/").json()
    assert [item["employee"] for item in listed] == nips

    wrong = api.post("/api/v1/signing-queue/sign/", {"passphrase": "salah-ketik"}, format="json")
    assert wrong.status_code == 400 and "salah" in wrong.json()["detail"]
    assert not IssuedDocument.objects.exists()
    assert SigningRequest.objects.filter(status="waiting").count() == 3

    signed_before = bsre_service.signed_count()
    with django_capture_on_commit_callbacks(execute=True):
        response = api.post("/api/v1/signing-queue/sign/", {"passphrase": OFFICIAL_PASSPHRASE}, format="json")
    assert response.status_code == 200, response.content
    result = response.json()
    assert len(result["signed"]) == 3 and result["failed"] == [] and result["waiting"] == 0
    assert bsre_service.signed_count() == signed_before + 3
    numbers = [item["number"] for item in result["signed"]]
    assert len(set(numbers)) == 3
    assert all(d.official_signature.name == "Dr. H. Ahmad Fauzi, M.Si." for d in IssuedDocument.objects.all())


def test_the_official_signs_from_the_page(bsre_settings, bsre_service, kepala_bkd, users, api_client_for, client,
                                          django_capture_on_commit_callbacks):
    _queue(api_client_for(users["admin"]), _nips(2))
    client.force_login(users["admin"])
    page = client.get("/penandatanganan/")
    assert page.status_code == 200 and 'type="password"' in page.content.decode()
    ids = [str(pk) for pk in SigningRequest.objects.values_list("pk", flat=True)]
    refused = client.post("/penandatanganan/", {"requests": ids, "passphrase": "keliru"})
    assert refused.status_code == 400 and "Tidak ada yang ditandatangani" in refused.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        done = client.post("/penandatanganan/", {"requests": ids, "passphrase": OFFICIAL_PASSPHRASE})
    assert done.status_code == 302
    assert SigningRequest.objects.filter(status="signed").count() == 2


def test_a_login_that_signs_for_no_one_cannot_sign(bsre_settings, kepala_bkd, users, api_client_for):
    response = api_client_for(users["fasilitator"]).post("/api/v1/signing-queue/sign/", {"passphrase": "x"},
                                                          format="json")
    assert response.status_code == 403


def test_a_second_batch_for_the_same_official_waits_its_turn(bsre_settings, kepala_bkd, users, api_client_for):
    """While one batch runs (another connection holds the official's batch lock), a second is refused."""
    import psycopg
    from django.db import connection

    from national.services.signing_queue import QUEUE_LOCK_NAMESPACE

    _queue(api_client_for(users["admin"]), _nips(1))
    db = connection.settings_dict
    with psycopg.connect(host=db["HOST"], port=db["PORT"] or 5432, user=db["USER"], dbname=db["NAME"],
                         password=db["PASSWORD"] or None, autocommit=True) as other:
        other.execute("SELECT pg_advisory_lock(%s, %s)", [QUEUE_LOCK_NAMESPACE, kepala_bkd.pk])
        response = api_client_for(users["admin"]).post("/api/v1/signing-queue/sign/",
                                                        {"passphrase": OFFICIAL_PASSPHRASE}, format="json")
    assert response.status_code == 409, response.content
    assert "sedang ditandatangani" in response.json()["detail"]
    assert SigningRequest.objects.filter(status="waiting").count() == 1
