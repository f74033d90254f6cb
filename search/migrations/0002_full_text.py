"""Full-text structures of the database back ends, created for the database in use.

PostgreSQL: the analysed columns (Sastrawi stems, stopwords removed — see search/text.py)
become a stored generated tsvector under the `simple` configuration, plus every pair of
adjacent stems as one lexeme (for phrases) and the row's scope and filter values as lexemes
(`unit:12`, `employee:7`, `type:sk_cpns`, `status:verified` …: the parser never makes a
lexeme with a colon, so they cannot collide with words), with a GIN index;
names get a pg_trgm GIN index for typo-tolerant matching; NIPs a pattern index for prefixes.
`toast_tuple_target` keeps the wide columns out of the main heap so counts and facet
GROUP BYs read only narrow rows.

SQLite: an external-content FTS5 table over the same analysed columns, kept in step by
triggers. NOTE for later migrations: SQLite rebuilds a table on most ALTERs, which drops
these triggers; such a migration must run `sqlite_create` again.
"""
from django.db import migrations

POSTGRES_CREATE = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    # First, so that the rewrite below already moves wide values out of the heap.
    "ALTER TABLE search_searchentry SET (toast_tuple_target = 128)",
    # Adjacent stem pairs as lexemes ("naskah_asli"): phrases become plain AND queries the GIN
    # index answers exactly, without rechecking positions in every matching row's tsvector.
    """CREATE OR REPLACE FUNCTION search_word_pairs(text) RETURNS tsvector
           IMMUTABLE STRICT PARALLEL SAFE LANGUAGE sql AS $$
           SELECT coalesce(array_to_tsvector(array_agg(a.w || '_' || b.w)), ''::tsvector)
           FROM unnest(string_to_array($1, ' ')) WITH ORDINALITY AS a(w, i)
           JOIN unnest(string_to_array($1, ' ')) WITH ORDINALITY AS b(w, i) ON b.i = a.i + 1
       $$""",
    """ALTER TABLE search_searchentry ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
           setweight(to_tsvector('simple'::regconfig, stemmed_title), 'A')
           || setweight(to_tsvector('simple'::regconfig, stemmed_text), 'B')
           || search_word_pairs(stemmed_title || ' . ' || stemmed_text)
           || array_to_tsvector(ARRAY[
                  'unit:' || unit_id::text, 'employee:' || employee_id::text, 'nip:' || employee_nip::text,
                  'unitcode:' || unit_code::text, 'type:' || document_type_code::text,
                  'status:' || status::text, 'kind:' || kind::text])) STORED""",
    "CREATE INDEX search_entry_vector ON search_searchentry USING gin (search_vector)",
    "CREATE INDEX search_entry_name_trgm ON search_searchentry USING gin (employee_name gin_trgm_ops)",
    "CREATE INDEX search_entry_nip_prefix ON search_searchentry (employee_nip varchar_pattern_ops)",
]
POSTGRES_DROP = [
    "DROP INDEX IF EXISTS search_entry_nip_prefix",
    "DROP INDEX IF EXISTS search_entry_name_trgm",
    "DROP INDEX IF EXISTS search_entry_vector",
    "ALTER TABLE search_searchentry DROP COLUMN IF EXISTS search_vector",
    "DROP FUNCTION IF EXISTS search_word_pairs(text)",
    "ALTER TABLE search_searchentry RESET (toast_tuple_target)",
]

SQLITE_CREATE = [
    """CREATE VIRTUAL TABLE IF NOT EXISTS search_fts USING fts5(
           stemmed_title, stemmed_text, content='search_searchentry', content_rowid='id',
           tokenize='unicode61 remove_diacritics 0')""",
    """CREATE TRIGGER IF NOT EXISTS search_fts_ai AFTER INSERT ON search_searchentry BEGIN
           INSERT INTO search_fts(rowid, stemmed_title, stemmed_text)
           VALUES (new.id, new.stemmed_title, new.stemmed_text);
       END""",
    """CREATE TRIGGER IF NOT EXISTS search_fts_ad AFTER DELETE ON search_searchentry BEGIN
           INSERT INTO search_fts(search_fts, rowid, stemmed_title, stemmed_text)
           VALUES ('delete', old.id, old.stemmed_title, old.stemmed_text);
       END""",
    """CREATE TRIGGER IF NOT EXISTS search_fts_au AFTER UPDATE ON search_searchentry BEGIN
           INSERT INTO search_fts(search_fts, rowid, stemmed_title, stemmed_text)
           VALUES ('delete', old.id, old.stemmed_title, old.stemmed_text);
           INSERT INTO search_fts(rowid, stemmed_title, stemmed_text)
           VALUES (new.id, new.stemmed_title, new.stemmed_text);
       END""",
    "INSERT INTO search_fts(search_fts) VALUES ('rebuild')",
]
SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS search_fts_au",
    "DROP TRIGGER IF EXISTS search_fts_ad",
    "DROP TRIGGER IF EXISTS search_fts_ai",
    "DROP TABLE IF EXISTS search_fts",
]


def _run(schema_editor, statements):
    for sql in statements:
        schema_editor.execute(sql)


# The planner prices `tsvector @@ tsquery` like an integer comparison, but evaluating it on a
# row unpacks that row's TOASTed tsvector (~10 µs). Priced so, it would walk a date or unit
# index testing thousands of rows instead of intersecting bitmaps. Only a superuser may change
# a built-in function; without one, this step is skipped with a notice (run it by hand once:
# pg_dump does not carry it over).
MATCH_COST = "ALTER FUNCTION pg_catalog.ts_match_vq(tsvector, tsquery) COST {}"


def _is_superuser(schema_editor) -> bool:
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
        row = cursor.fetchone()
    return bool(row and row[0])


def create(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        _run(schema_editor, POSTGRES_CREATE)
        if _is_superuser(schema_editor):
            schema_editor.execute(MATCH_COST.format(1000))
        else:
            print(f"\n  search: not a superuser; run once as one: {MATCH_COST.format(1000)}")
    elif vendor == "sqlite":
        _run(schema_editor, SQLITE_CREATE)


def drop(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        _run(schema_editor, POSTGRES_DROP)
        if _is_superuser(schema_editor):
            schema_editor.execute(MATCH_COST.format(1))
    elif vendor == "sqlite":
        _run(schema_editor, SQLITE_DROP)


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]
    operations = [migrations.RunPython(create, drop)]
