"""POST /api/v1/page-detection/: the page's corners in a photo and how sure the finding is —
sure for a page on a dark desk, unsure for a white page on a white desk (the employee then
places the corners). The upload page polls GET /api/v1/documents/{id}/status/ for the verdict."""
import io
import random

import cv2
import numpy as np
import pytest

from tests.support.white_desk import white_desk_photo

pytestmark = pytest.mark.django_db


def _post(client, data: bytes, name="foto.jpg"):
    body = io.BytesIO(data)
    body.name = name
    return client.post("/api/v1/page-detection/", {"file": body}, format="multipart")


def test_white_page_on_white_desk_is_unsure(users, api_client_for):
    data, _, _ = white_desk_photo(seed=5)
    answer = _post(api_client_for(users["pegawai"]), data)
    assert answer.status_code == 200
    body = answer.json()
    assert body["found"] is False and body["confidence"] < 0.6
    assert (body["width"], body["height"]) == (2448, 3264)
    assert body["corners"] == [[0, 0], [2447, 0], [2447, 3263], [0, 3263]]


def test_page_on_a_dark_desk_is_found_near_its_true_corners(users, api_client_for):
    from tests.ocr.conftest import load_photo_maker

    image, _, _, _ = load_photo_maker().make_photo(random.Random(11), None)
    ok, jpeg = cv2.imencode(".jpg", image, [cv2.IMWRITE_JPEG_QUALITY, 88])
    answer = _post(api_client_for(users["pegawai"]), jpeg.tobytes()).json()
    assert answer["found"] is True and answer["confidence"] >= 0.6
    corners = np.array(answer["corners"])
    # a page's corners: top-left above and left of bottom-right, well inside the frame
    assert corners[0][0] < corners[2][0] and corners[0][1] < corners[2][1]
    assert corners.min() > 0 and corners[:, 0].max() < 2448


def test_a_pdf_or_no_login_is_refused(users, api_client_for, letter):
    from people.models import Employee

    pdf = letter(Employee.objects.first())
    answer = _post(api_client_for(users["pegawai"]), pdf, "surat.pdf")
    assert answer.status_code == 400 and "foto" in answer.json()["detail"]
    assert _post(api_client_for(None), pdf).status_code == 401


def test_status_endpoint_answers_status_and_verdict_without_an_audit_entry(users, api_client_for):
    from archive.models import AuditEvent
    from archive.services.demo import DEMO_PEGAWAI_NIP
    from documents.services.upload import document_upload
    from tests.security.conftest import tiny_png

    made = document_upload(uploader=users["pegawai"], employee_nip=DEMO_PEGAWAI_NIP, document_type_code="ktp",
                           stream=io.BytesIO(tiny_png(3)), filename="ktp.png")
    before = AuditEvent.objects.count()
    answer = api_client_for(users["pegawai"]).get(f"/api/v1/documents/{made.document.pk}/status/")
    assert answer.status_code == 200
    assert answer.json() == {"id": made.document.pk, "status": "received", "status_display": "Diterima",
                             "version": 1, "legibility": {}, "field_checks": {}, "error": {}, "progress": None}
    assert AuditEvent.objects.count() == before
    assert api_client_for(users["fasilitator"]).get(f"/api/v1/documents/{made.document.pk}/status/").status_code == 200
