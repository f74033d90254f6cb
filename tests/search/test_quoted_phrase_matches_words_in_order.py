"""Quoted phrases match the words together and in order, not just anywhere."""
import pytest

from search.query import SearchQuery
from search.selectors import search_documents

pytestmark = pytest.mark.django_db


def _ids(library, q):
    return {hit.id for hit in search_documents(library.user("admin"), SearchQuery(q=q)).hits}


def test_phrase_in_order_is_found(library):
    assert _ids(library, '"sesuai dengan naskah asli"') == library.ids("dewi_sk_cpns")


def test_same_words_apart_or_reordered_are_not_a_phrase_match(library):
    # bambang_reversed has "tidak asli: naskah ... tidak sesuai": every word, never in that order
    assert library.docs["bambang_reversed"].pk in _ids(library, "sesuai naskah asli")
    assert library.docs["bambang_reversed"].pk not in _ids(library, '"sesuai naskah asli"')


def test_phrase_words_are_stemmed_too(library):
    assert _ids(library, '"sistem informasi manajemen pegawai"') == library.ids("dewi_sk_cpns")


def test_phrase_and_word_together(library):
    assert _ids(library, '"melaksanakan tugas" informatika') == library.ids("bambang_mutasi")
