"""The Elasticsearch back end's index mapping and request bodies (no server runs here:
these check what would be sent; the contract tests run against a live server when
ELASTICSEARCH_URL is set)."""
import datetime as dt

import pytest

from search.backends.elasticsearch import ElasticsearchBackend, index_definition
from search.query import Scope, SearchQuery


@pytest.fixture
def backend():
    return ElasticsearchBackend(client=None, alias="berkas-documents")


def _body(backend, scope, **kw):
    return backend.build_search(scope, SearchQuery(**kw)).to_dict()


def test_text_fields_use_the_indonesian_analyzer():
    mapping = index_definition("berkas-documents-1").to_dict()["mappings"]["properties"]
    assert mapping["text"]["analyzer"] == mapping["title"]["analyzer"] == "indonesian"
    assert mapping["all_text"]["analyzer"] == "indonesian"
    assert mapping["text"]["copy_to"] == mapping["title"]["copy_to"] == "all_text"
    assert mapping["employee_nip"]["type"] == "keyword"
    assert mapping["employee_name"]["type"] == "text" and mapping["employee_name"]["fields"]["keyword"]["type"] == "keyword"
    for keyword in ("kind", "unit_code", "document_type_code", "status", "key"):
        assert mapping[keyword]["type"] == "keyword"
    assert mapping["signed"]["type"] == mapping["verified"]["type"] == "boolean"
    assert mapping["document_date"]["type"] == "date" and mapping["year"]["type"] == "integer"


def test_a_fasilitator_scope_is_a_filter_of_the_same_request_as_count_and_facets(backend):
    body = _body(backend, Scope(unit_ids=frozenset({7, 3})), q="pegawai")
    filters = body["query"]["bool"]["filter"]
    assert {"bool": {"should": [{"terms": {"unit_id": [3, 7]}}], "minimum_should_match": 1}} in filters
    assert body["track_total_hits"] == 10_000  # counted exactly up to there, like the database back ends
    assert set(body["aggs"]) == {"document_type", "unit", "status", "year"}


def test_an_employee_scope_filters_on_the_employee(backend):
    body = _body(backend, Scope(employee_ids=frozenset({42})))
    assert body["query"]["bool"]["filter"][0]["bool"]["should"] == [{"terms": {"employee_id": [42]}}]


def test_no_scope_asks_nothing(backend):
    assert backend.build_search(Scope(), SearchQuery(q="pegawai")) is None


def test_administrator_has_no_scope_filter(backend):
    body = _body(backend, Scope(everything=True), q="pegawai")
    assert "filter" not in body["query"]["bool"] or body["query"]["bool"]["filter"] == []


def test_words_phrases_name_and_nip(backend):
    body = _body(backend, Scope(everything=True), q='kepegawaian "naskah asli"')
    either = body["query"]["bool"]["must"][0]["bool"]
    assert either["minimum_should_match"] == 1
    text, name = either["should"]
    assert {"match": {"all_text": {"query": "kepegawaian", "operator": "and"}}} in text["bool"]["must"]
    assert {"match_phrase": {"all_text": "naskah asli"}} in text["bool"]["must"]
    assert name["match"]["employee_name"]["fuzziness"] == "AUTO"
    nip = _body(backend, Scope(everything=True), q="19850315 2010")["query"]["bool"]["must"][0]["bool"]["should"]
    assert {"prefix": {"employee_nip": {"value": "198503152010", "boost": 3}}} in nip


def test_filters_sort_page_and_highlight(backend):
    body = _body(backend, Scope(everything=True), q="pegawai", unit="DINKES-SEK", document_type="sk_kgb",
                 status="verified", employee="198503152010012003", date_from=dt.date(2020, 1, 1),
                 date_to=dt.date(2021, 12, 31), page=3, page_size=10)
    filters = body["query"]["bool"]["filter"]
    for term in ({"unit_code": "DINKES-SEK"}, {"document_type_code": "sk_kgb"}, {"status": "verified"},
                 {"employee_nip": "198503152010012003"}):
        assert {"term": term} in filters
    assert {"range": {"document_date": {"gte": "2020-01-01", "lte": "2021-12-31"}}} in filters
    assert body["from"] == 20 and body["size"] == 10
    assert body["sort"][0] == "_score"
    assert body["highlight"]["fields"]["text"]["pre_tags"] == ["<mark>"]
    assert body["highlight"]["require_field_match"] is False
    newest = _body(backend, Scope(everything=True), q="pegawai", sort="newest")
    assert newest["sort"][0] == {"document_date": "desc"}


def test_facets_bring_their_labels(backend):
    aggs = _body(backend, Scope(everything=True))["aggs"]
    assert aggs["document_type"]["terms"]["field"] == "document_type_code"
    assert aggs["document_type"]["aggs"]["label"]["terms"]["field"] == "document_type_name"
    assert aggs["unit"]["aggs"]["label"]["terms"]["field"] == "unit_name"
    assert aggs["year"]["terms"]["field"] == "year"


def test_backend_is_chosen_by_settings(settings):
    from search.backends import get_backend

    settings.SEARCH_BACKEND = "elasticsearch"
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"
    assert get_backend().name == "elasticsearch"
    settings.SEARCH_BACKEND = "database"
    assert get_backend().name == "database"


def test_elasticsearch_without_a_url_is_a_configuration_error(settings):
    from django.core.exceptions import ImproperlyConfigured

    from search.backends import get_backend

    settings.SEARCH_BACKEND = "elasticsearch"
    settings.ELASTICSEARCH_URL = ""
    with pytest.raises(ImproperlyConfigured):
        get_backend()


def test_track_total_hits_follows_the_setting(backend, settings):
    settings.SEARCH_TRACK_TOTAL_HITS = 250
    assert _body(backend, Scope(everything=True), q="pegawai")["track_total_hits"] == 250


def _response(backend, relation):
    from elasticsearch_dsl.response import Response

    search = backend.build_search(Scope(everything=True), SearchQuery(q="pegawai", facets=False))
    return Response(search, {"hits": {"total": {"value": 10_000, "relation": relation}, "hits": []}})


def test_a_total_past_the_threshold_is_flagged_inexact(backend):
    more = ElasticsearchBackend.result(_response(backend, "gte"), SearchQuery(q="pegawai", facets=False))
    assert more.count == 10_000 and more.count_exact is False
    exact = ElasticsearchBackend.result(_response(backend, "eq"), SearchQuery(q="pegawai", facets=False))
    assert exact.count == 10_000 and exact.count_exact is True
