"""PostgreSQL full text over the `SearchEntry` table.

- Words and phrases: `search_vector` (a stored generated tsvector of the Sastrawi-analysed
  columns under the `simple` configuration, weights A for title/name/NIP and B for text,
  plus adjacent-stem pairs for phrases) with a GIN index.
- Names with typos: pg_trgm's word similarity (`q <% employee_name`) on a trigram GIN index.
- NIP prefixes: `LIKE 'prefix%'` on a `varchar_pattern_ops` index.
- Speed at 100k+ rows (bench/search_bench.py): the count and the four facets come from one
  `GROUPING SETS` statement over a bitmap of the GIN index and the narrow heap (wide columns
  live in TOAST; a sequential scan would detoast every tsvector, so it is switched off for
  text queries — the planner does not price detoasting); facet labels are looked up for the
  few codes found; ranking reads
  the detoasted tsvector of at most `SEARCH_RANK_CANDIDATES` rows — the newest matches —
  so a common word does not rank every match. Fewer matches than that are ranked exactly.
"""
from __future__ import annotations

from django.conf import settings
from django.db import connection, transaction

from search.backends.database import TABLE, DatabaseBackend, empty_facets
from search.query import SearchQuery, SearchResult
from search.text import ParsedQuery, parse_query

FACET_SETS = {  # GROUPING() bitmask over (document_type_code, unit_code, status, year) -> (facet, column)
    0b0111: ("document_type", 0),
    0b1011: ("unit", 1),
    0b1101: ("status", 2),
    0b1110: ("year", 3),
}


def tsquery_text(parsed: ParsedQuery) -> str:
    """A tsquery literal (cast with ::tsquery, lexemes taken as they are). Tokens are letters
    and digits only (text.WORD_RE), so quoting them needs no escaping. A phrase is the AND
    of its adjacent pairs ("naskah_asli"), lexemes the index holds (migration 0002): the GIN
    index answers it without rechecking positions. (Pairs that each occur but never as one
    run of three or more words would also match; with real text that is vanishingly rare.)"""
    lexemes = list(parsed.terms)
    for phrase in parsed.phrases:
        lexemes += [f"{a}_{b}" for a, b in zip(phrase, phrase[1:])]
    return " & ".join(f"'{t}'" for t in dict.fromkeys(lexemes))


