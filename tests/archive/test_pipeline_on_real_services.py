"""With Redis, a separate Celery worker process, PostgreSQL and SeaweedFS: scans uploaded
through the API all reach a final state — legible ones awaiting verification,
illegible ones needing a rescan."""
import io
import time

import pytest

from documents.models import FINAL_STATUSES, Document

pytestmark = pytest.mark.services
SCANS = [f"scan_{i:03d}" for i in range(20)]


def wait_for_final(document_ids, timeout=240):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        statuses = dict(Document.objects.filter(pk__in=document_ids).values_list("pk", "status"))
        if all(s in FINAL_STATUSES for s in statuses.values()):
            return statuses
        time.sleep(0.5)
    raise AssertionError(f"not final after {timeout}s: {statuses}")


def _post(client, path, employee_nip):
    body = {"file": io.BytesIO(path.read_bytes()), "employee": employee_nip, "document_type": "sk_kenaikan_pangkat"}
    body["file"].name = path.name
    return client.post("/api/v1/documents/", body, format="multipart")


def test_twenty_scans_reach_the_state_their_label_says(live_pipeline, users, corpus, scan_labels,
                                                       employee_of_scan, api_client_for):
    client = api_client_for(users["admin"])
    uploaded = {}
    for stem in SCANS:
        path = next((corpus / "scans-dev").glob(f"{stem}.*"))
        employee = employee_of_scan(path.name)
        response = _post(client, path, employee.nip)
        assert response.status_code == 201, response.content
        uploaded[response.json()["id"]] = scan_labels[path.name]["label"]

    statuses = wait_for_final(list(uploaded))
    expected = {doc_id: "awaiting_verification" if label == "legible" else "needs_rescan"
                for doc_id, label in uploaded.items()}
    wrong = {doc_id: (statuses[doc_id], expected[doc_id]) for doc_id in uploaded if statuses[doc_id] != expected[doc_id]}
    assert not wrong, f"documents in the wrong final state (got, expected): {wrong}"
    assert "failed" not in statuses.values()
