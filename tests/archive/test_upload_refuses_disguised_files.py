"""The type is decided from the bytes: disguised files get 415 naming what they are; nothing is stored."""
import pytest

from documents.models import Document, DocumentVersion
from archive.services.demo import DEMO_PEGAWAI_NIP

pytestmark = pytest.mark.django_db

HTML = b"<!DOCTYPE html><html><body><script>alert(1)</script>SK Pangkat</body></html>"
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 200


@pytest.mark.parametrize("content, filename, found", [
    (HTML, "sk_pangkat.pdf", "HTML"),
    (EXE, "ktp.jpg", "EXE"),
    (b"PK\x03\x04" + b"\x00" * 100, "ijazah.png", "ZIP"),
    (b"", "kosong.pdf", "empty"),
])
def test_disguised_file_is_refused_with_415(users, upload, content, filename, found):
    response = upload(users["pegawai"], content, nip=DEMO_PEGAWAI_NIP, filename=filename)
    assert response.status_code == 415, response.content
    body = response.json()
    assert body["code"] == "unsupported_file_type"
    assert found.lower() in (body["detail"] + body["message_en"]).lower()
    assert "PDF, JPEG, PNG, TIFF" in body["detail"]
    assert not Document.objects.exists() and not DocumentVersion.objects.exists()


def test_declared_content_type_is_ignored(users, api_client_for):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = api_client_for(users["pegawai"])
    fake = SimpleUploadedFile("scan.pdf", HTML, content_type="application/pdf")
    response = client.post("/api/v1/documents/", {"file": fake, "employee": DEMO_PEGAWAI_NIP,
                                                  "document_type": "ktp"}, format="multipart")
    assert response.status_code == 415
