"""PostgreSQL full text over the `SearchEntry` table.

- Words and phrases: `search_vector` (a stored generated tsvector of the Sastrawi-analysed
  columns under the `simple` configuration, weights A for title/name/NIP and B for text,
  plus adjacent-stem pairs for phrases) with a GIN index.
- Names with typos: pg_trgm's word similarity (`q <% employee_name`) on the trigram GIN index
  of `search_employeename` (one row per employee and unit, kept by triggers: migration 0004).
- NIP prefixes: `LIKE 'prefix%'` on a `varchar_pattern_ops` index.
- Speed at 1M rows (bench/search_bench.py): counting is the bound, so a search counts and
  groups the four facets on the first `SEARCH_TRACK_TOTAL_HITS` + 1 matches only (one
  `GROUPING SETS` statement over the GIN bitmap and the narrow heap, wide columns living in
  TOAST): exact up to 10,000, then "more than 10,000" with facet counts that are lower
  bounds — as Elasticsearch's `track_total_hits` does. Ranking reads the detoasted tsvector of
  at most `SEARCH_RANK_CANDIDATES` rows — the newest matches — so a common word does not
  rank every match; fewer matches than that are ranked exactly (README, "Search").
"""
from __future__ import annotations

import json
import math
import re
import time
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.conf import settings
from django.db import connection, transaction

from search.backends.database import TABLE, DatabaseBackend, empty_facets
from search.query import Scope, SearchQuery, SearchResult, track_total_hits
from search.text import ParsedQuery, parse_query

# Testing one row's tsvector while walking the date index: unpacking it from TOAST (measured ~8 µs).
ROW_TEST_MS = 0.01
# One match in a bitmap scan sorted by date: its pointer into the bitmap, its heap row read (~2.5 µs).
BITMAP_ROW_MS = 0.0025
# The sample asks GIN for about this many times the threshold of a very long posting list,
# when the planner expects more than FUZZY_ABOVE times the threshold to match.
FUZZY_FACTOR = 2
FUZZY_ABOVE = 10
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


def gin_entries(scope: Scope, query: SearchQuery, parsed: ParsedQuery) -> set[str]:
    """The distinct lexemes (GIN entries) of the search's tsquery."""
    tsq = " & ".join([f"({tsquery_text(parsed)})", *lexeme_filters(scope, query)])
    return set(re.findall(r"'((?:[^']|'')*)'", tsq))


def _lexeme(prefix: str, value) -> str:
    text = str(value).replace("\\", "\\\\").replace("'", "''")
    return f"'{prefix}:{text}'"


def lexeme_filters(scope: Scope, query: SearchQuery) -> list[str]:
    """The scope and the equality filters as tsquery parts (lexemes of migration 0002)."""
    parts = []
    if not scope.everything:
        either = [_lexeme("unit", i) for i in sorted(scope.unit_ids)]
        either += [_lexeme("employee", i) for i in sorted(scope.employee_ids)]
        parts.append("(" + " | ".join(either) + ")")
    if scope.hidden_document_types:  # confidential types, for a fasilitator
        parts.append("!(" + " | ".join(_lexeme("type", t) for t in sorted(scope.hidden_document_types)) + ")")
    for prefix, value in (("nip", query.employee), ("unitcode", query.unit), ("type", query.document_type),
                          ("status", query.status), ("kind", query.kind)):
        if value:
            parts.append(_lexeme(prefix, value))
    return parts


def date_range(query: SearchQuery) -> tuple[str, list]:
    sql, params = "", []
    if query.date_from:
        sql, params = sql + " AND document_date >= %s", params + [query.date_from]
    if query.date_to:
        sql, params = sql + " AND document_date <= %s", params + [query.date_to]
    return sql, params


_table_size: tuple[float, float, float] = (0.0, 0.0, 0.0)  # (rows, heap pages, when read)


def table_size() -> tuple[float, float]:
    """The table's rows and heap pages as the statistics have them, read at most once a minute
    per process (only plans depend on them)."""
    global _table_size
    rows, pages, read_at = _table_size
    if time.monotonic() - read_at > 60 or not rows:
        with connection.cursor() as cursor:
            cursor.execute("SELECT reltuples, relpages FROM pg_class WHERE oid = %s::regclass", [TABLE])
            rows, pages = (float(v) for v in cursor.fetchone())
        _table_size = (rows, pages, time.monotonic())
    return rows, pages


