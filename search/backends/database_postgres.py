"""PostgreSQL full text over the `SearchEntry` table.

- Words and phrases: `search_vector` (a stored generated tsvector of the Sastrawi-analysed
  columns under the `simple` configuration, weights A for title/name/NIP and B for text)
  with a GIN index; phrases use `<->`.
- Names with typos: pg_trgm's word similarity (`q <% employee_name`) on a trigram GIN index.
- NIP prefixes: `LIKE 'prefix%'` on a `varchar_pattern_ops` index.
- Speed at 100k+ rows (see README of search/): the count and the four facets come from one
  `GROUPING SETS` statement over the narrow heap (wide columns live in TOAST); ranking reads
  the detoasted tsvector of at most `SEARCH_RANK_CANDIDATES` rows — the newest matches —
  so a common word does not rank every match. Fewer matches than that are ranked exactly.
"""
from __future__ import annotations

from django.conf import settings

from search.backends.database import TABLE, DatabaseBackend, empty_facets
from search.text import ParsedQuery

FACET_SETS = [  # GROUPING() bitmask over (document_type_code, unit_code, status, year) -> facet
    (0b0111, "document_type", 1, 2),
    (0b1011, "unit", 3, 4),
    (0b1101, "status", 5, 5),
    (0b1110, "year", 6, 6),
]


def tsquery_text(parsed: ParsedQuery) -> str:
    """A to_tsquery('simple', …) string. Tokens are letters and digits only (text.WORD_RE),
    so quoting them needs no escaping."""
    parts = [f"'{t}'" for t in parsed.terms]
    parts += ["(" + " <-> ".join(f"'{t}'" for t in phrase) + ")" for phrase in parsed.phrases]
    return " & ".join(parts)


class PostgresBackend(DatabaseBackend):
    vendor = "postgresql"

    @property
    def candidates(self) -> int:
        return int(getattr(settings, "SEARCH_RANK_CANDIDATES", 1000))

    def match(self, parsed, scope, where, params):
        either, values = [], []
        if parsed.has_text:
            either.append("search_vector @@ to_tsquery('simple', %s)")
            values.append(tsquery_text(parsed))
        if parsed.name:
            either.append("%s <%% employee_name")
            values.append(parsed.name)
        if parsed.nip_prefix:
            either.append("employee_nip LIKE %s")
            values.append(parsed.nip_prefix + "%")
        return "(" + " OR ".join(either) + ")", values

    def score_sql(self, parsed):
        parts, values = [], []
        if parsed.has_text:
            parts.append("ts_rank(search_vector, to_tsquery('simple', %s))")
            values.append(tsquery_text(parsed))
        if parsed.name:
            parts.append("(CASE WHEN %s <%% employee_name THEN word_similarity(%s, employee_name) ELSE 0 END)")
            values += [parsed.name, parsed.name]
        if parsed.nip_prefix:
            parts.append("(CASE WHEN employee_nip LIKE %s THEN 1 ELSE 0 END)")
            values.append(parsed.nip_prefix + "%")
        return " + ".join(parts) or "0", values

    def count_and_facets(self, where_sql, params, with_facets):
        if not with_facets:
            rows = self.fetch(f"SELECT count(*) FROM {TABLE} WHERE {where_sql}", params)
            return rows[0][0], {}
        sql = (
            "SELECT GROUPING(document_type_code, unit_code, status, year), document_type_code, "
            "max(document_type_name), unit_code, max(unit_name), status, year, count(*) "
            f"FROM {TABLE} WHERE {where_sql} "
            "GROUP BY GROUPING SETS ((document_type_code), (unit_code), (status), (year), ())"
        )
        rows = self.fetch(sql, params)
        facets = empty_facets()
        count = 0
        for row in rows:
            if row[0] == 0b1111:
                count = row[7]
                continue
            for mask, name, value_at, label_at in FACET_SETS:
                if row[0] == mask:
                    facets[name].append((row[value_at], row[label_at], row[7]))
        return count, {name: self.facet_values(values, name) for name, values in facets.items()}

    def ranked_page(self, where_sql, params, score_sql, score_params, query):
        """Rank the newest `candidates` matches; past them, pages continue by date."""
        cap = self.candidates
        start, stop = query.offset, query.offset + query.page_size
        out = []
        if start < cap:
            sql = (
                f"SELECT id, {score_sql} AS score, document_date FROM {TABLE} WHERE id IN ("
                f"  SELECT id FROM {TABLE} WHERE {where_sql} ORDER BY document_date DESC, id DESC LIMIT %s) "
                "ORDER BY score DESC, document_date DESC, id DESC LIMIT %s OFFSET %s"
            )
            rows = self.fetch(sql, score_params + params + [cap, min(stop, cap) - start, start])
            out += [(i, float(s)) for i, s, _ in rows]
        if stop > cap:
            first = max(start, cap)
            sql = (f"SELECT id, {score_sql} FROM {TABLE} WHERE id IN ("
                   f"  SELECT id FROM {TABLE} WHERE {where_sql} ORDER BY document_date DESC, id DESC "
                   "  LIMIT %s OFFSET %s) ORDER BY document_date DESC, id DESC")
            rows = self.fetch(sql, score_params + params + [stop - first, first])
            out += [(i, float(s)) for i, s in rows]
        return out

    def after_rebuild(self):
        from django.db import connection

        if not connection.in_atomic_block:
            with connection.cursor() as cursor:
                cursor.execute(f"ANALYZE {TABLE}")
