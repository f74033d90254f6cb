"""Results come best first by default, or newest / oldest first; pages do not overlap."""
import pytest

from search.query import SearchQuery
from search.selectors import search_documents
from tests.search.conftest import make_document

pytestmark = pytest.mark.django_db


def test_more_relevant_first(library):
    dewi = library.employees["dewi"]
    dense = make_document(dewi, "sk_pns", "Informatika informatika informatika: aplikasi informatika daerah.")
    hits = search_documents(library.user("admin"), SearchQuery(q="informatika")).hits
    assert hits[0].id == dense.pk
    assert library.docs["bambang_mutasi"].pk in {h.id for h in hits}
    assert hits[0].score >= hits[-1].score > 0


def test_newest_and_oldest(library):
    newest = search_documents(library.user("admin"), SearchQuery(sort="newest")).hits
    dates = [h.document_date for h in newest]
    assert dates == sorted(dates, reverse=True) and len(dates) == 6
    oldest = search_documents(library.user("admin"), SearchQuery(sort="oldest")).hits
    assert [h.id for h in oldest] == [h.id for h in reversed(newest)]


def test_words_sorted_by_date(library):
    hits = search_documents(library.user("admin"), SearchQuery(q="pegawai", sort="newest")).hits
    assert [h.id for h in hits][:2] == [library.docs["bambang_mutasi"].pk, library.docs["sri_kgb"].pk]
    assert all(h.score is not None for h in hits)


def test_pages_cover_everything_once(library):
    seen = []
    for page in (1, 2, 3):
        result = search_documents(library.user("admin"), SearchQuery(page=page, page_size=2))
        assert result.count == 6
        seen += [h.id for h in result.hits]
    assert len(seen) == len(set(seen)) == 6
    beyond = search_documents(library.user("admin"), SearchQuery(page=4, page_size=2))
    assert beyond.count == 6 and beyond.hits == []


def test_pages_past_the_ranked_candidates_continue_without_gaps(library, settings):
    # PostgreSQL ranks only the newest SEARCH_RANK_CANDIDATES matches; later pages go by date.
    settings.SEARCH_RANK_CANDIDATES = 3
    seen = []
    for page in (1, 2, 3):
        result = search_documents(library.user("admin"), SearchQuery(q="pegawai", page=page, page_size=2))
        seen += [h.id for h in result.hits]
    assert result.count == 4
    assert len(seen) == len(set(seen)) == 4
    one_by_one = [h.id for page in (1, 2, 3, 4) for h in
                  search_documents(library.user("admin"), SearchQuery(q="pegawai", page=page, page_size=1)).hits]
    assert sorted(one_by_one) == sorted(seen)