def table_rows() -> float:
    return table_size()[0]


def walkable(scope: Scope, query: SearchQuery) -> bool:
    """May the date index be walked for this query: the whole province, no equality filter
    (a date range is fine: the walk starts and stops at its ends)?"""
    return scope.everything and not any((query.employee, query.unit, query.document_type, query.status,
                                         query.kind))


MAX_WALKED_UNITS = 20


def walkable_units(scope: Scope, query: SearchQuery) -> tuple[int, ...]:
    """The units whose (unit_id, document_date) index may be walked one by one: a scope of
    a few units (a fasilitator's), no single employees, and no equality filter (those ride in
    the tsquery: a unit walk would unpack every row of the other units to find each fails;
    with `unit=`, one unit's walk did 20,000 rows, 2 s)."""
    if scope.everything or scope.employee_ids or not 0 < len(scope.unit_ids) <= MAX_WALKED_UNITS:
        return ()
    if any((query.employee, query.unit, query.document_type, query.status, query.kind)):
        return ()
    return tuple(sorted(scope.unit_ids))


class Planner:
    """The planner settings of one search. Each change is one statement, which also reads the
    values it replaces the first time; `restore` puts those back in one more (set_config local
    to the transaction would otherwise outlive a savepoint into the caller's transaction). A
    round trip is cheap on an idle server, but each one waits for a time slice on a busy one."""

    def __init__(self):
        self.original: dict[str, str] = {}
        self.current: dict[str, str] = {}

    def set(self, **values: str) -> None:
        changes = {name: value for name, value in values.items() if self.current.get(name) != value}
        if not changes:
            return
        names, fresh = list(changes), [name for name in changes if name not in self.original]
        sql = "SELECT " + ", ".join(["current_setting(%s)"] * len(fresh) + ["set_config(%s, %s, true)"] * len(names))
        with connection.cursor() as cursor:
            cursor.execute(sql, fresh + [v for name in names for v in (name, changes[name])])
            row = cursor.fetchone()
        self.original.update(zip(fresh, row[:len(fresh)]))
        self.current.update(changes)

    def restore(self) -> None:
        if self.original:
            with connection.cursor() as cursor:
                cursor.execute("SELECT " + ", ".join(["set_config(%s, %s, true)"] * len(self.original)),
                               [v for name, old in self.original.items() for v in (name, old)])
            self.current.update(self.original)


@dataclass
class Sample:
    rows: int  # matches counted, at most the threshold + 1
    facets: dict[str, list[tuple[object, int]]] = field(default_factory=dict)
    last_page: int = 0  # the heap page of the last row counted (rows come in page order)
    share: bool = False  # taken from GIN's random share (gin_fuzzy_search_limit)

    def matches(self, guess: float, fuzzy_rows: int) -> float:
        """How many rows match, estimated from how far into the heap the sample had to read for
        its rows (a bitmap hands them over in page order): the rows over the share of the pages
        read; a random share (`fuzzy_limit` aimed at about `fuzzy_rows` rows for `guess` matches)
        scaled back by the same ratio. Only for choosing a plan: the planner multiplies the
        frequencies of a phrase's pairs as if independent and expects 1/10 of the matches."""
        _, pages = table_size()
        if not pages:
            return float(self.rows)
        found = self.rows * pages / min(pages, self.last_page + 1)
        return found * guess / fuzzy_rows if self.share else found


