"""Issue 8, end to end through the API: an employee gathers the documents kenaikan pangkat
requires, the request is refused while one is missing (naming it), a fasilitator of another
unit sees none of it, the unit's fasilitator verifies, the administrator approves, and a signed
SK exists, verifies as current and is in the employee's file; and a scan found not authentic
drafts a written warning for that employee."""
import pytest

from people.models import Employee
from archive.services.demo import DEMO_PEGAWAI_NIP

pytestmark = pytest.mark.django_db

TITLES = {"sk_kenaikan_pangkat": "KEPUTUSAN KENAIKAN PANGKAT", "skp": "SASARAN KINERJA PEGAWAI",
          "sk_jabatan": "KEPUTUSAN PENGANGKATAN DALAM JABATAN"}


def test_kenaikan_pangkat_from_upload_to_signed_sk(users, upload, letter, make_user, api_client_for,
                                                   signing_settings, django_capture_on_commit_callbacks):
    employee = Employee.objects.get(nip=DEMO_PEGAWAI_NIP)
    pegawai, fasilitator, admin = (api_client_for(users[u]) for u in ("pegawai", "fasilitator", "admin"))
    outsider = api_client_for(make_user("fas-bkd", "fasilitator", units=["BKD-MUT"]))

    service = pegawai.get("/api/v1/services/").json()["results"]
    kp = next(s for s in service if s["code"] == "kenaikan_pangkat")
    assert [r["document_type"] for r in kp["required_document_types"]] == ["sk_kenaikan_pangkat", "skp", "sk_jabatan"]

    created = pegawai.post("/api/v1/service-requests/", {"service": "kenaikan_pangkat", "employee": employee.nip},
                           format="json")
    assert created.status_code == 201, created.json()
    request_id = created.json()["id"]
    assert created.json()["status"] == "draft"
    assert {c["document_type"]: c["state"] for c in created.json()["checklist"]} == {
        "sk_kenaikan_pangkat": "missing", "skp": "missing", "sk_jabatan": "missing"}

    documents = {}
    for code in ("sk_kenaikan_pangkat", "skp"):
        response = upload(users["pegawai"], letter(employee, TITLES[code]), nip=employee.nip, document_type=code)
        assert response.status_code == 201, response.json()
        documents[code] = response.json()["id"]

    refused = pegawai.post(f"/api/v1/service-requests/{request_id}/submit/")
    assert refused.status_code == 400
    body = refused.json()
    assert body["code"] == "incomplete"
    assert body["missing"] == ["sk_jabatan"] and "SK Jabatan" in body["detail"]
    assert sorted(body["unverified"]) == ["sk_kenaikan_pangkat", "skp"]

    response = upload(users["pegawai"], letter(employee, TITLES["sk_jabatan"]), nip=employee.nip,
                      document_type="sk_jabatan")
    documents["sk_jabatan"] = response.json()["id"]
    checklist = pegawai.get(f"/api/v1/service-requests/{request_id}/").json()["checklist"]
    assert {c["state"] for c in checklist} == {"awaiting_verification"}

    # A fasilitator of another unit can neither see nor verify them.
    assert outsider.get("/api/v1/verification-queue/").json()["count"] == 0
    assert outsider.get(f"/api/v1/service-requests/{request_id}/").status_code == 404
    for document_id in documents.values():
        assert outsider.get(f"/api/v1/documents/{document_id}/").status_code == 404
        assert outsider.post(f"/api/v1/documents/{document_id}/verification/", {"decision": "verified"},
                             format="json").status_code == 404

    queue = fasilitator.get("/api/v1/verification-queue/").json()
    assert [item["id"] for item in queue["results"]] == list(documents.values())  # oldest first
    for document_id in documents.values():
        decided = fasilitator.post(f"/api/v1/documents/{document_id}/verification/",
                                   {"decision": "verified", "note": "Sesuai dengan naskah asli"}, format="json")
        assert decided.status_code == 201
    assert fasilitator.get("/api/v1/verification-queue/").json()["count"] == 0

    submitted = pegawai.post(f"/api/v1/service-requests/{request_id}/submit/")
    assert submitted.status_code == 200 and submitted.json()["status"] == "submitted"

    # The agency step: the unit's fasilitator forwards it to BKD (not the outsider).
    assert outsider.post(f"/api/v1/service-requests/{request_id}/forward/").status_code == 404
    forwarded = fasilitator.post(f"/api/v1/service-requests/{request_id}/forward/")
    assert forwarded.status_code == 200 and forwarded.json()["status"] == "forwarded"

    fields = {"pangkat_baru": "Penata Tingkat I, III/d", "tmt": "2026-04-01"}
    url = f"/api/v1/service-requests/{request_id}/approve/"
    assert pegawai.post(url, {"fields": fields}, format="json").status_code == 403
    assert fasilitator.post(url, {"fields": fields}, format="json").status_code == 403
    with django_capture_on_commit_callbacks(execute=True):
        approved = admin.post(url, {"fields": fields}, format="json")
    assert approved.status_code == 200, approved.json()
    assert approved.json()["status"] == "approved"
    issued = approved.json()["issued_document"]
    assert issued["status"] == "current" and "/BKD/" in issued["number"]

    # The signed SK verifies as current, from the copy the employee downloads.
    pdf = pegawai.get(f"/api/v1/issued-documents/{issued['id']}/content/").content
    check = api_client_for(None).post("/api/v1/verify/", {"file": _named(pdf)}, format="multipart").json()
    assert check["authentic"] is True and check["status"] == "current"
    assert check["document"]["number"] == issued["number"]

    # ... and it is in the employee's file: their issued documents, and their rank history.
    mine = pegawai.get("/api/v1/issued-documents/").json()["results"]
    assert [d["id"] for d in mine] == [issued["id"]]
    record = pegawai.get(f"/api/v1/employees/{employee.nip}/").json()
    assert record["golongan"] == "III/d"
    assert any(h["kind"] == "pangkat" and h["reference_number"] == issued["number"] for h in record["history"])
    notes = pegawai.get("/api/v1/notifications/").json()["results"]
    assert any(n["kind"] == "service_request.approved" and issued["number"] in n["message"] for n in notes)

    # A scan the fasilitator finds not authentic drafts a written warning for that employee.
    fake = upload(users["pegawai"], letter(employee, "IJAZAH SARJANA"), nip=employee.nip, document_type="ijazah")
    assert fasilitator.post(f"/api/v1/documents/{fake.json()['id']}/verification/",
                            {"decision": "not_authentic", "note": "Ijazah asli yang ditunjukkan berbeda"},
                            format="json").status_code == 201
    drafts = admin.get("/api/v1/drafts/?status=draft").json()["results"]
    assert [(d["template"], d["employee"]["nip"], d["document"]["id"]) for d in drafts] == [
        ("teguran_tertulis", employee.nip, fake.json()["id"])]


def _named(content: bytes):
    import io

    stream = io.BytesIO(content)
    stream.name = "sk.pdf"
    return stream
