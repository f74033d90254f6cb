"""Snippets mark the matched words in the original text, whatever their form, and are HTML-safe."""
import pytest

from search.query import SearchQuery
from search.selectors import search_documents
from tests.search.conftest import make_document

pytestmark = pytest.mark.django_db


def _hit(library, q, key):
    hits = search_documents(library.user("admin"), SearchQuery(q=q)).hits
    return next(h for h in hits if h.id == library.docs[key].pk)


def test_other_word_forms_are_marked(library):
    assert "<mark>Kepegawaian</mark>" in _hit(library, "pegawai", "dewi_sk_cpns").highlight


def test_phrase_words_are_marked(library):
    snippet = _hit(library, '"naskah asli"', "dewi_sk_cpns").highlight
    assert "<mark>naskah</mark> <mark>asli</mark>" in snippet


def test_snippet_is_escaped(library):
    make_document(library.employees["bambang"], "ktp", "Catatan <script>alert(1)</script> pegawai baru")
    hits = search_documents(library.user("admin"), SearchQuery(q="catatan")).hits
    assert len(hits) == 1
    assert "<script>" not in hits[0].highlight and "&lt;script&gt;" in hits[0].highlight
    assert "<mark>Catatan</mark>" in hits[0].highlight
