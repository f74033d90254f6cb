"""A scanned stack (16 pages: 2 documents without a separator sheet, then 4 behind sheets, of 3 employees,
the last sheet naming an employee outside the sender's units) sent through the API and through the scanner's
drop folder: the parts with sheets land in their slots; the two without are proposed with the right
employee and type (the classifier learnt from the verified documents made here) and filed; the part
for an employee outside the fasilitator's units waits, unfiled, and is assigned by hand."""
import io

import pytest
from django.test import override_settings

from documents.models import Document
from people.models import Employee, Unit
from archive.services.demo import DEMO_PEGAWAI_NIP
from people.services.employees import employee_create
from intake.models import IntakeBatch
from intake.services import classifier_retrain, intake_folder_scan

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(demo):
    unit = Unit.objects.get(code="DINKES-YANKES")
    dewi = Employee.objects.get(nip=DEMO_PEGAWAI_NIP)
    rina = employee_create(nip="199002142015032001", nama="Rina Maharani", unit=unit, golongan="III/b")
    joko = employee_create(nip="198807082012031002", nama="Joko Prasetyo", unit=unit, golongan="III/c")
    outsider = employee_create(nip="199105052016031003", nama="Agus Setiawan", unit=Unit.objects.get(code="BKD-MUT"))
    return {"dewi": dewi, "rina": rina, "joko": joko, "outsider": outsider}


@pytest.fixture
def trained(people, users, upload, api_client_for, stack_tools):
    """Verified documents of three types (their text layer is what the classifier learns from)."""
    from tests.support.letters import letter_pdf

    fasilitator = api_client_for(users["fasilitator"])
    for employee in (people["dewi"], people["rina"], people["joko"]):
        for kind, lines in stack_tools["body"].items():
            pdf = letter_pdf(title=lines[0], nip=employee.nip, nama=employee.nama, extra=" ".join(lines[1:]))
            made = upload(users["admin"], pdf, nip=employee.nip, document_type=kind)
            assert made.status_code == 201, made.json()
            assert fasilitator.post(f"/api/v1/documents/{made.json()['id']}/verification/",
                                    {"decision": "verified"}, format="json").status_code == 201
    return classifier_retrain()


def _stack(client, people, tools) -> bytes:
    def sheet(employee, kind):
        answer = client.get("/api/v1/separator-sheets/", {"employee": employee.nip, "document_type": kind})
        assert answer.status_code == 200, answer.content[:300]
        return tools["sheet_image"](answer.content)

    # two documents with no sheet, first in the stack (after a sheet, every page belongs to it until the
    # next sheet): read, and proposed
    pages = [*tools["document_pages"]("ijazah", people["rina"], 2),
             *tools["document_pages"]("sk_kenaikan_pangkat", people["joko"], 2)]
    pages += [sheet(people["dewi"], "ktp"), *tools["document_pages"]("ktp", people["dewi"], 2)]
    pages += [sheet(people["rina"], "sk_kenaikan_pangkat"), *tools["document_pages"]("sk_kenaikan_pangkat",
                                                                                      people["rina"], 3)]
    pages += [sheet(people["joko"], "ijazah"), *tools["document_pages"]("ijazah", people["joko"], 2)]
    pages += [sheet(people["outsider"], "ktp"), *tools["document_pages"]("ktp", people["outsider"], 1)]
    return tools["stack_pdf"](pages)


def _slot(employee, kind):
    return Document.objects.filter(employee=employee, document_type__code=kind, deleted_at__isnull=True).first()


