"""A page someone may not open, or an address with no page, answers in the site's layout, in
Indonesian, with the navigation and a way back — also under DEBUG (`make run`), never Django's bare
"403 Forbidden" or its technical 404 page."""
import pytest

pytestmark = pytest.mark.django_db


def test_employee_opening_a_staff_page_gets_the_sites_403(client, users):
    client.force_login(users["pegawai"])
    answer = client.get("/pemantauan/", HTTP_ACCEPT_LANGUAGE="en")
    page = answer.content.decode()
    assert answer.status_code == 403
    assert 'data-error="403"' in page and "Tidak diizinkan" in page and 'class="main-nav"' in page
    assert 'href="/"' in page and "Forbidden" not in page


@pytest.mark.parametrize("debug", [False, True])
def test_an_address_with_no_page_gets_the_sites_404(client, users, settings, debug):
    settings.DEBUG = debug
    client.force_login(users["fasilitator"])
    answer = client.get("/tidak-ada-halaman/", HTTP_ACCEPT_LANGUAGE="en")
    page = answer.content.decode()
    assert answer.status_code == 404
    assert 'data-error="404"' in page and "Halaman tidak ditemukan" in page and 'class="main-nav"' in page
    assert "DEBUG = True" not in page
    assert client.get("/api/v1/tidak-ada/").json()["code"] == "not_found"  # the API keeps its shape


def test_the_refused_address_is_not_echoed(client, users, make_user):
    """The address may hold a NIP: neither page repeats it (not even in the language form's `next`)."""
    client.force_login(users["pegawai"])
    nip = "198503152010012003"
    assert nip not in client.get(f"/pegawai/{nip}/").content.decode()
    client.force_login(make_user("fas-kominfo", "fasilitator", units=["KOMINFO-APT"]))
    assert nip not in client.get(f"/pegawai/{nip}/berkas.zip").content.decode()
