"""Confidential document types (discipline, divorce): the owner and administrators see them; a fasilitator
of the unit sees that the slot is filled, and gets 404 on the document, its content, its preview and its
verification page, and never finds it in search or the verification queue."""
import pytest

from documents.models import DocumentType
from people.models import Employee
from archive.services.demo import DEMO_PEGAWAI_NIP

pytestmark = pytest.mark.django_db


def test_the_catalogue_marks_discipline_and_divorce_papers():
    flagged = set(DocumentType.objects.filter(confidential=True).values_list("code", flat=True))
    assert {"akta_cerai", "berita_acara_pemeriksaan"} <= flagged
    assert not DocumentType.objects.get(code="ktp").confidential


def test_fasilitator_sees_the_slot_not_the_document(users, upload, letter, api_client_for, client):
    dewi = Employee.objects.get(nip=DEMO_PEGAWAI_NIP)
    uploaded = upload(users["pegawai"], letter(dewi, "AKTA PERCERAIAN"), nip=dewi.nip, document_type="akta_cerai")
    assert uploaded.status_code == 201, uploaded.content
    document_id = uploaded.json()["id"]
    fasilitator, owner, admin = (api_client_for(users[u]) for u in ("fasilitator", "pegawai", "admin"))

    for path in (f"/api/v1/documents/{document_id}/", f"/api/v1/documents/{document_id}/content/",
                 f"/api/v1/documents/{document_id}/thumbnail/"):
        assert fasilitator.get(path).status_code == 404, path
    assert owner.get(f"/api/v1/documents/{document_id}/content/").status_code == 200
    assert admin.get(f"/api/v1/documents/{document_id}/content/").status_code == 200

    slots = {s["document_type"]: s for s in fasilitator.get(f"/api/v1/employees/{dewi.nip}/file/").json()}
    assert slots["akta_cerai"]["confidential"] and slots["akta_cerai"]["document"] is None
    assert slots["akta_cerai"]["status"]  # filled, and where it stands
    assert {s["document_type"]: s for s in admin.get(f"/api/v1/employees/{dewi.nip}/file/").json()
            }["akta_cerai"]["document"] == document_id

    listed = [d["id"] for d in fasilitator.get("/api/v1/documents/").json()["results"]]
    assert document_id not in listed
    assert document_id in [d["id"] for d in admin.get("/api/v1/documents/").json()["results"]]
    assert "PERCERAIAN" not in fasilitator.get("/api/v1/search/", {"q": "perceraian"}).content.decode()
    assert document_id not in [i["document"] for i in fasilitator.get("/api/v1/verification-queue/").json().get(
        "results", [])]
    client.force_login(users["fasilitator"])
    assert client.get(f"/verifikasi/{document_id}/").status_code == 404
    assert client.get(f"/dokumen/{document_id}/").status_code == 404
