"""Elasticsearch through elasticsearch-dsl.

- One index per build (`<ELASTICSEARCH_INDEX>-<timestamp>`) behind the alias
  `ELASTICSEARCH_INDEX`; every read and write goes through the alias. `rebuild` fills a
  new index with bulk requests, carries over the issued documents, then swaps the alias in
  one atomic `update_aliases` call and drops the old index — searches never see a
  half-built index.
- Text (`title`, `text`, both copied into `all_text`) uses Elasticsearch's own `indonesian`
  analyzer (stopwords and stemmer); names a `standard`-analysed field queried with
  fuzziness; NIPs a keyword field queried exactly and by prefix.
- The caller's scope is a `bool.filter` of the same request that counts (exactly up to
  `track_total_hits` = `SEARCH_TRACK_TOTAL_HITS`, then "gte": `count_exact` False),
  aggregates the facets and returns the page.
"""
from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable, Sequence

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone
from elasticsearch import BadRequestError, Elasticsearch, NotFoundError
from elasticsearch.helpers import bulk
from elasticsearch_dsl import A, Boolean, Date, Document, Index, Integer, Keyword, Long, Q, Search, Text

from search.query import FACETS, FacetValue, Hit, IndexEntry, Scope, SearchQuery, SearchResult, track_total_hits
from search.text import parse_query

FACET_FIELDS = {  # facet -> (field, label field, size)
    "document_type": ("document_type_code", "document_type_name", 200),
    "unit": ("unit_code", "unit_name", 1000),
    "status": ("status", None, 50),
    "year": ("year", None, 200),
}
HIGHLIGHT = {"pre_tags": ["<mark>"], "post_tags": ["</mark>"], "encoder": "html",
             "fragment_size": 240, "number_of_fragments": 1, "no_match_size": 240}


class IndexedDocument(Document):
    """The mapping of one entry (search.query.IndexEntry)."""

    key = Keyword()
    kind = Keyword()
    document_id = Long()
    employee_id = Long()
    employee_nip = Keyword()
    employee_name = Text(analyzer="standard", fields={"keyword": Keyword()})
    agency_code = Keyword()
    unit_id = Long()
    unit_code = Keyword()
    unit_name = Keyword(index=False)
    document_type_code = Keyword()
    document_type_name = Keyword(index=False)
    status = Keyword()
    title = Text(analyzer="indonesian", copy_to="all_text")
    text = Text(analyzer="indonesian", copy_to="all_text", index_options="offsets")
    all_text = Text(analyzer="indonesian")
    document_date = Date()
    year = Integer()
    uploaded_at = Date()
    signed = Boolean()
    verified = Boolean()
    version = Integer()
    indexed_at = Date()


def index_definition(name: str) -> Index:
    index = Index(name)
    index.settings(number_of_shards=1, number_of_replicas=int(getattr(settings, "ELASTICSEARCH_REPLICAS", 0)))
    index.document(IndexedDocument)
    return index


@functools.lru_cache(maxsize=4)
def _client(url: str) -> Elasticsearch:
    return Elasticsearch(url, request_timeout=30, retry_on_timeout=True, max_retries=3)


def entry_source(entry: IndexEntry, now: dt.datetime) -> dict:
    source = {name: getattr(entry, name) for name in entry.__dataclass_fields__}
    source.update(year=entry.document_date.year, indexed_at=now)
    return source


