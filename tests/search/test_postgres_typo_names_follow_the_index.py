"""PostgreSQL: names with typos are looked up in a table of one row per employee and unit, kept
in step with the index by triggers: a renamed employee is found under the new name (with a
typo), no longer under the old one, and a fasilitator's typo only reaches names of their units."""
import datetime as dt

import pytest
from django.db import connection

from search.backends import get_backend
from search.query import IndexEntry, Scope, SearchQuery

pytestmark = pytest.mark.django_db


def _entry(i: int, name: str, unit_id: int) -> IndexEntry:
    return IndexEntry(
        key=f"scan:{300_000 + i}", kind="scan", document_id=300_000 + i, employee_id=200_000 + i // 2,
        employee_nip=f"19800101200501{i // 2:04d}"[:18], employee_name=name, agency_code="UJI",
        unit_id=unit_id, unit_code=f"UJI-{unit_id}", unit_name=f"Unit Uji {unit_id}", document_type_code="sk_cpns",
        document_type_name="SK CPNS", status="verified", title="SK CPNS", text="laporan kinerja",
        document_date=dt.date(2001 + i, 1, 1))


@pytest.fixture
def postgres():
    if connection.vendor != "postgresql":
        pytest.skip("the names table is the PostgreSQL back end's")


def _documents(scope, q):
    return {hit.id for hit in get_backend().search(scope, SearchQuery(q=q)).hits}


def test_a_renamed_employee_is_found_by_the_new_name_with_a_typo(postgres):
    backend = get_backend()
    backend.upsert([_entry(0, "Wahyu Kusumawati", 1), _entry(1, "Wahyu Kusumawati", 1)])
    assert _documents(Scope(everything=True), "Wahyu Kusumawata") == {300_000, 300_001}
    backend.upsert([_entry(0, "Wahyu Handayani", 1), _entry(1, "Wahyu Handayani", 1)])
    assert _documents(Scope(everything=True), "Wahyu Handayana") == {300_000, 300_001}
    assert _documents(Scope(everything=True), "Wahyu Kusumawata") == set()


def test_a_fasilitators_typo_reaches_only_names_of_their_units(postgres):
    get_backend().upsert([_entry(0, "Retno Wulandari", 1), _entry(2, "Retno Wulandari", 2)])
    assert _documents(Scope(unit_ids=frozenset({2})), "Retno Wulandary") == {300_002}
    with connection.cursor() as cursor:
        cursor.execute("SELECT employee_id, unit_id, employee_name FROM search_employeename "
                       "WHERE employee_id IN (200000, 200001) ORDER BY 1")
        assert cursor.fetchall() == [(200_000, 1, "Retno Wulandari"), (200_001, 2, "Retno Wulandari")]
