"""PostgreSQL: a phrase of common words is two long GIN lists (its adjacent pairs). Their random
shares are taken large enough (gin_fuzzy_search_limit sized for two lists) that the rows kept
by both still prove "more than the threshold" on the first try, and the page still holds only
documents with the words together and in order."""
import datetime as dt

import pytest
from django.db import connection

from search.backends import get_backend
from search.query import IndexEntry, Scope, SearchQuery
from search.text import parse_query

pytestmark = pytest.mark.django_db


def _entry(i: int, text: str) -> IndexEntry:
    return IndexEntry(
        key=f"scan:{500_000 + i}", kind="scan", document_id=500_000 + i, employee_id=400_000 + i,
        employee_nip=f"19800101200501{i:04d}"[:18], employee_name=f"Pegawai Uji {i}", agency_code="UJI",
        unit_id=1, unit_code="UJI-1", unit_name="Unit Uji 1", document_type_code="sk_cpns",
        document_type_name="SK CPNS", status="verified", title="SK CPNS", text=text,
        document_date=dt.date(2000 + i % 20, 1, 1))


@pytest.fixture
def phrases(monkeypatch):
    if connection.vendor != "postgresql":
        pytest.skip("gin_fuzzy_search_limit is PostgreSQL's")
    from search.backends import database_postgres

    monkeypatch.setattr(database_postgres, "_table_size", (0.0, 0.0, 0.0))  # not an earlier test's size
    # Even entries hold the phrase; odd ones the same words in the reverse order.
    get_backend().upsert([_entry(i, "laporan aparatur sipil negara" if i % 2 == 0 else "laporan negara sipil aparatur")
                          for i in range(600)])
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE search_searchentry")


def test_the_random_share_of_a_common_phrase_proves_more_than(phrases, settings):
    settings.SEARCH_TRACK_TOTAL_HITS = 10
    backend = get_backend()
    scope, query = Scope(everything=True), SearchQuery(q='"aparatur sipil negara"')
    parsed = parse_query(query.q)
    with backend.reading(parsed):
        where_sql, params, *_ = backend.matching(scope, query, parsed)
        # The planner's estimate, taking the two pairs (each in half the rows) as independent:
        # 600 × ½ × ½ (its own figure varies with the statistics left by earlier tests).
        limit = backend.fuzzy_limit(scope, query, parsed, 150.0, 10)
        assert limit > 20
        backend.planner.set(gin_fuzzy_search_limit=str(limit))
        shared = backend.first_matches(where_sql, params, 10, with_facets=False)
    assert shared.rows > 10  # the share alone says "more than 10"; no exact count needed


def test_a_common_phrase_pages_only_documents_holding_it(phrases, settings):
    settings.SEARCH_TRACK_TOTAL_HITS = 10
    backend = get_backend()
    result = backend.search(Scope(everything=True), SearchQuery(q='"aparatur sipil negara"', page_size=50))
    assert (result.count, result.count_exact, result.facets_approximate) == (10, False, True)
    assert len(result.hits) == 50
    assert all(hit.id % 2 == 0 for hit in result.hits)
    assert backend.exact_count(Scope(everything=True), SearchQuery(q='"aparatur sipil negara"')) == 300
