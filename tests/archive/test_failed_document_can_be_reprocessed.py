"""A document whose processing failed can be re-run by an administrator, and only by one."""
import pytest

from documents.models import DocumentVersion
from archive.services.demo import DEMO_PEGAWAI_NIP

pytestmark = pytest.mark.django_db


def test_administrator_reruns_a_failed_document(users, upload, corpus, api_client_for,
                                                django_capture_on_commit_callbacks):
    content = (corpus / "real" / "invalid.pdf").read_bytes()
    document_id = upload(users["pegawai"], content, nip=DEMO_PEGAWAI_NIP, document_type="ktp").json()["id"]
    version = DocumentVersion.objects.get(document_id=document_id)
    assert version.status == "failed" and version.attempts == 1

    assert api_client_for(users["fasilitator"]).post(f"/api/v1/documents/{document_id}/reprocess/").status_code == 403
    with django_capture_on_commit_callbacks(execute=True):
        response = api_client_for(users["admin"]).post(f"/api/v1/documents/{document_id}/reprocess/")
    assert response.status_code == 202
    version.refresh_from_db()
    assert version.attempts == 2 and version.status == "failed"  # still unreadable, honestly
    assert [e.step for e in version.events.all()].count("reprocess") == 1
