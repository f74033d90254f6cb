"""A genuine decree with bytes appended after its end is not "never issued here": the signed content is
unchanged, the file is not. /api/v1/verify/ answers `appended` (authentic false) and names the document;
the upload page says so in words (issue 22). pyHanko's coverage tells it apart: the last signature covers
its revision, not the whole file."""
import io

import pytest

pytestmark = pytest.mark.django_db


def _verify(client, pdf: bytes) -> dict:
    upload = io.BytesIO(pdf)
    upload.name = "dokumen.pdf"
    return client.post("/api/v1/verify/", {"file": upload}, format="multipart").json()


@pytest.fixture
def signed_pdf(issue, users, api_client_for):
    issued = issue().json()
    return issued, api_client_for(users["admin"]).get(f"/api/v1/issued-documents/{issued['id']}/content/").content


def test_appended_bytes_answer_appended_with_the_document(signed_pdf, api_client_for):
    issued, pdf = signed_pdf
    answer = _verify(api_client_for(None), pdf + b"\n% added later\n" + b"x" * 500)
    assert answer["status"] == "appended" and answer["authentic"] is False
    assert answer["document"]["number"] == issued["number"]
    assert answer["signatures"][-1]["coverage"] != "ENTIRE_FILE"


def test_a_changed_byte_inside_the_signed_part_is_still_modified(signed_pdf, api_client_for):
    _, pdf = signed_pdf
    tampered = bytearray(pdf + b"\n% added later\n")
    tampered[len(pdf) // 3] ^= 0x01
    assert _verify(api_client_for(None), bytes(tampered))["status"] in ("modified", "unknown")


def test_the_upload_page_says_signed_content_unchanged(signed_pdf, client):
    _, pdf = signed_pdf
    upload = io.BytesIO(pdf + b"\n%%EOF junk")
    upload.name = "dokumen.pdf"
    page = client.post("/verify/", {"file": upload}).content.decode()
    assert 'data-status="appended"' in page
    assert "Isi yang ditandatangani tidak berubah" in page
