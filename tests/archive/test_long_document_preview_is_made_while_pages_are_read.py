"""The first page's task of a long scan makes the preview (thumbnail and perceptual hash) while the other
pages are still being read; the join takes it and does not render the first page again. When that task
made none (its page could not be read), the join makes it as before."""
import traceback

import pytest

from documents import pipeline, previews
from people.models import Employee
from archive.services.demo import DEMO_PEGAWAI_NIP
from tests.support.long_documents import letter_pages, pages_pdf

pytestmark = pytest.mark.django_db


@pytest.fixture
def renders(monkeypatch):
    calls = []
    real = previews.first_page_image

    def counted(content, mime):  # which task renders: a page's, or the join
        names = {frame.name for frame in traceback.extract_stack()}
        calls.append("read_page" if "read_page" in names else "finish_reading" if "finish_reading" in names else "?")
        return real(content, mime)

    monkeypatch.setattr(previews, "first_page_image", counted)
    return calls


def _version(employee):
    return Employee.objects.get(pk=employee.pk).documents.get().versions.get()


def test_the_join_takes_the_preview_of_the_first_page_task(users, upload, renders):
    employee = Employee.objects.get(nip=DEMO_PEGAWAI_NIP)
    sent = upload(users["admin"], pages_pdf(letter_pages(employee, 3)), nip=employee.nip)
    assert sent.status_code == 201, sent.json()

    version = _version(employee)
    assert version.status == "awaiting_verification" and version.pages == 3
    assert renders == ["read_page"]  # made once, by page 1's task
    assert version.perceptual_hash and version.thumbnail_key and version.thumbnail_sha256
    steps = list(version.events.exclude(step="ocr_page").values_list("step", flat=True))
    assert steps.count("preview") == 1
    assert steps.index("cross_check") < steps.index("preview") < steps.index("duplicates")  # in the flow's order


def test_without_a_preview_from_the_first_page_the_join_makes_it(users, upload, renders, monkeypatch):
    monkeypatch.setattr(pipeline, "_preview_ahead", lambda scan: {"perceptual_hash": "", "thumbnail": None,
                                                                  "event": ["preview", "failed", "S3 down", 0.1]})
    employee = Employee.objects.get(nip=DEMO_PEGAWAI_NIP)
    sent = upload(users["admin"], pages_pdf(letter_pages(employee, 3)), nip=employee.nip)
    assert sent.status_code == 201, sent.json()

    version = _version(employee)
    assert version.status == "awaiting_verification"
    assert renders == ["finish_reading"]
    assert version.perceptual_hash and version.thumbnail_key
    assert list(version.events.filter(step="preview").values_list("outcome", flat=True)) == ["ok"]
