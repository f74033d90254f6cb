"""Names are found when typed right, in part, or with a typo."""
import pytest

from search.query import SearchQuery
from search.selectors import search_documents

pytestmark = pytest.mark.django_db


def _ids(library, q):
    return {hit.id for hit in search_documents(library.user("admin"), SearchQuery(q=q)).hits}


def test_exact_name(library):
    assert _ids(library, "Bambang Sutrisno") == library.ids("bambang_mutasi", "bambang_reversed")


def test_name_with_a_typo(library):
    assert _ids(library, "Bambang Sutrisna") == library.ids("bambang_mutasi", "bambang_reversed")


def test_surname_with_a_typo(library):
    assert _ids(library, "Mulyaningsi") == library.ids("sri_spmt", "sri_kgb")


def test_name_match_ranks_the_owner_first(library):
    result = search_documents(library.user("admin"), SearchQuery(q="Sri Mulyaningsih"))
    assert {h.id for h in result.hits[:2]} == library.ids("sri_spmt", "sri_kgb")
