"""The S3 server stops during an upload: 503 with a clear message, no orphan row;
after it restarts the same upload succeeds."""
import pytest

from documents.models import Document, DocumentVersion
from archive.services.demo import DEMO_PEGAWAI_NIP

pytestmark = [pytest.mark.services, pytest.mark.django_db]


def test_upload_with_storage_down_answers_503_and_records_nothing(s3_settings, seaweed, users, upload, corpus):
    content = (corpus / "scans-dev" / "scan_000.jpg").read_bytes()
    warm = upload(users["admin"], content, nip=DEMO_PEGAWAI_NIP, document_type="ktp")
    assert warm.status_code == 201  # the bucket exists and works

    other = (corpus / "scans-dev" / "scan_002.jpg").read_bytes()
    seaweed.stop()
    try:
        down = upload(users["admin"], other, nip=DEMO_PEGAWAI_NIP, document_type="ijazah")
        assert down.status_code == 503
        assert down.json()["code"] == "service_unavailable"
        assert "coba" in down.json()["detail"].lower()
        assert Document.objects.count() == 1 and DocumentVersion.objects.count() == 1
    finally:
        seaweed.restart()

    again = upload(users["admin"], other, nip=DEMO_PEGAWAI_NIP, document_type="ijazah")
    assert again.status_code == 201, again.content
    assert DocumentVersion.objects.count() == 2
