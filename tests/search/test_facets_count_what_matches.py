"""Facets count the matching documents by type, unit, status and year."""
import pytest

from search.query import SearchQuery
from search.selectors import search_documents

pytestmark = pytest.mark.django_db


def _facets(result):
    return {name: {v.value: v.count for v in values} for name, values in result.facets.items()}


def test_facets_of_everything(library):
    result = search_documents(library.user("admin"), SearchQuery())
    facets = _facets(result)
    assert result.count == 6
    assert facets["document_type"] == {"sk_cpns": 2, "ijazah": 1, "spmt": 1, "sk_kgb": 1, "sk_mutasi": 1}
    assert facets["unit"] == {"DINKES-YANKES": 2, "DINKES-SEK": 2, "KOMINFO-APT": 2}
    assert facets["status"] == {"verified": 2, "awaiting_verification": 3, "rejected": 1}
    assert facets["year"] == {"2008": 1, "2010": 1, "2012": 1, "2019": 1, "2022": 1, "2023": 1}


def test_facets_follow_the_query_and_filters(library):
    result = search_documents(library.user("admin"), SearchQuery(q="pegawai", status="verified"))
    assert result.count == 2
    assert _facets(result)["unit"] == {"DINKES-YANKES": 1, "DINKES-SEK": 1}


def test_facet_labels_are_names(library):
    result = search_documents(library.user("admin"), SearchQuery(unit="KOMINFO-APT"))
    labels = {v.value: v.label for v in result.facets["unit"]}
    assert labels == {"KOMINFO-APT": "Bidang Aplikasi Informatika"}
    types = {v.value: v.label for v in result.facets["document_type"]}
    assert types["sk_mutasi"] == "SK Mutasi"


def test_years_newest_first_others_most_frequent_first(library):
    result = search_documents(library.user("admin"), SearchQuery())
    years = [v.value for v in result.facets["year"]]
    assert years == sorted(years, reverse=True)
    assert result.facets["document_type"][0].value == "sk_cpns"
