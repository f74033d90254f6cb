"""SQLite FTS5 over the `SearchEntry` table: the embedded default.

- Words and phrases: the `search_fts` external-content FTS5 table (created in migration
  0002, kept in step by triggers) over the Sastrawi-analysed columns; bm25 ranks, title
  and name weighted above text.
- Names with typos: trigram word similarity computed in Python over the distinct names
  inside the caller's scope (an embedded installation holds a few thousand employees).
- NIP prefixes: `LIKE 'prefix%'`.
"""
from __future__ import annotations

from search.backends.database import FACET_COLUMNS, TABLE, DatabaseBackend
from search.text import NAME_SIMILARITY_THRESHOLD, ParsedQuery, name_similarity


def fts_match_text(parsed: ParsedQuery) -> str:
    """An FTS5 MATCH expression: every term and every phrase. Tokens are letters and digits
    only, so double quotes need no escaping."""
    parts = [f'"{t}"' for t in parsed.terms] + ['"' + " ".join(p) + '"' for p in parsed.phrases]
    return " AND ".join(parts)


class SqliteBackend(DatabaseBackend):
    vendor = "sqlite"

    def _fuzzy_employee_ids(self, parsed: ParsedQuery, where: list[str], params: list) -> dict[int, float]:
        if not parsed.name:
            return {}
        sql = f"SELECT DISTINCT employee_id, employee_name FROM {TABLE} WHERE {' AND '.join(where) or '1'}"
        similar = {}
        for employee_id, name in self.fetch(sql, params):
            score = name_similarity(parsed.name, name)
            if score >= NAME_SIMILARITY_THRESHOLD:
                similar[employee_id] = max(score, similar.get(employee_id, 0.0))
        return similar

    def match(self, parsed, scope, where, params):
        either, values = [], []
        if parsed.has_text:
            either.append("id IN (SELECT rowid FROM search_fts WHERE search_fts MATCH %s)")
            values.append(fts_match_text(parsed))
        self._names = self._fuzzy_employee_ids(parsed, where, params)
        if self._names:
            either.append(f"employee_id IN ({', '.join(['%s'] * len(self._names))})")
            values += sorted(self._names)
        if parsed.nip_prefix:
            either.append("employee_nip LIKE %s")
            values.append(parsed.nip_prefix + "%")
        if not either:
            return None, []
        return "(" + " OR ".join(either) + ")", values

    def score_sql(self, parsed):
        parts, values = [], []
        if parsed.has_text:
            parts.append("COALESCE((SELECT -bm25(search_fts, 4.0, 1.0) FROM search_fts "
                         f"WHERE search_fts MATCH %s AND search_fts.rowid = {TABLE}.id), 0)")
            values.append(fts_match_text(parsed))
        names = getattr(self, "_names", {})
        if names:
            cases = " ".join("WHEN %s THEN %s" for _ in names)
            parts.append(f"(CASE employee_id {cases} ELSE 0 END)")
            for employee_id, score in sorted(names.items()):
                values += [employee_id, score]
        if parsed.nip_prefix:
            parts.append("(CASE WHEN employee_nip LIKE %s THEN 1 ELSE 0 END)")
            values.append(parsed.nip_prefix + "%")
        return " + ".join(parts) or "0", values

    def count_and_facets(self, where_sql, params, with_facets, threshold):
        sample = f"(SELECT * FROM {TABLE} WHERE {where_sql} LIMIT %s) AS sample"
        params = params + [threshold + 1]
        count = self.fetch(f"SELECT count(*) FROM {sample}", params)[0][0]
        if not with_facets:
            return count, {}
        facets = {}
        for name, (value_col, label_col) in FACET_COLUMNS.items():
            sql = f"SELECT {value_col}, max({label_col}), count(*) FROM {sample} GROUP BY {value_col}"
            facets[name] = self.facet_values(self.fetch(sql, params), name)
        return count, facets