def test_stack_through_the_api(people, trained, users, api_client_for, stack_tools,
                               django_capture_on_commit_callbacks):
    assert trained.startswith("trained on 9 documents of 3 types"), trained
    admin_client = api_client_for(users["admin"])
    stack = _stack(admin_client, people, stack_tools)
    fasilitator = api_client_for(users["fasilitator"])
    before = {k: Document.objects.filter(employee=people[k]).count() for k in people}
    body = {"file": io.BytesIO(stack)}
    body["file"].name = "tumpukan.pdf"
    with django_capture_on_commit_callbacks(execute=True):
        sent = fasilitator.post("/api/v1/intake-batches/", body, format="multipart")
    assert sent.status_code == 201, sent.json()
    batch = fasilitator.get(f"/api/v1/intake-batches/{sent.json()['id']}/").json()
    assert batch["status"] == "done" and batch["pages"] == 16 and batch["pages_read"] == 16
    sheets = [p for p in batch["parts"] if p["source"] == "separator"]
    assert [(p["pages"], p["status"]) for p in sheets] == [([6, 7], "filed"), ([9, 11], "filed"),
                                                          ([13, 14], "filed"), ([16, 16], "review")]
    proposed = [p for p in batch["parts"] if p["source"] == "proposed"]
    assert [(p["pages"], p["employee"]["nip"], p["document_type"], p["status"]) for p in proposed] == [
        ([1, 2], people["rina"].nip, "ijazah", "filed"), ([3, 4], people["joko"].nip, "sk_kenaikan_pangkat", "filed")]
    assert all(p["confidence"] >= 0.8 for p in proposed)
    # Filed into the right slots, as new versions that the normal pipeline reads.
    for employee, kind in (("dewi", "ktp"), ("rina", "sk_kenaikan_pangkat"), ("joko", "ijazah"), ("rina", "ijazah"),
                           ("joko", "sk_kenaikan_pangkat")):
        document = _slot(people[employee], kind)
        assert document.versions.count() == 2 and document.versions.last().pages in (2, 3), (employee, kind)
    # Nothing outside the fasilitator's units was filed; the waiting part says why.
    waiting = sheets[-1]
    assert "tidak termasuk unit" in waiting["reason"] or "not in your units" in waiting["reason"]
    assert Document.objects.filter(employee=people["outsider"]).count() == before["outsider"]
    refused = fasilitator.post(f"/api/v1/intake-batches/{batch['id']}/parts/{waiting['index']}/assign/",
                               {"employee": people["outsider"].nip, "document_type": "ktp"}, format="json")
    assert refused.status_code == 400
    with django_capture_on_commit_callbacks(execute=True):
        assigned = admin_client.post(f"/api/v1/intake-batches/{batch['id']}/parts/{waiting['index']}/assign/",
                                     {"employee": people["outsider"].nip, "document_type": "ktp"}, format="json")
    assert assigned.status_code == 200 and assigned.json()["status"] == "filed"
    assert _slot(people["outsider"], "ktp") is not None
    assert api_client_for(users["pegawai"]).post("/api/v1/intake-batches/", {}, format="multipart").status_code == 403


def test_stack_through_the_drop_folder(people, trained, users, api_client_for, stack_tools, tmp_path,
                                       django_capture_on_commit_callbacks):
    stack = _stack(api_client_for(users["admin"]), people, stack_tools)
    (tmp_path / "drop").mkdir()
    (tmp_path / "drop" / "scanner-001.pdf").write_bytes(stack)
    (tmp_path / "drop" / "rusak.pdf").write_bytes(b"%PDF-1.7 rusak")
    with override_settings(INTAKE_DIR=str(tmp_path / "drop"), INTAKE_USER="fasilitator"):
        with django_capture_on_commit_callbacks(execute=True):
            assert intake_folder_scan() == 2
    batches = {b.original_filename: b for b in IntakeBatch.objects.all()}
    assert batches["scanner-001.pdf"].status == "done" and batches["scanner-001.pdf"].parts.filter(
        status="filed").count() == 5
    assert batches["rusak.pdf"].status == "failed" and "rusak" in batches["rusak.pdf"].error
    moved = sorted(p.name for p in (tmp_path / "drop" / "diproses").iterdir())
    assert len(moved) == 2 and not any((tmp_path / "drop").glob("*.pdf"))  # moved aside, never deleted
