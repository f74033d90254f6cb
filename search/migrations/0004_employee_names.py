"""PostgreSQL: the names a typo-tolerant search compares, one row per employee and unit.

Word similarity over the trigram index of the entry table visited every document of every
employee whose name shares trigrams with the query (Indonesian names share many: ~5,000 rows
and ~40 ms for "Agus Santosa" at 1M documents) only to keep the distinct employees. This table
holds each (employee, unit) once — ten times fewer rows — with its own trigram index, kept in
step by statement-level triggers on the entry table (one INSERT … SELECT per statement, so a
bulk load or COPY pays once per statement, not per row). A name changed on a later entry
replaces the stored one; rows of employees whose entries are gone stay (their ids then match
no entry) until `manage.py reindex` — whose upserts refresh the names — or a manual prune.
"""
from django.db import migrations

FOLLOW = """
    CREATE OR REPLACE FUNCTION search_employeename_follow() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        INSERT INTO search_employeename (employee_id, unit_id, employee_name)
        SELECT DISTINCT ON (employee_id, unit_id) employee_id, unit_id, employee_name FROM new_rows
        ORDER BY employee_id, unit_id, id DESC
        ON CONFLICT (employee_id, unit_id) DO UPDATE SET employee_name = EXCLUDED.employee_name
        WHERE search_employeename.employee_name IS DISTINCT FROM EXCLUDED.employee_name;
        RETURN NULL;
    END $$"""

POSTGRES_CREATE = [
    """CREATE TABLE search_employeename (
           employee_id bigint NOT NULL, unit_id bigint NOT NULL, employee_name varchar(200) NOT NULL,
           PRIMARY KEY (employee_id, unit_id))""",
    "CREATE INDEX search_employeename_trgm ON search_employeename USING gin (employee_name gin_trgm_ops)",
    FOLLOW,
    """CREATE TRIGGER search_employeename_inserted AFTER INSERT ON search_searchentry
           REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION search_employeename_follow()""",
    """CREATE TRIGGER search_employeename_updated AFTER UPDATE ON search_searchentry
           REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION search_employeename_follow()""",
    """INSERT INTO search_employeename (employee_id, unit_id, employee_name)
       SELECT DISTINCT ON (employee_id, unit_id) employee_id, unit_id, employee_name FROM search_searchentry
       ORDER BY employee_id, unit_id, id DESC""",
    "ANALYZE search_employeename",
]
POSTGRES_DROP = [
    "DROP TRIGGER IF EXISTS search_employeename_updated ON search_searchentry",
    "DROP TRIGGER IF EXISTS search_employeename_inserted ON search_searchentry",
    "DROP FUNCTION IF EXISTS search_employeename_follow()",
    "DROP TABLE IF EXISTS search_employeename",
]


def _run(schema_editor, statements):
    if schema_editor.connection.vendor == "postgresql":
        for sql in statements:
            schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("search", "0003_filter_columns_stay_inline")]
    operations = [migrations.RunPython(lambda apps, editor: _run(editor, POSTGRES_CREATE),
                                       lambda apps, editor: _run(editor, POSTGRES_DROP))]
