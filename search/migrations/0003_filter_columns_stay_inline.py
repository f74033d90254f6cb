"""PostgreSQL: the short columns that counts, facets and filters read stay in the heap row.

`toast_tuple_target = 128` (migration 0002) moves wide values to TOAST so that a count or a
facet GROUP BY reads narrow rows; but PostgreSQL then also moved codes longer than 24 bytes
(`surat_pernyataan_tidak_dihukum`) out of line, and every facet row with such a type cost two
extra TOAST reads (facets over 5,000 matches: 15 ms → 9 ms once inline, bench/search_bench.py).
PLAIN storage keeps them in the row. Rows written before this keep their layout until
`manage.py reindex` rewrites them (or VACUUM FULL search_searchentry).
"""
from django.db import migrations

INLINE_COLUMNS = ("key", "kind", "employee_nip", "agency_code", "unit_code", "document_type_code", "status")


def _alter(schema_editor, storage: str):
    if schema_editor.connection.vendor != "postgresql":
        return
    columns = ", ".join(f"ALTER COLUMN {name} SET STORAGE {storage}" for name in INLINE_COLUMNS)
    schema_editor.execute(f"ALTER TABLE search_searchentry {columns}")


class Migration(migrations.Migration):
    dependencies = [("search", "0002_full_text")]
    operations = [migrations.RunPython(lambda apps, editor: _alter(editor, "PLAIN"),
                                       lambda apps, editor: _alter(editor, "EXTENDED"))]
