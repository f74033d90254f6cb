"""The upload page is a plain form first: it stores the file and shows the document, or says beside
the field what to do. The enhanced page (drag-and-drop, camera, corners, progress) is built on it."""
import io

import pytest

from tests.security.conftest import tiny_png

pytestmark = pytest.mark.django_db


def test_page_offers_picker_camera_and_corner_editor(users, client):
    client.force_login(users["pegawai"])
    html = client.get("/dokumen/unggah/?document_type=ijazah").content.decode()
    assert 'capture="environment"' in html and "Ambil foto" in html and "Pilih berkas" in html
    assert '<option value="ijazah" selected>' in html
    assert 'name="corners"' in html and "js/upload.js" in html
    assert "<select id=\"employee\"" not in html  # an employee uploads to their own file only


def test_plain_post_stores_and_shows_the_document(users, client):
    from documents.models import Document
    from archive.services.demo import DEMO_PEGAWAI_NIP

    client.force_login(users["pegawai"])
    body = io.BytesIO(tiny_png(7))
    body.name = "ktp.png"
    response = client.post("/dokumen/unggah/", {"employee": DEMO_PEGAWAI_NIP, "document_type": "ktp", "file": body,
                                                "corners": ""})
    document = Document.objects.get(employee__nip=DEMO_PEGAWAI_NIP, document_type__code="ktp")
    assert response.status_code == 302 and response["Location"] == f"/dokumen/{document.pk}/"


def test_errors_are_shown_beside_the_file_field(users, client):
    from archive.services.demo import DEMO_PEGAWAI_NIP

    client.force_login(users["pegawai"])
    response = client.post("/dokumen/unggah/", {"employee": DEMO_PEGAWAI_NIP, "document_type": "ktp"})
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="file-error" class="error" role="alert">Pilih berkas yang akan diunggah, atau ambil foto' in html
    body = io.BytesIO(b"MZ\x90\x00 not a document")
    body.name = "virus.exe"
    html = client.post("/dokumen/unggah/", {"employee": DEMO_PEGAWAI_NIP, "document_type": "ktp",
                                            "file": body}).content.decode()
    assert 'id="file-error" class="error" role="alert">' in html and 'aria-invalid="true"' in html
