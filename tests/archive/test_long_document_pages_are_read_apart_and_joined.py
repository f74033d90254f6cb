"""A long scan is read one task per page by the real worker (Redis, a separate Celery process) and the
pages are joined into one verdict (a chord). One page that cannot be read (an embedded image far past the
pixel limit) does not lose the others: their text, fields and verdicts are all in the joined result, and
the bad page is named as the reason to rescan."""
import io
import time

import pytest

from documents.models import FINAL_STATUSES, Document
from people.models import Employee
from archive.services.demo import DEMO_PEGAWAI_NIP
from tests.support.long_documents import letter_pages, pages_pdf

pytestmark = pytest.mark.services


def _wait_final(document_id, timeout=240):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        document = Document.objects.get(pk=document_id)
        if document.status in FINAL_STATUSES:
            return document
        time.sleep(0.3)
    raise AssertionError(f"document {document_id} not final after {timeout}s: {document.status}")


def _send(client, pdf: bytes, nip: str) -> int:
    body = {"file": io.BytesIO(pdf), "employee": nip, "document_type": "sk_kenaikan_pangkat"}
    body["file"].name = "panjang.pdf"
    sent = client.post("/api/v1/documents/", body, format="multipart")
    assert sent.status_code == 201, sent.content
    return sent.json()["id"]


def test_pages_are_read_by_their_own_tasks_and_joined(live_pipeline, users, api_client_for):
    employee = Employee.objects.get(nip=DEMO_PEGAWAI_NIP)
    client = api_client_for(users["admin"])
    document_id = _send(client, pages_pdf(letter_pages(employee, 4)), employee.nip)

    document = _wait_final(document_id)
    version = document.versions.get()
    assert document.status == "awaiting_verification", version.legibility
    assert version.pages == 4
    for n in range(2, 5):  # every page's words are in the joined text, in page order
        assert f"Halaman {n}" in version.text
    assert version.text.index("Halaman 2") < version.text.index("Halaman 3") < version.text.index("Halaman 4")
    assert employee.nip in [nip.replace(" ", "") for nip in version.fields.get("nip", [])]
    assert version.field_checks["nip"] == "match"
    pages_read = version.events.filter(step="ocr_page")
    assert sorted(int(e.message.split(":")[0].split()[1]) for e in pages_read) == [1, 2, 3, 4]
    assert set(version.page_verdicts) == {"1", "2", "3", "4"}
    assert all(v["legible"] for v in version.page_verdicts.values())
    log = live_pipeline.tail(200_000)
    assert log.count("documents.tasks.read_page[") >= 4 and "documents.tasks.finish_reading[" in log

    status = client.get(f"/api/v1/documents/{document_id}/status/").json()
    assert status["progress"]["pages"] == 4 and status["progress"]["pages_read"] == 4
    assert status["progress"]["first_page"]["legible"] is True


def test_a_page_that_cannot_be_read_keeps_the_others(live_pipeline, users, api_client_for):
    employee = Employee.objects.get(nip=DEMO_PEGAWAI_NIP)
    client = api_client_for(users["admin"])
    document_id = _send(client, pages_pdf(letter_pages(employee, 4), oversized=(3,)), employee.nip)

    document = _wait_final(document_id)
    version = document.versions.get()
    assert document.status == "needs_rescan", (document.status, version.error)
    assert version.pages == 4
    reasons = version.legibility["reasons"]
    assert [(r["code"], r["page"]) for r in reasons] == [("page_unreadable", 3)], reasons
    for n in (2, 4):  # the pages around the bad one are read and kept
        assert f"Halaman {n}" in version.text
    assert "Halaman 3" not in version.text
    assert version.field_checks["nip"] == "match"
    assert version.page_verdicts["3"]["legible"] is False
    assert all(version.page_verdicts[n]["legible"] for n in ("1", "2", "4"))
    failed = version.events.get(step="ocr_page", outcome="failed")
    assert failed.message.startswith("page 3:") and "too_many_pixels" in failed.message
