"""The QR code's page shows the decree's substance — each field with its label, as printed — and the
first page rendered from the signed PDF, and tells the reader plainly to compare it with the paper in
their hand: a forged letter carrying a genuine QR code no longer passes a glance (issue 22)."""
import io

import pytest
from PIL import Image

pytestmark = pytest.mark.django_db


def test_the_page_lists_the_new_rank_and_tmt_and_asks_to_compare(issue, client):
    issued = issue(fields={"pangkat_baru": "Penata Tingkat I, III/d", "tmt": "2026-04-01"}).json()
    token = issued["verify_url"].rsplit("/", 1)[1]
    page = client.get(f"/verify/{token}").content.decode()
    assert "Pangkat/golongan baru" in page and "Penata Tingkat I, III/d" in page
    assert "Terhitung mulai tanggal (TMT)" in page and "1 April 2026" in page
    assert "Bandingkan dengan kertas di tangan Anda" in page
    assert f"/verify/{token}/halaman-1.jpg" in page


def test_the_page_image_is_the_first_page_of_the_signed_pdf(issue, client):
    issued = issue().json()
    token = issued["verify_url"].rsplit("/", 1)[1]
    answer = client.get(f"/verify/{token}/halaman-1.jpg")
    assert answer.status_code == 200 and answer["Content-Type"] == "image/jpeg"
    image = Image.open(io.BytesIO(answer.content))
    assert image.height > image.width > 500  # an A4 page, large enough to read
    assert client.get("/verify/tidak-ada/halaman-1.jpg").status_code == 404


def test_the_api_answer_carries_the_same_substance(issue, users, api_client_for):
    issued = issue(fields={"pangkat_baru": "Penata Tingkat I, III/d", "tmt": "2026-04-01"}).json()
    pdf = api_client_for(users["admin"]).get(f"/api/v1/issued-documents/{issued['id']}/content/").content
    upload = io.BytesIO(pdf)
    upload.name = "sk.pdf"
    body = api_client_for(None).post("/api/v1/verify/", {"file": upload}, format="multipart").json()
    assert {"label": "Pangkat/golongan baru", "value": "Penata Tingkat I, III/d"} in body["document"]["fields"]
    assert {"label": "Terhitung mulai tanggal (TMT)", "value": "1 April 2026"} in body["document"]["fields"]
