"""PostgreSQL: when the planner expects very many matches, the bounded count is taken through
gin_fuzzy_search_limit (a random share of the GIN posting list). A share is a subset of the
matches, so it may only ever prove "more than"; when the rest of the query narrows the share
below the threshold, the count is asked again exactly."""
import datetime as dt

import pytest
from django.db import connection

from search.backends import get_backend
from search.query import IndexEntry, Scope, SearchQuery

pytestmark = pytest.mark.django_db


def _entry(i: int, unit_id: int, text: str) -> IndexEntry:
    return IndexEntry(
        key=f"scan:{900_000 + i}", kind="scan", document_id=900_000 + i, employee_id=800_000 + i,
        employee_nip=f"19800101200501{i:04d}"[:18], employee_name=f"Pegawai Uji {i}", agency_code="UJI",
        unit_id=unit_id, unit_code=f"UJI-{unit_id}", unit_name=f"Unit Uji {unit_id}", document_type_code="sk_cpns",
        document_type_name="SK CPNS", status="verified", title="SK CPNS", text=text,
        document_date=dt.date(2000 + i % 20, 1, 1))


@pytest.fixture
def many():
    if connection.vendor != "postgresql":
        pytest.skip("gin_fuzzy_search_limit is PostgreSQL's")
    # Every entry says "kinerja"; even ones "anggaran", odd ones "pelatihan", and only 1, 3 and 5 both
    # (the planner, taking the words as independent, expects ~150 with both).
    entries = [_entry(i, 1 if i < 5 else 2, "laporan kinerja " + ("anggaran" if i % 2 == 0 else "pelatihan")
                      + (" anggaran" if i in (1, 3, 5) else "")) for i in range(600)]
    get_backend().upsert(entries)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE search_searchentry")


def test_a_very_common_word_says_more_than(many, settings):
    settings.SEARCH_TRACK_TOTAL_HITS = 20  # the planner expects 600 > 10 × 20: the random share is asked
    backend = get_backend()
    result = backend.search(Scope(everything=True), SearchQuery(q="kinerja"))
    assert (result.count, result.count_exact, result.facets_approximate) == (20, False, True)
    assert backend.exact_count(Scope(everything=True), SearchQuery(q="kinerja")) == 600
    assert sum(v.count for v in result.facets["year"]) > 20  # counted on the share, each a lower bound


def test_a_share_narrowed_below_the_threshold_is_counted_again_exactly(many, settings):
    settings.SEARCH_TRACK_TOTAL_HITS = 5  # expected ~150 > 10 × 5: the random share is asked, and finds < 6
    backend = get_backend()
    result = backend.search(Scope(everything=True), SearchQuery(q="anggaran pelatihan"))
    assert (result.count, result.count_exact, result.facets_approximate) == (3, True, False)
    assert {h.id for h in result.hits} == {900_001, 900_003, 900_005}
    settings.SEARCH_TRACK_TOTAL_HITS = 20
    result = backend.search(Scope(everything=True), SearchQuery(q="kinerja", unit="UJI-1"))
    assert (result.count, result.count_exact, result.facets_approximate) == (5, True, False)
    assert len(result.hits) == 5
    fasilitator = Scope(unit_ids=frozenset({1}))
    result = backend.search(fasilitator, SearchQuery(q="kinerja"))
    assert (result.count, result.count_exact) == (5, True)
    assert {h.unit_code for h in result.hits} == {"UJI-1"}
