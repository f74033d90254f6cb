"""A scan decided not authentic drafts a Surat Teguran Tertulis for its employee; nothing is
issued until an administrator reviews it, and issuing signs it like any decree."""
import pytest

from issuing.models import IssuedDocument
from people.models import Employee
from archive.services.demo import DEMO_PEGAWAI_NIP

pytestmark = pytest.mark.django_db


def test_not_authentic_drafts_a_warning_the_administrator_issues(users, upload, letter, api_client_for,
                                                                 signing_settings,
                                                                 django_capture_on_commit_callbacks):
    employee = Employee.objects.get(nip=DEMO_PEGAWAI_NIP)
    document_id = upload(users["pegawai"], letter(employee, "IJAZAH SARJANA"), nip=employee.nip,
                         document_type="ijazah").json()["id"]
    fasilitator, admin, pegawai = (api_client_for(users[u]) for u in ("fasilitator", "admin", "pegawai"))
    note = "Cap dan tanda tangan tidak sama dengan ijazah asli yang ditunjukkan"
    for _ in range(2):  # deciding again does not draft a second warning
        assert fasilitator.post(f"/api/v1/documents/{document_id}/verification/",
                                {"decision": "not_authentic", "note": note}, format="json").status_code == 201

    assert pegawai.get("/api/v1/drafts/").status_code == 403
    assert fasilitator.get("/api/v1/drafts/").status_code == 403
    drafts = admin.get("/api/v1/drafts/?status=draft").json()["results"]
    assert len(drafts) == 1
    draft = drafts[0]
    assert draft["template"] == "teguran_tertulis" and draft["employee"]["nip"] == employee.nip
    assert note in draft["fields"]["alasan"] and "Ijazah" in draft["fields"]["alasan"]
    assert draft["document"]["id"] == document_id and draft["document"]["decision"] == "not_authentic"
    assert not IssuedDocument.objects.exists()  # a draft, not yet a warning
    assert any(n["kind"] == "draft.to_review" for n in admin.get("/api/v1/notifications/").json()["results"])

    with django_capture_on_commit_callbacks(execute=True):
        issued = admin.post(f"/api/v1/drafts/{draft['id']}/issue/", {}, format="json")
    assert issued.status_code == 200, issued.json()
    assert issued.json()["status"] == "issued"
    warning = IssuedDocument.objects.get(pk=issued.json()["issued_document"]["id"])
    assert warning.template == "teguran_tertulis" and warning.employee == employee
    assert warning.fields["alasan"] == draft["fields"]["alasan"]
    assert admin.post(f"/api/v1/drafts/{draft['id']}/issue/", {}, format="json").status_code == 409
    kinds = [n["kind"] for n in pegawai.get("/api/v1/notifications/").json()["results"]]
    assert "issued.warning" in kinds and "document.not_authentic" in kinds


def test_administrator_discards_a_draft_from_the_web_page(client, users, upload, letter, api_client_for):
    employee = Employee.objects.get(nip=DEMO_PEGAWAI_NIP)
    document_id = upload(users["pegawai"], letter(employee, "SERTIFIKAT DIKLAT"), nip=employee.nip,
                         document_type="sertifikat_diklat").json()["id"]
    api_client_for(users["fasilitator"]).post(f"/api/v1/documents/{document_id}/verification/",
                                              {"decision": "not_authentic", "note": "Nomor sertifikat fiktif"},
                                              format="json")
    client.force_login(users["fasilitator"])
    assert client.get("/draf/").status_code == 403
    client.force_login(users["admin"])
    page = client.get("/draf/", HTTP_ACCEPT_LANGUAGE="id").content.decode()
    assert "Draf untuk diperiksa" in page and "Nomor sertifikat fiktif" in page
    from issuing.models import IssueDraft

    draft = IssueDraft.objects.get()
    assert client.post("/draf/", {"draft": draft.pk, "action": "discard", "reason": ""}).status_code == 400
    assert client.post("/draf/", {"draft": draft.pk, "action": "discard",
                                  "reason": "Sertifikat asli ternyata ada; salah pindai"}).status_code == 302
    draft.refresh_from_db()
    assert draft.status == "discarded" and not IssuedDocument.objects.exists()