class ElasticsearchBackend:
    name = "elasticsearch"

    def __init__(self, client: Elasticsearch | None, alias: str, refresh: bool | str = False):
        self.client, self.alias, self.refresh = client, alias, refresh

    @classmethod
    def from_settings(cls) -> ElasticsearchBackend:
        url = getattr(settings, "ELASTICSEARCH_URL", "")
        if not url:
            raise ImproperlyConfigured("SEARCH_BACKEND is 'elasticsearch' but ELASTICSEARCH_URL is empty.")
        return cls(_client(url), getattr(settings, "ELASTICSEARCH_INDEX", "berkas-documents"),
                   getattr(settings, "ELASTICSEARCH_REFRESH", False))

    # --- index life cycle

    def new_index_name(self) -> str:
        return f"{self.alias}-{timezone.now():%Y%m%d%H%M%S%f}"

    def ensure_index(self) -> None:
        """The first index, under a fixed name so that two workers starting at once agree."""
        if not self.client.indices.exists_alias(name=self.alias):
            name = f"{self.alias}-initial"
            try:
                index_definition(name).create(using=self.client)
            except BadRequestError as exc:
                if exc.error != "resource_already_exists_exception":
                    raise
            self.client.indices.put_alias(index=name, name=self.alias)

    def indices_behind_alias(self) -> list[str]:
        try:
            return sorted(self.client.indices.get_alias(name=self.alias).keys())
        except NotFoundError:
            return []

    def drop_all(self) -> None:
        for name in self.indices_behind_alias():
            self.client.indices.delete(index=name, ignore_unavailable=True)

    # --- writes

    def upsert(self, entries: Sequence[IndexEntry]) -> None:
        if entries:
            self.ensure_index()
            self._bulk(self.alias, entries)

    def _bulk(self, index: str, entries: Iterable[IndexEntry], refresh=None) -> int:
        now = timezone.now()
        actions = ({"_op_type": "index", "_index": index, "_id": e.key, "_source": entry_source(e, now)}
                   for e in entries)
        done, _ = bulk(self.client, actions, refresh=self.refresh if refresh is None else refresh, chunk_size=500)
        return done

    def delete(self, keys: Sequence[str]) -> None:
        if not keys or not self.client.indices.exists_alias(name=self.alias):
            return
        actions = ({"_op_type": "delete", "_index": self.alias, "_id": key} for key in keys)
        bulk(self.client, actions, raise_on_error=False, refresh=self.refresh)

    def rebuild(self, batches, *, kinds: Sequence[str], total: int, progress=None) -> int:
        """Build a new index, carry over entries of other kinds, swap the alias, drop the old."""
        old = self.indices_behind_alias()
        new = self.new_index_name()
        index_definition(new).create(using=self.client)
        self.client.indices.put_settings(index=new, settings={"refresh_interval": "-1"})
        done = 0
        for batch in batches:
            self._bulk(new, batch, refresh=False)
            done += len(batch)
            if progress:
                progress(done, total)
        if old:
            keep = {"bool": {"must_not": [{"terms": {"kind": list(kinds)}}]}}
            self.client.reindex(source={"index": self.alias, "query": keep}, dest={"index": new},
                                wait_for_completion=True, refresh=False)
        self.client.indices.put_settings(index=new, settings={"refresh_interval": None})
        self.client.indices.refresh(index=new)
        actions = [{"remove": {"index": name, "alias": self.alias}} for name in old]
        actions.append({"add": {"index": new, "alias": self.alias}})
        self.client.indices.update_aliases(actions=actions)
        for name in old:
            self.client.indices.delete(index=name, ignore_unavailable=True)
        return done

    # --- reads

    def build_search(self, scope: Scope, query: SearchQuery) -> Search | None:
        """The whole request: scope and filters, the text match, sort, page, facets, snippets.
        None when nothing can match (no scope, or only stopwords)."""
        if scope.is_nothing:
            return None
        parsed = parse_query(query.q)
        if query.q.strip() and parsed.is_empty:
            return None
        filters = [scope_filter(scope)] if not scope.everything else []
        for field, value in (("employee_nip", query.employee), ("unit_code", query.unit),
                             ("document_type_code", query.document_type), ("status", query.status),
                             ("kind", query.kind)):
            if value:
                filters.append(Q("term", **{field: value}))
        if query.date_from or query.date_to:
            bounds = {k: v.isoformat() for k, v in (("gte", query.date_from), ("lte", query.date_to)) if v}
            filters.append(Q("range", document_date=bounds))
        either = []
        if parsed.plain_words or parsed.plain_phrases:
            words = [Q("match", all_text={"query": " ".join(parsed.plain_words), "operator": "and"})] \
                if parsed.plain_words else []
            words += [Q("match_phrase", all_text=phrase) for phrase in parsed.plain_phrases]
            boost = [Q("match", title={"query": " ".join(parsed.plain_words), "boost": 2})] \
                if parsed.plain_words else []
            either.append(Q("bool", must=words, should=boost))
        if parsed.name:
            either.append(Q("match", employee_name={"query": parsed.name, "fuzziness": "AUTO", "operator": "and",
                                                    "boost": 2}))
        if parsed.nip_prefix:
            either.append(Q("prefix", employee_nip={"value": parsed.nip_prefix, "boost": 3}))
        must = [Q("bool", should=either, minimum_should_match=1)] if either else []
        search = Search(using=self.client, index=self.alias).query(Q("bool", filter=filters, must=must))
        if query.sort == "oldest":
            search = search.sort({"document_date": "asc"}, {"key": "asc"})
        elif query.sort == "newest" or not either:
            search = search.sort({"document_date": "desc"}, {"key": "desc"})
        else:
            search = search.sort("_score", {"document_date": "desc"}, {"key": "desc"})
        search = search.extra(track_total_hits=track_total_hits(), track_scores=bool(either), from_=query.offset,
                              size=query.page_size)
        search = search.source(excludes=["text", "all_text"])
        search = search.highlight("text", **HIGHLIGHT).highlight_options(order="score", require_field_match=False)
        if query.facets:
            for name, (field, label, size) in FACET_FIELDS.items():
                agg = A("terms", field=field, size=size)
                if label:
                    agg.bucket("label", "terms", field=label, size=1)
                search.aggs.bucket(name, agg)
        return search

    def search(self, scope: Scope, query: SearchQuery) -> SearchResult:
        search = self.build_search(scope, query)
        if search is None:
            return SearchResult.empty(query.facets)
        try:
            response = search.execute()
        except NotFoundError:  # nothing indexed yet
            return SearchResult.empty(query.facets)
        return self.result(response, query)

    @staticmethod
    def result(response, query: SearchQuery) -> SearchResult:
        """The SearchResult of one response (an elasticsearch_dsl Response)."""
        scored = not parse_query(query.q).is_empty
        hits = []
        for hit in response.hits:
            snippet = hit.meta.highlight.text[0] if "highlight" in hit.meta and "text" in hit.meta.highlight else ""
            score = hit.meta.score
            hits.append(Hit(
                key=hit.key, kind=hit.kind, id=hit.document_id, employee_nip=hit.employee_nip,
                employee_name=hit.employee_name, unit_code=hit.unit_code, unit_name=hit.unit_name,
                document_type_code=hit.document_type_code, document_type_name=hit.document_type_name,
                status=hit.status, title=hit.title, highlight=snippet,
                score=round(float(score), 6) if scored and score is not None else None,
                document_date=_as_date(hit.document_date), version=hit.version, signed=hit.signed,
                verified=hit.verified))
        facets = {}
        if query.facets:
            for name in FACETS:
                values = []
                for bucket in response.aggregations[name].buckets:
                    label = bucket.label.buckets[0].key if "label" in bucket and bucket.label.buckets else bucket.key
                    values.append(FacetValue(value=str(bucket.key), label=str(label), count=bucket.doc_count))
                if name == "year":
                    values.sort(key=lambda f: f.value, reverse=True)
                facets[name] = values
        # Past track_total_hits the total is a lower bound ("gte"); aggregations still count
        # every match (one shard: exact), so the facets stay exact.
        total = response.hits.total
        return SearchResult(count=total.value, count_exact=total.relation == "eq", hits=hits, facets=facets)


def scope_filter(scope: Scope) -> Q:
    either = []
    if scope.unit_ids:
        either.append(Q("terms", unit_id=sorted(scope.unit_ids)))
    if scope.employee_ids:
        either.append(Q("terms", employee_id=sorted(scope.employee_ids)))
    hidden = [Q("terms", document_type_code=sorted(scope.hidden_document_types))] if scope.hidden_document_types else []
    return Q("bool", should=either, minimum_should_match=1, must_not=hidden)


def _as_date(value) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])