class PostgresBackend(DatabaseBackend):
    vendor = "postgresql"

    @property
    def candidates(self) -> int:
        return int(getattr(settings, "SEARCH_RANK_CANDIDATES", 500))

    def search(self, scope, query):
        if scope.is_nothing:
            return SearchResult.empty(query.facets)
        parsed = parse_query(query.q)
        if query.q.strip() and parsed.is_empty:
            return SearchResult.empty(query.facets)
        where, params = self.scope_and_filters(scope, query)
        with transaction.atomic():  # one snapshot for count, facets and page
            if parsed.has_text:
                # The planner does not price detoasting: a sequential scan would unpack every
                # row's tsvector. The GIN bitmap never needs to (lossless for AND queries).
                self.fetch("SET LOCAL enable_seqscan = off", [])
            names = self.similar_names(parsed, where, params)
            if not parsed.is_empty:
                match_sql, match_params = self.match_names(parsed, names)
                if match_sql is None:
                    return SearchResult.empty(query.facets)
                where, params = where + [match_sql], params + match_params
            where_sql = " AND ".join(where) or "TRUE"
            scored = not parsed.is_empty
            ranking = scored and query.sort == "relevance"
            count, facets, ids = self.scan(where_sql, params, query, ranking)
            if count == 0:
                return SearchResult(count=0, hits=[], facets=facets)
            if not scored:
                ranked = [(i, None) for i in ids]
            elif ranking:
                ranked = self.rank(ids, parsed, names, query)
                if query.offset + query.page_size > self.candidates:
                    ranked += self.beyond_candidates(where_sql, params, parsed, names, query)
            else:
                scores = dict(self.scores(ids, parsed, names))
                ranked = [(i, scores.get(i, 0.0)) for i in ids]
            return SearchResult(count=count, hits=self.hits(ranked, parsed), facets=facets)

    def similar_names(self, parsed: ParsedQuery, where: list[str], params: list) -> list[int]:
        """Employees (within the scope and filters) whose name is like the query despite typos:
        a pg_trgm index probe, kept out of the main statement so that an OR there does not
        turn the GIN bitmap into a per-row filter."""
        if not parsed.name:
            return []
        sql = (f"SELECT DISTINCT employee_id FROM {TABLE} "
               f"WHERE %s <%% employee_name AND {' AND '.join(where) or 'TRUE'} LIMIT 1000")
        return [row[0] for row in self.fetch(sql, [parsed.name] + params)]

    def match_names(self, parsed: ParsedQuery, names: list[int]):
        either, values = [], []
        if parsed.has_text:
            either.append("search_vector @@ %s::tsquery")
            values.append(tsquery_text(parsed))
        if names:
            either.append("employee_id = ANY(%s)")
            values.append(names)
        if parsed.nip_prefix:
            either.append("employee_nip LIKE %s")
            values.append(parsed.nip_prefix + "%")
        if not either:
            return None, []
        return "(" + " OR ".join(either) + ")", values

    def score_sql(self, parsed: ParsedQuery, names: list[int]) -> tuple[str, list]:
        parts, values = [], []
        if parsed.has_text:
            parts.append("ts_rank(search_vector, %s::tsquery)")
            values.append(tsquery_text(parsed))
        if names:
            parts.append("(CASE WHEN employee_id = ANY(%s) THEN word_similarity(%s, employee_name) ELSE 0 END)")
            values += [names, parsed.name]
        if parsed.nip_prefix:
            parts.append("(CASE WHEN employee_nip LIKE %s THEN 1 ELSE 0 END)")
            values.append(parsed.nip_prefix + "%")
        return " + ".join(parts) or "0", values

    def scan(self, where_sql: str, params: list, query: SearchQuery, ranking: bool):
        """One pass over the matches: the count, the four facets and the ids to show (the
        newest `candidates` when ranking by relevance, else the requested page in order)."""
        order = "document_date ASC, id ASC" if query.sort == "oldest" else "document_date DESC, id DESC"
        if ranking:
            limit, offset = (self.candidates, 0) if query.offset < self.candidates else (0, 0)
        else:
            limit, offset = query.page_size, query.offset
        facet_sets = ("(document_type_code), (unit_code), (status), (year), ()" if query.facets else "()")
        sql = (
            "WITH m AS MATERIALIZED ("
            f"  SELECT id, document_date, document_type_code, unit_code, status, year FROM {TABLE} WHERE {where_sql}),"
            " f AS (SELECT GROUPING(document_type_code, unit_code, status, year) AS g, document_type_code, unit_code,"
            f"  status, year, count(*) AS n FROM m GROUP BY GROUPING SETS ({facet_sets})),"
            f" c AS (SELECT id, row_number() OVER (ORDER BY {order}) AS r FROM "
            f"  (SELECT id, document_date FROM m ORDER BY {order} LIMIT %s OFFSET %s) p) "
            "SELECT g, document_type_code, unit_code, status, year, n, NULL::bigint, NULL::bigint FROM f "
            "UNION ALL SELECT NULL, NULL, NULL, NULL, NULL, NULL, id, r FROM c"
        )
        found = {name: [] for name, _ in FACET_SETS.values()}
        count, page = 0, []
        for grouping, *values, n, entry_id, position in self.fetch(sql, params + [limit, offset]):
            if entry_id is not None:
                page.append((position, entry_id))
            elif grouping == 0b1111:
                count = n
            elif grouping in FACET_SETS:
                name, at = FACET_SETS[grouping]
                found[name].append((values[at], n))
        ids = [entry_id for _, entry_id in sorted(page)]
        if not query.facets:
            return count, {}, ids
        labels = {"document_type": self.labels("document_type_code", "document_type_name",
                                               [v for v, _ in found["document_type"]]),
                  "unit": self.labels("unit_code", "unit_name", [v for v, _ in found["unit"]])}
        facets = empty_facets()
        for name, values in found.items():
            names = labels.get(name, {})
            facets[name] = self.facet_values([(v, names.get(v, v), n) for v, n in values], name)
        return count, facets, ids

    def labels(self, code_column: str, name_column: str, codes: list[str]) -> dict[str, str]:
        """The name of each code, from one index probe per code (not a max() over every match)."""
        if not codes:
            return {}
        sql = (f"SELECT c, (SELECT {name_column} FROM {TABLE} WHERE {code_column} = c LIMIT 1) "
               "FROM unnest(%s::text[]) AS c")
        return dict(self.fetch(sql, [[str(c) for c in codes]]))

    def scores(self, ids: list[int], parsed: ParsedQuery, names: list[int]) -> list[tuple[int, float]]:
        if not ids:
            return []
        score_sql, score_params = self.score_sql(parsed, names)
        sql = f"SELECT id, {score_sql} FROM {TABLE} WHERE id = ANY(%s)"
        return [(i, float(s)) for i, s in self.fetch(sql, score_params + [ids])]

    def rank(self, candidate_ids: list[int], parsed, names, query) -> list[tuple[int, float]]:
        """The requested page among the candidates, best first (ties: newest first)."""
        start, stop = query.offset, min(query.offset + query.page_size, self.candidates)
        if not candidate_ids or start >= stop:
            return []
        score_sql, score_params = self.score_sql(parsed, names)
        sql = (f"SELECT id, {score_sql} AS score FROM {TABLE} WHERE id = ANY(%s) "
               "ORDER BY score DESC, document_date DESC, id DESC LIMIT %s OFFSET %s")
        return [(i, float(s)) for i, s in self.fetch(sql, score_params + [candidate_ids, stop - start, start])]

    def beyond_candidates(self, where_sql, params, parsed, names, query) -> list[tuple[int, float]]:
        """Past the ranked candidates, results continue newest first."""
        first = max(query.offset, self.candidates)
        stop = query.offset + query.page_size
        sql = (f"SELECT id FROM {TABLE} WHERE {where_sql} ORDER BY document_date DESC, id DESC LIMIT %s OFFSET %s")
        ids = [row[0] for row in self.fetch(sql, params + [stop - first, first])]
        scores = dict(self.scores(ids, parsed, names))
        return [(i, scores.get(i, 0.0)) for i in ids]

    def after_rebuild(self):
        if not connection.in_atomic_block:
            self.fetch(f"ANALYZE {TABLE}", [])