class PostgresBackend(DatabaseBackend):
    vendor = "postgresql"

    @property
    def candidates(self) -> int:
        return int(getattr(settings, "SEARCH_RANK_CANDIDATES", 200))

    def search(self, scope, query):
        if scope.is_nothing:
            return SearchResult.empty(query.facets)
        parsed = parse_query(query.q)
        if query.q.strip() and parsed.is_empty:
            return SearchResult.empty(query.facets)
        with self.reading(parsed):
            return self._search(scope, query, parsed)

    def exact_count(self, scope: Scope, query: SearchQuery) -> int:
        """The anchor: PostgreSQL's plain exact count of the same WHERE, visiting every match
        (what every search did before counts were bounded). bench/search_bench.py times it."""
        parsed = parse_query(query.q)
        if scope.is_nothing or (query.q.strip() and parsed.is_empty):
            return 0
        with self.reading(parsed):
            matching = self.matching(scope, query, parsed)
            if matching is None:
                return 0
            where_sql, params, _, _, _ = matching
            self.planner.set(enable_indexscan="on", enable_bitmapscan="on")
            return self.fetch(f"SELECT count(*) FROM {TABLE} WHERE {where_sql}", params)[0][0]

    @contextmanager
    def reading(self, parsed: ParsedQuery):
        # Plans for a few milliseconds: no JIT, no parallel workers (they cost more than they
        # save here). With a text query, no sequential scan either: it would unpack every
        # row's tsvector, which the GIN bitmap never needs to.
        outermost = not connection.in_atomic_block  # then its end takes the settings away
        with transaction.atomic():
            self.planner = Planner()
            # The names probe (first, when there is one) wants no plain index scans either:
            # set here, it costs no statement of its own.
            self.planner.set(jit="off", max_parallel_workers_per_gather="0",
                             enable_seqscan="off" if parsed.has_text else "on",
                             **({"enable_indexscan": "off"} if parsed.name else {}))
            yield
            if not outermost:
                self.planner.restore()

    def matching(self, scope, query, parsed) -> tuple[str, list, list[int], str, list] | None:
        """(WHERE, its parameters, similar employee ids, the WHERE of scope and filters alone
        and its parameters), or None when nothing can match."""
        where, params = self.scope_and_filters(scope, query)
        names = self.similar_names(scope, parsed)
        base_sql, base_params = " AND ".join(where) or "TRUE", list(params)
        if not parsed.is_empty:
            arms = []
            if parsed.has_text:
                # Scope and equality filters ride inside the tsquery as lexemes the index
                # holds (migration 0002), so the GIN bitmap alone answers them; only the
                # date range stays SQL.
                text_sql, text_params = self.text_condition(scope, query, parsed)
                date_sql, date_params = date_range(query)
                arms.append((f"({text_sql}{date_sql})", text_params + date_params))
            if names:
                arms.append((f"(employee_id = ANY(%s) AND {base_sql})", [names] + base_params))
            if parsed.nip_prefix:
                arms.append((f"(employee_nip LIKE %s AND {base_sql})", [parsed.nip_prefix + "%"] + base_params))
            if not arms:
                return None
            where = ["(" + " OR ".join(sql for sql, _ in arms) + ")"]
            params = [value for _, values in arms for value in values]
        return " AND ".join(where) or "TRUE", params, names, base_sql, base_params

    def _search(self, scope, query, parsed):
        """Count, facets and the page, within the caller's transaction and planner settings."""
        matching = self.matching(scope, query, parsed)
        if matching is None:
            return SearchResult.empty(query.facets)
        where_sql, params, names, base_sql, base_params = matching
        threshold = track_total_hits()
        guess = self.estimated_matches(where_sql, params) if parsed.has_text else 0.0
        limit = self.fuzzy_limit(scope, query, parsed, guess, threshold) if parsed.has_text else 0
        sample = self.sample(where_sql, params, threshold, query.facets, fuzzy_limit=limit)
        if sample.rows == 0:
            return SearchResult.empty(query.facets)
        exact = sample.rows <= threshold
        # Labels now, while index scans are on (page_ids may turn them off).
        facets = self.facet_result(sample.facets) if query.facets else {}
        estimate = sample.rows if exact else max(sample.rows, sample.matches(guess, FUZZY_FACTOR * threshold))
        scored = not parsed.is_empty
        ranking = scored and query.sort == "relevance"
        wanted = self.candidates if ranking else query.offset + query.page_size
        plan = self.page_plan(scope, query, parsed, base_sql, base_params, estimate, wanted)
        if ranking:
            ids = self.page_ids(where_sql, params, "newest", self.candidates, 0, plan) \
                if query.offset < self.candidates else []
            ranked = self.rank(ids, parsed, names, query)
            if query.offset + query.page_size > self.candidates:
                ranked += self.beyond_candidates(where_sql, params, parsed, names, query, plan)
        else:
            ids = self.page_ids(where_sql, params, query.sort, query.page_size, query.offset, plan)
            scores = dict(self.scores(ids, parsed, names)) if scored else {}
            ranked = [(i, scores.get(i, 0.0) if scored else None) for i in ids]
        return SearchResult(count=min(sample.rows, threshold), count_exact=exact, hits=self.hits(ranked, parsed),
                            facets=facets, facets_approximate=query.facets and not exact)

    def fuzzy_limit(self, scope: Scope, query: SearchQuery, parsed: ParsedQuery, guess: float,
                    threshold: int) -> int:
        """The `gin_fuzzy_search_limit` that leaves about FUZZY_FACTOR × threshold rows in the
        sample, or 0 to count exactly (the planner expects few matches, or no list is long).

        GIN thins a scan only when each of its k entries (lexemes) lists more than k × limit rows,
        and then keeps each row of each list with probability k × limit / (its length), each list
        independently: an AND of k long lists keeps about matches × Π(k × limit / length_i), and
        the date range then keeps its share s. With the planner's own estimate (N rows,
        independent lexemes: matches = N × s × Π(length_i / N)) that is N × s × (k × limit / N)^k,
        hence limit = N / k × (T / (N × s))^(1/k). For one word and no range it is T itself; for
        a phrase (two long pair lists) at 1M rows ~70,000, where FUZZY_FACTOR × threshold kept
        ~1,600 rows and the exact count had to be asked after all. A phrase's pairs go together
        more often than independent words, so the share kept is larger, never smaller."""
        if guess <= FUZZY_FACTOR * threshold:
            return 0  # likely not more than the threshold: count exactly
        text_only = guess
        if query.date_from or query.date_to:  # the share of the GIN matches the range keeps
            text_only = self.estimated_matches(*self.text_condition(scope, query, parsed))
        if text_only <= FUZZY_ABOVE * threshold:
            return 0  # short lists: the exact bitmap is cheap
        total = table_rows()
        entries = len(gin_entries(scope, query, parsed))
        share = min(1.0, guess / text_only) if text_only else 1.0
        if total <= 0 or entries == 0:
            return 0
        wanted = FUZZY_FACTOR * threshold
        return max(wanted, math.ceil(total / entries * (wanted / (total * share)) ** (1 / entries)))

    def text_condition(self, scope: Scope, query: SearchQuery, parsed: ParsedQuery) -> tuple[str, list]:
        return "search_vector @@ %s::tsquery", [" & ".join([f"({tsquery_text(parsed)})",
                                                             *lexeme_filters(scope, query)])]

    def sample(self, where_sql: str, params: list, threshold: int, with_facets: bool, fuzzy_limit: int) -> Sample:
        """At most `threshold` + 1 matches, counted, with the four facets over them in one
        GROUPING SETS pass (a GIN bitmap and the narrow heap rows only: no sort, no ranking).
        Fewer matches than that are all of them: count and facets exact. More: the count is
        "more than `threshold`" and each facet count a lower bound of the true one.

        A word in most documents has a GIN posting list of about every row, and putting a
        million row pointers into the bitmap is what costs (~0.3 µs each), not reading the
        list. So when the planner expects more than FUZZY_ABOVE × threshold matches, the sample
        is first asked with `gin_fuzzy_search_limit` (`fuzzy_limit`, about FUZZY_FACTOR ×
        threshold rows expected): GIN then keeps a random share of each very long list. That
        share is a subset of the matches, so more than `threshold` rows in it proves "more
        than"; and the facets are counted on a random sample rather than on the oldest rows.
        Fewer rows may mean GIN thinned a list the other conditions then narrowed further, so
        the sample is asked again without it, and counts exactly."""
        if fuzzy_limit:
            self.planner.set(enable_indexscan="on", enable_bitmapscan="on", gin_fuzzy_search_limit=str(fuzzy_limit))
            sample = self.first_matches(where_sql, params, threshold, with_facets)
            if sample.rows > threshold:
                sample.share = True
                return sample
        self.planner.set(enable_indexscan="on", enable_bitmapscan="on", gin_fuzzy_search_limit="0")
        return self.first_matches(where_sql, params, threshold, with_facets)

    def first_matches(self, where_sql: str, params: list, threshold: int, with_facets: bool) -> Sample:
        limited = (f"(SELECT ctid, document_type_code, unit_code, status, year FROM {TABLE} WHERE {where_sql} "
                   "LIMIT %s) AS s")
        params = params + [threshold + 1]
        last = "coalesce((max(ctid)::text::point)[0], 0)"
        if not with_facets:
            rows, last_page = self.fetch(f"SELECT count(*), {last} FROM {limited}", params)[0]
            return Sample(rows=rows, last_page=int(last_page))
        sql = ("SELECT GROUPING(document_type_code, unit_code, status, year), "
               f"document_type_code, unit_code, status, year, count(*), {last} "
               f"FROM {limited} "
               "GROUP BY GROUPING SETS ((document_type_code), (unit_code), (status), (year), ())")
        found = {name: [] for name, _ in FACET_SETS.values()}
        rows = last_page = 0
        for grouping, *values, n, page in self.fetch(sql, params):
            if grouping == 0b1111:
                rows, last_page = n, int(page)
            elif grouping in FACET_SETS:
                name, at = FACET_SETS[grouping]
                found[name].append((values[at], n))
        return Sample(rows=rows, facets=found, last_page=last_page)

    def estimated_matches(self, where_sql: str, params: list) -> float:
        """The planner's estimate of the matches (from the tsvector's element statistics), for
        choosing plans — never shown to anyone."""
        with connection.cursor() as cursor:
            cursor.execute(f"EXPLAIN (FORMAT JSON) SELECT 1 FROM {TABLE} WHERE {where_sql}", params)
            plan = cursor.fetchone()[0]
        if isinstance(plan, str):
            plan = json.loads(plan)
        return float(plan[0]["Plan"]["Plan Rows"])

    def walk_is_cheaper(self, matches: float, wanted: int, walkable: bool) -> bool:
        """Is walking the date index (testing each row's tsvector until `wanted` matches are
        found: about wanted × rows / matches tests — fewer within a date range, which the walk
        starts from) cheaper than building the bitmap of all matches and reading each one's
        date to sort them? Common words: by far. Two words that are each common but rarely
        together: no."""
        if not walkable:
            return False  # within a scope or equality filters, the date index is no shortcut
        total = table_rows()
        return total > 0 and matches > 0 and wanted * total / matches * ROW_TEST_MS < matches * BITMAP_ROW_MS

    def page_plan(self, scope: Scope, query: SearchQuery, parsed: ParsedQuery, base_sql: str, base_params: list,
                  matches: float, wanted: int) -> str | tuple[int, ...] | None:
        """How page_ids finds the newest `wanted` matches of a text query: "walk" the date index
        (the whole province), walk each of the caller's units on the (unit_id, document_date)
        index (a tuple of unit ids: a fasilitator's common word), or "bitmap" (sort all matches
        by date). None without text: the planner chooses."""
        if not parsed.has_text:
            return None
        if self.walk_is_cheaper(matches, wanted, walkable(scope, query)):
            return "walk"
        units = walkable_units(scope, query)
        if units and matches > 0:
            # Every unit's walk stops at `wanted` matches; rows tested ≈ wanted × rows / matches.
            rows = self.estimated_matches(base_sql, base_params)
            if wanted * max(rows, matches) / matches * ROW_TEST_MS < matches * BITMAP_ROW_MS:
                return units
        return "bitmap"

    def page_ids(self, where_sql, params, sort, limit, offset, plan: str | tuple[int, ...] | None) -> list[int]:
        """Ids in date order. With a text match the sample already tells which plan is fast, so
        it is chosen here, not by the planner: "walk" the date index testing each row (dense
        matches), or build the "bitmap" of matches and sort them. Left to itself the planner
        walked the index for a two-word query matching 5% of rows and unpacked ~4,000 tsvectors
        to find 200 (24 ms instead of 4)."""
        order = "document_date ASC, id ASC" if sort == "oldest" else "document_date DESC, id DESC"
        sql = f"SELECT id FROM {TABLE} WHERE {where_sql} ORDER BY {order} LIMIT %s OFFSET %s"
        walking = plan is not None and plan != "bitmap"
        self.planner.set(enable_bitmapscan="off" if walking else "on",
                         enable_indexscan="off" if plan == "bitmap" else "on", gin_fuzzy_search_limit="0")
        if isinstance(plan, tuple):  # walk each unit's (unit_id, document_date) index, then merge
            branch = (f"(SELECT id, document_date FROM {TABLE} WHERE unit_id = %s AND {where_sql} "
                      f"ORDER BY {order} LIMIT %s)")
            sql = (f"SELECT id FROM ({' UNION ALL '.join([branch] * len(plan))}) AS walked "
                   f"ORDER BY {order} LIMIT %s OFFSET %s")
            params = [v for unit in plan for v in [unit, *params, limit + offset]]
        return [row[0] for row in self.fetch(sql, params + [limit, offset])]

    def facet_result(self, found: dict[str, list[tuple[object, int]]]):
        """Facet values with their labels, most frequent first (years newest first)."""
        labels = self.labels([v for v, _ in found["document_type"]], [v for v, _ in found["unit"]])
        facets = empty_facets()
        for name, values in found.items():
            names = labels.get(name, {})
            facets[name] = self.facet_values([(v, names.get(v, v), n) for v, n in values], name)
        return facets

    def similar_names(self, scope: Scope, parsed: ParsedQuery) -> list[int]:
        """Employees (within the scope) whose name is like the query despite typos: a pg_trgm
        probe of the names table (one row per employee and unit, migration 0004), kept out of
        the main statement so that an OR there does not turn the GIN bitmap into a per-row
        filter. The filters apply in the main statement."""
        if not parsed.name:
            return []
        where, params = ["%s <%% employee_name"], [parsed.name]
        if not scope.everything:
            either = []
            if scope.unit_ids:
                either.append("unit_id = ANY(%s)")
                params.append(sorted(scope.unit_ids))
            if scope.employee_ids:
                either.append("employee_id = ANY(%s)")
                params.append(sorted(scope.employee_ids))
            where.append("(" + " OR ".join(either) + ")")
        sql = f"SELECT DISTINCT employee_id FROM search_employeename WHERE {' AND '.join(where)} LIMIT 1000"
        # Through the trigram index only: for DISTINCT … LIMIT the planner liked walking the
        # employee_id index and testing every row's name.
        self.planner.set(enable_indexscan="off")
        return [row[0] for row in self.fetch(sql, params)]

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

    def labels(self, types: list[str], units: list[str]) -> dict[str, dict[str, str]]:
        """The name of each type and unit code, from one index probe per code (not a max()
        over every match), in one statement."""
        if not types and not units:
            return {"document_type": {}, "unit": {}}
        sql = (f"SELECT 'document_type', c, (SELECT document_type_name FROM {TABLE} WHERE document_type_code = c "
               "LIMIT 1) FROM unnest(%s::text[]) AS c UNION ALL "
               f"SELECT 'unit', c, (SELECT unit_name FROM {TABLE} WHERE unit_code = c LIMIT 1) "
               "FROM unnest(%s::text[]) AS c")
        labels = {"document_type": {}, "unit": {}}
        for facet, code, label in self.fetch(sql, [[str(c) for c in types], [str(c) for c in units]]):
            labels[facet][code] = label
        return labels

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

    def beyond_candidates(self, where_sql, params, parsed, names, query, plan) -> list[tuple[int, float]]:
        """Past the ranked candidates, results continue newest first."""
        first = max(query.offset, self.candidates)
        stop = query.offset + query.page_size
        ids = self.page_ids(where_sql, params, "newest", stop - first, first, plan)
        scores = dict(self.scores(ids, parsed, names))
        return [(i, scores.get(i, 0.0)) for i in ids]

    def after_rebuild(self):
        if not connection.in_atomic_block:
            self.fetch(f"ANALYZE {TABLE}", [])
