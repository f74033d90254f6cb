"""Filters by employee, unit, document type, status, kind and date range, alone or with words."""
import datetime as dt

import pytest

from search.query import SearchQuery
from search.selectors import search_documents

pytestmark = pytest.mark.django_db


def _ids(library, q="", **kw):
    return {hit.id for hit in search_documents(library.user("admin"), SearchQuery(q=q, **kw)).hits}


def test_unit(library):
    assert _ids(library, unit="KOMINFO-APT") == library.ids("bambang_mutasi", "bambang_reversed")


def test_document_type(library):
    assert _ids(library, document_type="sk_cpns") == library.ids("dewi_sk_cpns", "bambang_reversed")


def test_status(library):
    assert _ids(library, status="verified") == library.ids("dewi_sk_cpns", "sri_kgb")


def test_date_range_uses_the_effective_date_when_known(library):
    # dewi_ijazah was uploaded in 2021 but its diploma is dated 2008-08-30
    assert _ids(library, date_from=dt.date(2008, 1, 1), date_to=dt.date(2010, 12, 31)) == \
        library.ids("dewi_ijazah", "dewi_sk_cpns")


def test_filters_combine_with_words(library):
    assert _ids(library, "pegawai", unit="DINKES-SEK") == library.ids("sri_spmt", "sri_kgb")
    assert _ids(library, "pegawai", unit="DINKES-SEK", status="verified") == library.ids("sri_kgb")


def test_kind(library):
    assert _ids(library, kind="issued") == set()
    assert len(_ids(library, kind="scan")) == 6
