"""While the pages of a long scan are still being read (real worker, one task per page), the status the
upload page polls already carries the first page's legibility verdict; the document is not final yet."""
import io
import time

import pytest

from documents.models import FINAL_STATUSES
from people.models import Employee
from archive.services.demo import DEMO_PEGAWAI_NIP
from tests.support.long_documents import letter_pages, pages_pdf

pytestmark = pytest.mark.services


def test_first_page_verdict_is_in_the_status_while_processing(live_pipeline, users, api_client_for):
    employee = Employee.objects.get(nip=DEMO_PEGAWAI_NIP)
    client = api_client_for(users["admin"])
    body = {"file": io.BytesIO(pages_pdf(letter_pages(employee, 6))), "employee": employee.nip,
            "document_type": "sk_kenaikan_pangkat"}
    body["file"].name = "enam-halaman.pdf"
    sent = client.post("/api/v1/documents/", body, format="multipart")
    assert sent.status_code == 201, sent.content

    seen_early, answers = None, []
    deadline = time.monotonic() + 240
    while time.monotonic() < deadline:
        answer = client.get(f"/api/v1/documents/{sent.json()['id']}/status/").json()
        answers.append((answer["status"], answer["progress"] and answer["progress"]["pages_read"]))
        if answer["status"] == "processing" and answer["progress"] and answer["progress"]["first_page"]:
            seen_early = seen_early or answer
        if answer["status"] in FINAL_STATUSES:
            break
        time.sleep(0.1)
    assert answer["status"] == "awaiting_verification", answers[-5:]
    assert seen_early is not None, f"the first page's verdict never showed while processing: {sorted(set(answers))}"
    assert seen_early["progress"]["pages"] == 6 and seen_early["progress"]["pages_read"] < 6
    assert seen_early["progress"]["first_page"]["legible"] is True
    assert seen_early["progress"]["first_page"]["score"] >= 50
