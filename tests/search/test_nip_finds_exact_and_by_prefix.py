"""A NIP finds its owner's documents, typed whole, spaced as printed, or by its start."""
import pytest

from search.query import SearchQuery
from search.selectors import search_documents

pytestmark = pytest.mark.django_db


def _ids(library, q, **kw):
    return {hit.id for hit in search_documents(library.user("admin"), SearchQuery(q=q, **kw)).hits}


def test_whole_nip(library):
    assert _ids(library, "197206142000032004") == library.ids("sri_spmt", "sri_kgb")


def test_nip_spaced_as_printed_on_decrees(library):
    assert _ids(library, "19720614 200003 2 004") == library.ids("sri_spmt", "sri_kgb")


def test_nip_prefix(library):
    assert _ids(library, "19881102") == library.ids("bambang_mutasi", "bambang_reversed")


def test_employee_filter_is_an_exact_nip(library):
    assert _ids(library, "", employee="198811022012121001") == library.ids("bambang_mutasi", "bambang_reversed")
    assert _ids(library, "", employee="19881102") == set()
