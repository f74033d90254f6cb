"""PostgreSQL: for a fasilitator's common word, the newest matches are found by walking each of
their units' (unit_id, document_date) index and merging, instead of sorting every match by
date. Both ways must give the same page, in the same order, within the scope."""
import datetime as dt

import pytest
from django.db import connection

from search.backends import get_backend
from search.query import IndexEntry, Scope, SearchQuery
from search.text import parse_query

pytestmark = pytest.mark.django_db


def _entry(i: int, unit_id: int, text: str) -> IndexEntry:
    return IndexEntry(
        key=f"scan:{700_000 + i}", kind="scan", document_id=700_000 + i, employee_id=600_000 + i,
        employee_nip=f"19800101200501{i:04d}"[:18], employee_name=f"Pegawai Uji {i}", agency_code="UJI",
        unit_id=unit_id, unit_code=f"UJI-{unit_id}", unit_name=f"Unit Uji {unit_id}", document_type_code="sk_cpns",
        document_type_name="SK CPNS", status="verified", title="SK CPNS", text=text,
        document_date=dt.date(1990 + i % 30, 1 + i % 12, 1))


@pytest.fixture
def units():
    if connection.vendor != "postgresql":
        pytest.skip("the unit walk is the PostgreSQL back end's")
    # Units 1-4; "kinerja" in two of every three entries, "arsip" in the others.
    get_backend().upsert([_entry(i, 1 + i % 4, "laporan " + ("kinerja" if i % 3 else "arsip")) for i in range(300)])
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE search_searchentry")


@pytest.mark.parametrize("sort", ["newest", "oldest"])
def test_walking_each_unit_gives_the_page_sorting_all_matches_gives(units, sort):
    backend = get_backend()
    scope = Scope(unit_ids=frozenset({1, 3, 4}))
    query = SearchQuery(q="kinerja", date_from=dt.date(1995, 1, 1), sort=sort)
    parsed = parse_query(query.q)
    with backend.reading(parsed):
        where_sql, params, *_ = backend.matching(scope, query, parsed)
        pages = {plan: [backend.page_ids(where_sql, params, sort, 20, offset, plan) for offset in (0, 20, 140)]
                 for plan in ("bitmap", (1, 3, 4))}
    assert pages["bitmap"] == pages[(1, 3, 4)]
    assert len(pages["bitmap"][0]) == 20
    entries = [_entry(i, 1 + i % 4, "") for i in range(300) if i % 3]
    expected = sorted(((e.document_date, e.document_id) for e in entries
                       if e.unit_id in (1, 3, 4) and e.document_date >= dt.date(1995, 1, 1)),
                      reverse=sort == "newest")
    with connection.cursor() as cursor:
        cursor.execute("SELECT id, document_id FROM search_searchentry WHERE id = ANY(%s)", [pages["bitmap"][0]])
        documents = dict(cursor.fetchall())
    assert [documents[i] for i in pages["bitmap"][0]] == [d for _, d in expected[:20]]
