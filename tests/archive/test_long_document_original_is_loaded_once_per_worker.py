"""The pages of a long scan are read one task each, but a worker process loads the original once and keeps
it for its next pages (a stored version never changes); the join lets it go."""
import pytest

from documents import pipeline
from documents.objectstore import object_storage
from people.models import Employee
from archive.services.demo import DEMO_PEGAWAI_NIP
from tests.support.long_documents import letter_pages, pages_pdf

pytestmark = pytest.mark.django_db


def test_a_long_scan_is_loaded_from_storage_once_in_one_process(users, upload, monkeypatch):
    storage = object_storage()
    loads = []
    real_get = storage.get

    def counted_get(key, **kwargs):
        loads.append(key)
        return real_get(key, **kwargs)

    monkeypatch.setattr(storage, "get", counted_get)
    employee = Employee.objects.get(nip=DEMO_PEGAWAI_NIP)
    sent = upload(users["admin"], pages_pdf(letter_pages(employee, 3)), nip=employee.nip)
    assert sent.status_code == 201, sent.json()

    version = Employee.objects.get(pk=employee.pk).documents.get().versions.get()
    assert version.status == "awaiting_verification" and version.pages == 3
    assert loads == [version.object_key]  # not once more per page, nor for the join
    assert pipeline._last_original == {}
