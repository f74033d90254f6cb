"""One fasilitator's scanned stack must not starve everyone else's single scans: what the stack files is
read on its own queue (`intake`), which the worker takes turns with `ocr`. With one real worker process
and eight one-page documents of a stack already waiting, a single scan sent afterwards is read before the
stack's documents are all read (an order of events, not a time). On one shared queue it would be read
last: the test fails so when the stack's documents are sent to `ocr`."""
import io
import time

import pytest

from documents.models import FINAL_STATUSES, Document, ProcessingEvent
from people.models import Employee, Unit
from archive.services.demo import DEMO_PEGAWAI_NIP
from people.services.employees import employee_create
from intake.models import IntakeBatch
from tests.support.letters import letter_pdf
from tests.support.long_documents import letter_pages

pytestmark = pytest.mark.services
TYPES = ("ktp", "ijazah", "sk_kenaikan_pangkat")


def _wait(predicate, what, timeout=300):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if value := predicate():
            return value
        time.sleep(0.2)
    raise AssertionError(f"{what} did not happen in {timeout}s")


def test_single_scan_is_read_before_the_stack_is(live_pipeline, users, api_client_for, stack_tools):
    unit = Unit.objects.get(code="DINKES-YANKES")
    people = [Employee.objects.get(nip=DEMO_PEGAWAI_NIP),
              employee_create(nip="199002142015032001", nama="Rina Maharani", unit=unit, golongan="III/b"),
              employee_create(nip="198807082012031002", nama="Joko Prasetyo", unit=unit, golongan="III/c")]
    admin = api_client_for(users["admin"])
    pages = []
    for employee in people:
        for kind in TYPES:
            if len(pages) == 8 * 2:
                break
            sheet = admin.get("/api/v1/separator-sheets/", {"employee": employee.nip, "document_type": kind})
            assert sheet.status_code == 200, sheet.content[:300]
            pages += [stack_tools["sheet_image"](sheet.content), *letter_pages(employee, 1, title=f"BERKAS {kind.upper()}")]
    body = {"file": io.BytesIO(stack_tools["stack_pdf"](pages))}
    body["file"].name = "tumpukan-besar.pdf"
    sent = api_client_for(users["fasilitator"]).post("/api/v1/intake-batches/", body, format="multipart")
    assert sent.status_code == 201, sent.content
    batch = _wait(lambda: IntakeBatch.objects.filter(pk=sent.json()["id"], status="done").first(), "the split")
    stack_documents = list(batch.parts.filter(status="filed").values_list("document_id", flat=True))
    assert len(stack_documents) == 8

    # the stack's eight documents wait on the queue; now someone sends one scan
    single = letter_pdf(title="SURAT KEPUTUSAN", nip=people[0].nip, nama=people[0].nama)
    body = {"file": io.BytesIO(single), "employee": people[0].nip, "document_type": "spmt"}
    body["file"].name = "satu.pdf"
    one = admin.post("/api/v1/documents/", body, format="multipart")
    assert one.status_code == 201, one.content

    _wait(lambda: not Document.objects.filter(pk__in=[*stack_documents, one.json()["id"]])
          .exclude(status__in=FINAL_STATUSES).exists(), "reading everything")
    finished = dict(ProcessingEvent.objects.filter(step="finish", outcome="ok", version__document__in=[
        *stack_documents, one.json()["id"]]).values_list("version__document_id", "id"))
    single_done = finished[one.json()["id"]]
    after_single = [d for d in stack_documents if finished[d] > single_done]
    # a single queue would read the single scan after all eight; taking turns, after at most one or two
    assert len(after_single) >= 6, f"only {len(after_single)} of the stack's documents were read after the single scan"
