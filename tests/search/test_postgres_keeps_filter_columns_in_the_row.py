"""PostgreSQL keeps the short columns that counts, facets and filters read in the heap row: with
the table's low TOAST target it had moved type codes longer than 24 bytes out of line, and every
facet over such rows paid two extra page reads each."""
import pytest
from django.db import connection

pytestmark = pytest.mark.django_db

INLINE = {"key", "kind", "employee_nip", "agency_code", "unit_code", "document_type_code", "status"}


def test_filter_columns_are_never_moved_out_of_line():
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL storage; this run uses " + connection.vendor)
    with connection.cursor() as cursor:
        cursor.execute("SELECT attname, attstorage FROM pg_attribute "
                       "WHERE attrelid = 'search_searchentry'::regclass AND attnum > 0 AND NOT attisdropped")
        storage = dict(cursor.fetchall())
    assert {name: storage[name] for name in INLINE} == {name: "p" for name in INLINE}
    assert storage["text"] == "x" and storage["search_vector"] == "x"  # the wide ones still go to TOAST
