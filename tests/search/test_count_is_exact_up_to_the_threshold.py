"""Counts are exact up to SEARCH_TRACK_TOTAL_HITS, then "more than" (count_exact False), like
Elasticsearch's track_total_hits; the facets come from the same bounded sample and are flagged
the same way; the caller's scope still bounds everything. The threshold is set low here so that
the small library crosses it."""
import pytest
from django.db import connection

from search.backends import get_backend
from search.query import Scope, SearchQuery
from search.selectors import search_documents, search_scope_for

pytestmark = pytest.mark.django_db


def _search(library, user, **kw):
    return search_documents(library.user(user), SearchQuery(**kw))


def _facets(result):
    return {name: {v.value: v.count for v in values} for name, values in result.facets.items()}


def test_the_default_threshold_is_elasticsearchs(settings):
    from search.query import track_total_hits

    del settings.SEARCH_TRACK_TOTAL_HITS
    assert track_total_hits() == 10_000


def test_at_or_below_the_threshold_the_count_and_facets_are_exact(library, settings):
    settings.SEARCH_TRACK_TOTAL_HITS = 4
    result = _search(library, "admin", q="pegawai")  # 4 documents say "pegawai" or "kepegawaian"
    assert (result.count, result.count_exact, result.facets_approximate) == (4, True, False)
    assert sum(v.count for v in result.facets["unit"]) == 4


def test_above_the_threshold_the_count_says_more_than(library, settings):
    settings.SEARCH_TRACK_TOTAL_HITS = 1_000
    everything = _search(library, "admin")
    assert (everything.count, everything.count_exact) == (6, True)
    settings.SEARCH_TRACK_TOTAL_HITS = 3
    result = _search(library, "admin")
    assert (result.count, result.count_exact, result.facets_approximate) == (3, False, True)
    assert len(result.hits) == 6  # the page is not cut at the threshold
    # Facet counts were taken on the first matches only: each is at most the true count.
    true = _facets(everything)
    for name, values in _facets(result).items():
        assert values and all(0 < n <= true[name][value] for value, n in values.items()), name


def test_a_text_query_above_the_threshold(library, settings):
    settings.SEARCH_TRACK_TOTAL_HITS = 2
    result = _search(library, "admin", q="pegawai")
    assert (result.count, result.count_exact, result.facets_approximate) == (2, False, True)
    assert len(result.hits) == 4


def test_without_facets_the_count_is_bounded_the_same_way(library, settings):
    settings.SEARCH_TRACK_TOTAL_HITS = 2
    result = _search(library, "admin", q="pegawai", facets=False)
    assert (result.count, result.count_exact, result.facets, result.facets_approximate) == (2, False, {}, False)


def test_the_fasilitators_scope_still_bounds_counts_facets_and_hits(library, settings):
    settings.SEARCH_TRACK_TOTAL_HITS = 2
    result = _search(library, "fasilitator", q="pegawai")  # 3 of the 4 are in the fasilitator's units
    assert (result.count, result.count_exact) == (2, False)
    assert {h.id for h in result.hits} == library.ids("dewi_sk_cpns", "sri_spmt", "sri_kgb")
    assert set(_facets(result)["unit"]) <= {"DINKES-YANKES", "DINKES-SEK"}
    settings.SEARCH_TRACK_TOTAL_HITS = 3
    result = _search(library, "fasilitator", q="pegawai")
    assert (result.count, result.count_exact) == (3, True)
    assert _facets(result)["unit"] == {"DINKES-YANKES": 1, "DINKES-SEK": 2}


def test_the_employees_scope_too(library, settings):
    settings.SEARCH_TRACK_TOTAL_HITS = 1
    result = _search(library, "pegawai")
    assert (result.count, result.count_exact) == (1, False)
    assert {h.id for h in result.hits} == library.ids("dewi_sk_cpns", "dewi_ijazah")


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the anchor count is PostgreSQL's")
def test_postgres_anchor_is_the_exact_count_of_the_same_query(library, settings):
    settings.SEARCH_TRACK_TOTAL_HITS = 2
    backend = get_backend()
    admin, fasilitator = library.user("admin"), library.user("fasilitator")
    assert backend.exact_count(search_scope_for(admin), SearchQuery(q="pegawai")) == 4
    assert backend.exact_count(search_scope_for(fasilitator), SearchQuery(q="pegawai")) == 3
    assert backend.exact_count(Scope(), SearchQuery(q="pegawai")) == 0
    assert backend.search(search_scope_for(admin), SearchQuery(q="pegawai")).count == 2
