"""A scan the pipeline cannot process (a 1×1 image) ends `failed` with a message the employee can act on,
in Indonesian and without the library's internals (no OpenCV text), and the document is still found by
its metadata in search (issue 22)."""
import io

import pytest
from PIL import Image

pytestmark = pytest.mark.django_db


def _one_pixel_png() -> bytes:
    buffer = io.BytesIO()
    Image.new("L", (1, 1), 255).save(buffer, format="PNG")
    return buffer.getvalue()


@pytest.fixture
def failed_document(users, upload):
    employee = users["pegawai"].profile.employee
    answer = upload(users["pegawai"], _one_pixel_png(), nip=employee.nip, filename="titik.png")
    assert answer.status_code == 201, answer.content
    return answer.json()["id"], employee


def test_the_employee_reads_an_indonesian_message_without_internals(failed_document, users, api_client_for):
    document_id, _ = failed_document
    body = api_client_for(users["pegawai"]).get(f"/api/v1/documents/{document_id}/").json()
    assert body["status"] == "failed"
    message = body["error"]["message"]
    assert "berkas" in message.lower() or "dokumen" in message.lower()
    for internal in ("OpenCV", "cv2", "error:", "Error", "Traceback", "assertion", ".cpp"):
        assert internal not in message, message


def test_the_failed_document_is_still_found_by_its_metadata(failed_document, users, api_client_for):
    document_id, employee = failed_document
    body = api_client_for(users["admin"]).get(f"/api/v1/search/?employee={employee.nip}&status=failed").json()
    assert document_id in [hit["id"] for hit in body["results"]], body


def test_a_step_that_breaks_leaves_its_internals_in_the_staff_log_only(users, upload, api_client_for,
                                                                       django_capture_on_commit_callbacks):
    """When a step raises something unexpected, the task marks the version failed (archive.tasks): the
    employee reads the plain message, the library's words go to the processing log, and the index follows."""
    from documents import pipeline
    from documents.models import DocumentVersion
    from tests.support.letters import letter_pdf

    employee = users["pegawai"].profile.employee
    created = upload(users["pegawai"], letter_pdf(title="SURAT KEPUTUSAN", nip=employee.nip, nama=employee.nama),
                     nip=employee.nip)
    document_id = created.json()["id"]
    version = DocumentVersion.objects.get(document_id=document_id)
    internals = "error: OpenCV(5.0.0) /io/opencv/modules/core/src/arithm.cpp:1611: error: (-209:Sizes ...)"
    with django_capture_on_commit_callbacks(execute=True):
        pipeline.mark_failed(version.pk, internals)
    mine = api_client_for(users["pegawai"]).get(f"/api/v1/documents/{document_id}/").json()
    assert mine["status"] == "failed"
    assert "OpenCV" not in mine["error"]["message"] and "diproses" in mine["error"]["message"]
    staff = api_client_for(users["admin"]).get(f"/api/v1/documents/{document_id}/").json()
    assert any("OpenCV" in event["message"] for event in staff["processing_log"])
    found = api_client_for(users["admin"]).get(f"/api/v1/search/?employee={employee.nip}&status=failed").json()
    assert document_id in [hit["id"] for hit in found["results"]]
