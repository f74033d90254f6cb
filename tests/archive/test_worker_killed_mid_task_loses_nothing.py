"""SIGKILL the worker in the middle of processing: after a new worker starts, the
document still reaches its final state (acks_late + redelivery); nothing is lost."""
import io
import time

import pytest

from documents.models import DocumentVersion
from tests.support.worker import VISIBILITY_TIMEOUT

pytestmark = pytest.mark.services


def test_document_survives_a_killed_worker(live_pipeline, users, corpus, employee_of_scan, api_client_for):
    path = corpus / "scans-dev" / "scan_008.pdf"
    employee = employee_of_scan(path.name)
    body = {"file": io.BytesIO(path.read_bytes()), "employee": employee.nip, "document_type": "sk_pns"}
    body["file"].name = path.name
    response = api_client_for(users["admin"]).post("/api/v1/documents/", body, format="multipart")
    assert response.status_code == 201
    version = DocumentVersion.objects.get(document_id=response.json()["id"])

    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        version.refresh_from_db()
        if version.status == "processing":
            break
        time.sleep(0.05)
    assert version.status == "processing", "the worker never picked the document up"
    live_pipeline.kill()
    version.refresh_from_db()
    assert version.status == "processing"  # interrupted half way

    # A worker hands out unacknowledged tasks older than the visibility timeout when it starts.
    time.sleep(VISIBILITY_TIMEOUT + 1)
    live_pipeline.start()
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        version.refresh_from_db()
        if version.status not in ("received", "processing"):
            break
        time.sleep(0.5)
    assert version.status == "awaiting_verification", live_pipeline.tail()
    assert version.attempts >= 2  # it really ran again
    assert version.document.status == "awaiting_verification"
