"""POST /api/v1/verify/ and the QR page tell the truth about a PDF: current, superseded,
revoked, modified after signing, or never issued here."""
import io

import pytest

pytestmark = pytest.mark.django_db


def _verify(client, pdf: bytes) -> dict:
    upload = io.BytesIO(pdf)
    upload.name = "dokumen.pdf"
    response = client.post("/api/v1/verify/", {"file": upload}, format="multipart")
    assert response.status_code == 200, response.content
    return response.json()


def test_flipping_one_byte_answers_modified(issue, users, api_client_for, client):
    issued = issue().json()
    pdf = api_client_for(users["admin"]).get(f"/api/v1/issued-documents/{issued['id']}/content/").content
    anonymous = api_client_for(None)

    genuine = _verify(anonymous, pdf)
    assert genuine["status"] == "current" and genuine["authentic"] is True
    assert genuine["document"]["number"] == issued["number"]
    assert "*" in genuine["document"]["nip"]  # masked

    position = pdf.index(b"/Title") if b"/Title" in pdf else len(pdf) // 3
    tampered = bytearray(pdf)
    tampered[position + 8] ^= 0x01
    answer = _verify(anonymous, bytes(tampered))
    assert answer["status"] == "modified" and answer["authentic"] is False


def test_a_pdf_never_issued_here_is_unknown(api_client_for, demo):
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    page = canvas.Canvas(buffer)
    page.drawString(72, 720, "SURAT KEPUTUSAN PALSU")
    page.save()
    answer = _verify(api_client_for(None), buffer.getvalue())
    assert answer["status"] == "unknown" and answer["authentic"] is False and answer["document"] is None


def test_not_a_pdf_is_refused(api_client_for, demo):
    upload = io.BytesIO(b"<html>bukan pdf</html>")
    upload.name = "x.pdf"
    response = api_client_for(None).post("/api/v1/verify/", {"file": upload}, format="multipart")
    assert response.status_code == 415 and response.json()["code"] == "unsupported_file_type"


def test_reissue_and_revoke_change_what_the_verify_page_says(issue, users, api_client_for, client,
                                                             django_capture_on_commit_callbacks):
    admin = api_client_for(users["admin"])
    first = issue().json()
    token = first["verify_url"].rsplit("/", 1)[1]
    page = client.get(f"/verify/{token}")
    assert page.status_code == 200 and 'data-status="current"' in page.content.decode()
    assert users["pegawai"].profile.employee.nama in page.content.decode()
    assert users["pegawai"].profile.employee.nip not in page.content.decode()  # only the masked NIP

    with django_capture_on_commit_callbacks(execute=True):
        second = admin.post(f"/api/v1/issued-documents/{first['id']}/reissue/",
                            {"fields": {"pangkat_baru": "Penata Tingkat I, III/d", "tmt": "2026-05-01"}},  # TMT corrected
                            format="json").json()
    assert second["version"] == 2 and second["number"] == first["number"]
    assert 'data-status="superseded"' in client.get(f"/verify/{token}").content.decode()
    old_pdf = admin.get(f"/api/v1/issued-documents/{first['id']}/content/").content
    assert _verify(api_client_for(None), old_pdf)["status"] == "superseded"

    assert admin.post(f"/api/v1/issued-documents/{second['id']}/revoke/", {}, format="json").status_code == 400
    with django_capture_on_commit_callbacks(execute=True):
        revoked = admin.post(f"/api/v1/issued-documents/{second['id']}/revoke/",
                             {"reason": "Salah golongan"}, format="json")
    assert revoked.status_code == 200 and revoked.json()["status"] == "revoked"
    second_token = second["verify_url"].rsplit("/", 1)[1]
    page = client.get(f"/verify/{second_token}").content.decode()
    assert 'data-status="revoked"' in page and "Salah golongan" in page
    assert client.get("/verify/tidak-ada-token").status_code == 404
