"""What the two database back ends share: the index table is `SearchEntry`, writes are
upserts on its key, and a search is SQL whose WHERE holds the scope, the filters and the
text match together, so the count, the page and the facets all come from that one WHERE.
"""
from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence

from django.db import connection, transaction
from django.utils import timezone

from search.models import SearchEntry
from search.query import (FACETS, FacetValue, Hit, IndexEntry, Scope, SearchQuery, SearchResult,
                          track_total_hits)
from search.text import Highlighter, ParsedQuery, analyzed, parse_query

TABLE = SearchEntry._meta.db_table
ENTRY_FIELDS = [f.name for f in dataclasses.fields(IndexEntry)]
HIT_COLUMNS = ["id", "key", "kind", "document_id", "employee_nip", "employee_name", "unit_code", "unit_name",
               "document_type_code", "document_type_name", "status", "title", "text", "document_date",
               "version", "signed", "verified"]
FACET_COLUMNS = {  # facet -> (value column, label column)
    "document_type": ("document_type_code", "document_type_name"),
    "unit": ("unit_code", "unit_name"),
    "status": ("status", "status"),
    "year": ("year", "year"),
}


def entry_row(entry: IndexEntry, now) -> SearchEntry:
    values = dataclasses.asdict(entry)
    return SearchEntry(
        **values,
        stemmed_title=analyzed(" ".join([entry.title, entry.employee_name, entry.employee_nip])),
        stemmed_text=analyzed(entry.text),
        year=entry.document_date.year,
        indexed_at=now,
    )


UPDATE_FIELDS = [f.name for f in SearchEntry._meta.concrete_fields if f.name not in ("id", "key")]


