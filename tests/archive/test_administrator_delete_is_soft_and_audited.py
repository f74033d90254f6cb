"""An administrator's delete hides the document but keeps every byte, and is audited;
no one else may delete."""
import pytest

from archive.models import AuditEvent
from documents.models import Document
from archive.services.demo import DEMO_PEGAWAI_NIP
from documents.services.upload import version_content

pytestmark = pytest.mark.django_db


def test_soft_delete_keeps_the_bytes(users, upload, corpus, api_client_for):
    content = (corpus / "scans-dev" / "scan_000.jpg").read_bytes()
    document_id = upload(users["pegawai"], content, nip=DEMO_PEGAWAI_NIP, document_type="ktp").json()["id"]

    assert api_client_for(users["fasilitator"]).delete(
        f"/api/v1/documents/{document_id}/", {"reason": "salah unggah"}, format="json").status_code == 403
    assert api_client_for(users["pegawai"]).delete(
        f"/api/v1/documents/{document_id}/", {"reason": "salah unggah"}, format="json").status_code == 403

    admin = api_client_for(users["admin"])
    assert admin.delete(f"/api/v1/documents/{document_id}/", {}, format="json").status_code == 400
    assert admin.delete(f"/api/v1/documents/{document_id}/", {"reason": "dokumen ganda"},
                        format="json").status_code == 204
    assert admin.get(f"/api/v1/documents/{document_id}/").status_code == 404

    document = Document.objects.get(pk=document_id)
    assert document.deleted_at is not None
    assert version_content(document.versions.get()) == content
    event = AuditEvent.objects.get(action="document.delete")
    assert event.details["reason"] == "dokumen ganda" and event.actor == users["admin"]


def test_slot_is_free_again_after_a_delete(users, upload, corpus, api_client_for):
    content = (corpus / "scans-dev" / "scan_000.jpg").read_bytes()
    first = upload(users["admin"], content, nip=DEMO_PEGAWAI_NIP, document_type="npwp").json()["id"]
    api_client_for(users["admin"]).delete(f"/api/v1/documents/{first}/", {"reason": "x"}, format="json")
    other = (corpus / "scans-dev" / "scan_002.jpg").read_bytes()
    second = upload(users["admin"], other, nip=DEMO_PEGAWAI_NIP, document_type="npwp")
    assert second.status_code == 201 and second.json()["id"] != first
