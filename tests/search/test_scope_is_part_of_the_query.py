"""An employee finds only their own documents, a fasilitator only their units'; counts and
facets never include what the caller may not see."""
import pytest

from search.query import SearchQuery
from search.selectors import search_documents

pytestmark = pytest.mark.django_db


def _search(library, user, **kw):
    return search_documents(library.user(user), SearchQuery(**kw))


def test_employee_sees_only_their_own(library):
    result = _search(library, "pegawai", q="pegawai")
    assert {h.id for h in result.hits} == library.ids("dewi_sk_cpns")
    assert result.count == 1
    everything = _search(library, "pegawai")
    assert {h.id for h in everything.hits} == library.ids("dewi_sk_cpns", "dewi_ijazah")


def test_employee_cannot_find_a_colleague_by_name_or_nip(library):
    assert _search(library, "pegawai", q="Sri Mulyaningsih").count == 0
    assert _search(library, "pegawai", q="197206142000032004").count == 0


def test_fasilitator_sees_only_their_units(library):
    # fasilitator serves DINKES-YANKES and DINKES-SEK; Bambang is in KOMINFO-APT
    result = _search(library, "fasilitator", q="pegawai")
    assert {h.id for h in result.hits} == library.ids("dewi_sk_cpns", "sri_spmt", "sri_kgb")
    assert result.count == 3


def test_fasilitator_facet_counts_exclude_other_units(library):
    result = _search(library, "fasilitator", q="keputusan")
    units = {v.value: v.count for v in result.facets["unit"]}
    assert units == {"DINKES-YANKES": 1}  # bambang_mutasi also says "keputusan", in KOMINFO-APT
    types = {v.value: v.count for v in result.facets["document_type"]}
    assert types == {"sk_cpns": 1}
    assert result.count == 1
    everything = _search(library, "fasilitator")
    assert sum(v.count for v in everything.facets["status"]) == everything.count == 4
    assert "KOMINFO-APT" not in {v.value for v in everything.facets["unit"]}


def test_fasilitator_filtering_another_unit_gets_nothing(library):
    result = _search(library, "fasilitator", unit="KOMINFO-APT")
    assert result.count == 0 and all(not values for values in result.facets.values())


def test_fasilitator_cannot_reach_an_outsider_by_name_typo_or_nip_prefix(library):
    assert _search(library, "fasilitator", q="Bambang Sutrisna").count == 0
    assert _search(library, "fasilitator", q="19881102").count == 0


def test_administrator_sees_all(library):
    assert _search(library, "admin").count == 6


def test_a_login_without_a_role_sees_nothing(library, django_user_model):
    nobody = django_user_model.objects.create_user("tamu", password="x-Rahasia-123")
    assert search_documents(nobody, SearchQuery()).count == 0
