"""The public verify pages (QR target and upload-to-verify), no login: the status stands out in words
anyone understands, in Indonesian by default and in English when chosen; a wrong file is explained
beside the file field; nothing beyond what is printed on the document is shown."""
import io
import re

import pytest

from issuing.models import IssuedDocument
from archive.services.demo import DEMO_PEGAWAI_NIP

pytestmark = pytest.mark.django_db


@pytest.fixture
def decree(issue):
    response = issue()
    assert response.status_code == 201
    return IssuedDocument.objects.get(pk=response.json()["id"])


def test_qr_target_in_indonesian_and_english(client, decree):
    page = client.get(f"/verify/{decree.token}", HTTP_ACCEPT_LANGUAGE="id").content.decode()
    assert 'class="status-banner ok"' in page and "Sah: dokumen ini diterbitkan BKD dan masih berlaku." in page
    assert DEMO_PEGAWAI_NIP not in page  # the NIP is shown masked
    client.cookies["django_language"] = "en"  # the user's choice (the header's switch)
    english = client.get(f"/verify/{decree.token}", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Valid: this document was issued by BKD and is in force." in english and 'lang="en"' in english


def test_unknown_code_says_so(client):
    response = client.get("/verify/tidak-ada", HTTP_ACCEPT_LANGUAGE="id")
    assert response.status_code == 404
    assert 'data-status="unknown"' in response.content.decode() and 'role="alert"' in response.content.decode()


def test_upload_to_verify_explains_a_wrong_file_beside_the_field(client):
    upload = io.BytesIO(b"bukan pdf")
    upload.name = "foto.jpg"
    response = client.post("/verify/", {"file": upload}, HTTP_ACCEPT_LANGUAGE="id")
    assert response.status_code == 400
    page = response.content.decode()
    assert 'id="file-error"' in page and 'aria-describedby="file-error"' in page and "bukan PDF" in page


def test_upload_to_verify_answers_for_the_issued_pdf(client, decree):
    from issuing.services.issuing import issued_content

    upload = io.BytesIO(issued_content(decree))
    upload.name = "sk.pdf"
    client.cookies["django_language"] = "en"
    page = client.post("/verify/", {"file": upload}, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'data-status="current"' in page and "Authentic and in force." in page
    assert decree.number in page and "Signatures in the file" in page
    assert re.search(r"\d{1,2} \w+ \d{4} at \d{2}:\d{2} WIB</time>", page)  # signed when, in WIB with its zone