class DatabaseBackend:
    """Common part; subclasses say how text and names are matched and scored."""

    name = "database"
    vendor = ""

    # --- writes

    def upsert(self, entries: Sequence[IndexEntry]) -> None:
        if not entries:
            return
        now = timezone.now()
        rows = [entry_row(e, now) for e in entries]
        SearchEntry.objects.bulk_create(rows, update_conflicts=True, unique_fields=["key"],
                                        update_fields=UPDATE_FIELDS)

    def delete(self, keys: Sequence[str]) -> None:
        if keys:
            SearchEntry.objects.filter(key__in=list(keys)).delete()

    def rebuild(self, batches: Iterable[Sequence[IndexEntry]], *, kinds: Sequence[str], total: int,
                progress=None) -> int:
        """Upsert in small transactions (searches go on reading the table meanwhile), then
        remove what the rebuild did not write: entries of documents gone since."""
        started = timezone.now()
        done = 0
        for batch in batches:
            with transaction.atomic():
                self.upsert(batch)
            done += len(batch)
            if progress:
                progress(done, total)
        SearchEntry.objects.filter(kind__in=list(kinds), indexed_at__lt=started).delete()
        self.after_rebuild()
        return done

    def after_rebuild(self) -> None:
        pass

    # --- reads

    def search(self, scope: Scope, query: SearchQuery) -> SearchResult:
        if scope.is_nothing:
            return SearchResult.empty(query.facets)
        parsed = parse_query(query.q)
        if query.q.strip() and parsed.is_empty:  # only stopwords: nothing to look for
            return SearchResult.empty(query.facets)
        where, params = self.scope_and_filters(scope, query)
        if not parsed.is_empty:
            match_sql, match_params = self.match(parsed, scope, where, params)
            if match_sql is None:
                return SearchResult.empty(query.facets)
            where, params = where + [match_sql], params + match_params
        where_sql = " AND ".join(where) or "TRUE"
        threshold = track_total_hits()
        count, facets = self.count_and_facets(where_sql, params, query.facets, threshold)
        if count == 0:
            return SearchResult(count=0, hits=[], facets=facets)
        exact = count <= threshold
        ranked = self.page(where_sql, params, parsed, query)
        return SearchResult(count=min(count, threshold), count_exact=exact, hits=self.hits(ranked, parsed),
                            facets=facets, facets_approximate=query.facets and not exact)

    def scope_and_filters(self, scope: Scope, query: SearchQuery) -> tuple[list[str], list]:
        where, params = [], []
        if not scope.everything:
            either = []
            if scope.unit_ids:
                either.append(f"unit_id IN ({', '.join(['%s'] * len(scope.unit_ids))})")
                params += sorted(scope.unit_ids)
            if scope.employee_ids:
                either.append(f"employee_id IN ({', '.join(['%s'] * len(scope.employee_ids))})")
                params += sorted(scope.employee_ids)
            where.append("(" + " OR ".join(either) + ")")
        if scope.hidden_document_types:
            where.append(f"document_type_code NOT IN ({', '.join(['%s'] * len(scope.hidden_document_types))})")
            params += sorted(scope.hidden_document_types)
        for column, value in (("employee_nip", query.employee), ("unit_code", query.unit),
                              ("document_type_code", query.document_type), ("status", query.status),
                              ("kind", query.kind)):
            if value:
                where.append(f"{column} = %s")
                params.append(value)
        if query.date_from:
            where.append("document_date >= %s")
            params.append(query.date_from)
        if query.date_to:
            where.append("document_date <= %s")
            params.append(query.date_to)
        return where, params

    def match(self, parsed: ParsedQuery, scope: Scope, where: list[str], params: list) -> tuple[str | None, list]:
        raise NotImplementedError

    def score_sql(self, parsed: ParsedQuery) -> tuple[str, list]:
        """An SQL expression over the table's columns scoring one row (higher is better)."""
        raise NotImplementedError

    def count_and_facets(self, where_sql: str, params: list, with_facets: bool, threshold: int):
        """(count, facets) of the first `threshold` + 1 matches: a count above the threshold
        means "more than", and facets counted on that bounded sample."""
        raise NotImplementedError

    def page(self, where_sql: str, params: list, parsed: ParsedQuery, query: SearchQuery) -> list[tuple[int, float | None]]:
        """(id, score) of the requested page, in order."""
        order = {"oldest": "document_date ASC, id ASC"}.get(query.sort, "document_date DESC, id DESC")
        if not parsed.has_text and not parsed.name and not parsed.nip_prefix:
            sql = f"SELECT id FROM {TABLE} WHERE {where_sql} ORDER BY {order} LIMIT %s OFFSET %s"
            return [(row[0], None) for row in self.fetch(sql, params + [query.page_size, query.offset])]
        score_sql, score_params = self.score_sql(parsed)
        if query.sort != "relevance":
            sql = (f"SELECT id, {score_sql} FROM {TABLE} WHERE id IN ("
                   f"SELECT id FROM {TABLE} WHERE {where_sql} ORDER BY {order} LIMIT %s OFFSET %s) "
                   f"ORDER BY {order}")
            return [(i, float(s)) for i, s in
                    self.fetch(sql, score_params + params + [query.page_size, query.offset])]
        return self.ranked_page(where_sql, params, score_sql, score_params, query)

    def ranked_page(self, where_sql, params, score_sql, score_params, query):
        sql = (f"SELECT id, {score_sql} AS score FROM {TABLE} WHERE {where_sql} "
               f"ORDER BY score DESC, document_date DESC, id DESC LIMIT %s OFFSET %s")
        return [(i, float(s)) for i, s in self.fetch(sql, score_params + params + [query.page_size, query.offset])]

    def hits(self, ranked: list[tuple[int, float | None]], parsed: ParsedQuery) -> list[Hit]:
        if not ranked:
            return []
        ids = [i for i, _ in ranked]
        sql = f"SELECT {', '.join(HIT_COLUMNS)} FROM {TABLE} WHERE id IN ({', '.join(['%s'] * len(ids))})"
        rows = {row[0]: dict(zip(HIT_COLUMNS, row)) for row in self.fetch(sql, ids)}
        highlight = Highlighter(parsed.stems)
        hits = []
        for entry_id, score in ranked:
            row = rows.get(entry_id)
            if row is None:  # removed between the two statements
                continue
            hits.append(Hit(
                key=row["key"], kind=row["kind"], id=row["document_id"], employee_nip=row["employee_nip"],
                employee_name=row["employee_name"], unit_code=row["unit_code"], unit_name=row["unit_name"],
                document_type_code=row["document_type_code"], document_type_name=row["document_type_name"],
                status=row["status"], title=row["title"], highlight=highlight(row["text"]),
                score=None if score is None else round(score, 6), document_date=row["document_date"],
                version=row["version"], signed=bool(row["signed"]), verified=bool(row["verified"])))
        return hits

    @staticmethod
    def fetch(sql: str, params: list) -> list[tuple]:
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall() if cursor.description else []

    @staticmethod
    def facet_values(rows: Iterable[tuple[object, object, int]], name: str) -> list[FacetValue]:
        """Most frequent first; years newest first."""
        values = [FacetValue(value=str(v), label=str(label), count=int(n)) for v, label, n in rows if v is not None]
        if name == "year":
            return sorted(values, key=lambda f: f.value, reverse=True)
        return sorted(values, key=lambda f: (-f.count, f.value))


def empty_facets() -> dict[str, list[FacetValue]]:
    return {name: [] for name in FACETS}
