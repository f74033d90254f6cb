"""Indonesian stemming: a word finds the documents that use other forms of it."""
import pytest

from search.query import SearchQuery
from search.selectors import search_documents

pytestmark = pytest.mark.django_db


def _ids(library, q, user="admin", **filters):
    result = search_documents(library.user(user), SearchQuery(q=q, **filters))
    return {hit.id for hit in result.hits}


def test_pegawai_finds_kepegawaian(library):
    assert library.docs["dewi_sk_cpns"].pk in _ids(library, "pegawai")


def test_kepegawaian_finds_pegawai(library):
    assert library.ids("sri_spmt", "bambang_mutasi", "sri_kgb") <= _ids(library, "kepegawaian")


def test_all_words_must_match(library):
    assert _ids(library, "pegawai gaji") == library.ids("sri_kgb")


def test_affixed_forms_meet(library):
    # "menilai" and "penilaian" share the stem "nilai"
    assert _ids(library, "menilai") == library.ids("sri_kgb", "bambang_reversed")


def test_stopwords_alone_find_nothing(library):
    result = search_documents(library.user("admin"), SearchQuery(q="yang dan dengan"))
    assert result.count == 0 and result.hits == []


def test_unknown_word_finds_nothing(library):
    assert _ids(library, "kapalselam") == set()
