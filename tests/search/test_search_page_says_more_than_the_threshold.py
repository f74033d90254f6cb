"""The search page says "lebih dari N dokumen" when counting stopped at the threshold, and that the
facet counts come from those first matches; below it, the exact count as before."""
import pytest

pytestmark = pytest.mark.django_db


def test_more_than_the_threshold(library, client, settings):
    client.force_login(library.user("admin"))
    page = client.get("/cari/", {"q": "pegawai"}, HTTP_ACCEPT_LANGUAGE="id").content.decode()
    assert "4 dokumen ditemukan" in page and "lebih dari" not in page
    settings.SEARCH_TRACK_TOTAL_HITS = 2
    page = client.get("/cari/", {"q": "pegawai"}, HTTP_ACCEPT_LANGUAGE="id").content.decode()
    assert "lebih dari 2 dokumen ditemukan" in page
    assert "jumlah per kelompok dihitung dari 2 hasil pertama" in page


def test_thousands_are_written_the_indonesian_way(library, client, settings):
    from django.template.loader import render_to_string
    from django.utils import translation

    from search.query import SearchResult

    with translation.override("id"):
        html = render_to_string("archive/staff/search.html",
                                {"result": SearchResult(count=10_000, count_exact=False, facets_approximate=True),
                                 "facets": [], "form": None})
    assert "lebih dari 10.000 dokumen ditemukan" in html
