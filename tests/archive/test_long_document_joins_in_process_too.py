"""The embedded default (no broker, tasks in process): a long scan still goes through the per-page tasks
and their join (the chord runs eagerly), and ends in one verdict with every page's result."""
import pytest

from people.models import Employee
from archive.services.demo import DEMO_PEGAWAI_NIP
from tests.support.long_documents import letter_pages, pages_pdf

pytestmark = pytest.mark.django_db


def test_a_three_page_scan_is_joined_in_process(users, upload, settings):
    assert settings.CELERY_TASK_ALWAYS_EAGER
    employee = Employee.objects.get(nip=DEMO_PEGAWAI_NIP)
    sent = upload(users["admin"], pages_pdf(letter_pages(employee, 3), oversized=(2,)), nip=employee.nip)
    assert sent.status_code == 201, sent.json()

    version = Employee.objects.get(pk=employee.pk).documents.get().versions.get()
    assert version.status == "needs_rescan"
    assert version.pages == 3
    assert [(r["code"], r["page"]) for r in version.legibility["reasons"]] == [("page_unreadable", 2)]
    assert "Halaman 3" in version.text and version.field_checks["nip"] == "match"
    assert sorted(version.page_verdicts) == ["1", "2", "3"]
    assert version.events.filter(step="ocr_page").count() == 3
    assert version.events.filter(step="finish", outcome="ok").exists()


def test_a_one_page_scan_is_read_in_one_task(users, upload, letter):
    employee = Employee.objects.get(nip=DEMO_PEGAWAI_NIP)
    sent = upload(users["admin"], letter(employee), nip=employee.nip)
    version = Employee.objects.get(pk=employee.pk).documents.get().versions.get()
    assert sent.status_code == 201 and version.status == "awaiting_verification"
    assert version.page_verdicts == {} and not version.events.filter(step="ocr_page").exists()
