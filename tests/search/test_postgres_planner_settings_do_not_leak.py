"""The PostgreSQL back end tunes the planner for its own statements only: a search inside a
caller's transaction leaves that transaction's settings as they were."""
import pytest
from django.db import connection

from search.query import SearchQuery
from search.selectors import search_documents

pytestmark = pytest.mark.django_db


def _settings():
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_setting('enable_seqscan'), current_setting('jit'), "
                       "current_setting('enable_bitmapscan'), current_setting('enable_indexscan')")
        return cursor.fetchone()


def test_settings_are_put_back(library):
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL planner settings; this run uses " + connection.vendor)
    before = _settings()
    search_documents(library.user("admin"), SearchQuery(q="pegawai"))
    search_documents(library.user("fasilitator"), SearchQuery(q="pegawai", sort="newest"))
    assert _settings() == before
