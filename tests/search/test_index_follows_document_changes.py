"""The index follows the archive: new versions, status changes, soft deletes, transfers."""
import pytest
from django.utils import timezone

from people.models import Unit
from search.query import SearchQuery
from search.selectors import search_documents
from search.services import document_index, employee_documents_index
from tests.search.conftest import add_version

pytestmark = pytest.mark.django_db


def _search(library, user="admin", **kw):
    return search_documents(library.user(user), SearchQuery(**kw))


def test_a_new_version_replaces_the_text(library):
    document = library.docs["bambang_mutasi"]
    add_version(document, "Pindaian ulang yang lebih jelas: rotasi jabatan analis kebijakan.")
    assert {h.id for h in _search(library, q="rotasi").hits} == {document.pk}
    assert document.pk not in {h.id for h in _search(library, q="pranata komputer informatika").hits}
    hit = _search(library, q="rotasi").hits[0]
    assert hit.version == 2


def test_status_and_verified_flag_follow_verification(library):
    document = library.docs["sri_spmt"]
    document.status = "verified"
    document.save(update_fields=["status"])
    document_index(document.pk)
    hit = _search(library, q="", status="verified", unit="DINKES-SEK").hits
    assert document.pk in {h.id for h in hit}
    assert next(h for h in hit if h.id == document.pk).verified is True


def test_soft_deleted_documents_leave_the_index(library):
    document = library.docs["dewi_ijazah"]
    document.deleted_at = timezone.now()
    document.save(update_fields=["deleted_at"])
    document_index(document.pk)
    assert document.pk not in {h.id for h in _search(library).hits}
    assert _search(library, q="ijazah").count == 0
    assert _search(library).count == 5


def test_indexing_twice_changes_nothing(library):
    before = _search(library, q="pegawai")
    document_index(library.docs["sri_kgb"].pk)
    document_index(library.docs["sri_kgb"].pk)
    after = _search(library, q="pegawai")
    assert after.count == before.count and [h.id for h in after.hits] == [h.id for h in before.hits]


def test_indexing_an_unknown_document_is_harmless(library):
    document_index(999_999)
    assert _search(library).count == 6


def test_a_transfer_moves_documents_into_the_new_units_scope(library):
    bambang = library.employees["bambang"]
    assert _search(library, "fasilitator", q="Bambang Sutrisno").count == 0
    bambang.unit = Unit.objects.get(code="DINKES-SEK")
    bambang.save(update_fields=["unit"])
    assert employee_documents_index(bambang.pk) == 2
    assert _search(library, "fasilitator", q="Bambang Sutrisno").count == 2
