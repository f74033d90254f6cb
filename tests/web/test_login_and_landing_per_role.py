"""The web login works with the demo logins and lands each role on its own page,
in Indonesian by default with English switchable."""
import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("username, marker", [
    ("admin", "Administrator BKD"),
    ("fasilitator", "Fasilitator"),
    ("pegawai", "Berkas Saya"),
])
def test_each_role_lands_on_its_page(demo, client, username, marker):
    login = client.post("/masuk/", {"username": username, "password": "Demo-Sandi-2026"})
    assert login.status_code == 302
    page = client.get("/")
    assert page.status_code == 200
    assert marker in page.content.decode()


def test_wrong_password_is_explained_in_indonesian(demo, client):
    page = client.post("/masuk/", {"username": "pegawai", "password": "salah"})
    assert page.status_code == 200
    assert "Nama pengguna atau kata sandi salah" in page.content.decode()


def test_english_is_available(demo, client):
    client.post("/bahasa/", {"language": "en", "next": "/masuk/"})
    page = client.get("/masuk/")
    assert "Log in" in page.content.decode()
    assert 'lang="en"' in page.content.decode()


def test_anonymous_is_sent_to_the_login_page(client):
    response = client.get("/")
    assert response.status_code == 302 and response["Location"].startswith("/masuk/")


def test_openapi_schema_and_docs_are_served(demo, client):
    schema = client.get("/api/schema/")
    assert schema.status_code == 200
    body = schema.content.decode()
    assert "/api/v1/documents/" in body and "/api/v1/employees/{nip}/" in body
    assert client.get("/api/docs/").status_code == 200


def test_page_titles_are_plain_text(demo, client):
    """Bug: the employee page once rendered its issued-documents table inside <title>."""
    import re

    for username in ("admin", "fasilitator", "pegawai"):
        client.post("/masuk/", {"username": username, "password": "Demo-Sandi-2026"})
        html = client.get("/").content.decode()
        title = re.search(r"<title>(.*?)</title>", html, re.S).group(1)
        assert "<" not in title and len(title) < 80, (username, title)
        client.post("/keluar/")


def test_api_docs_load_nothing_from_a_cdn(demo, client):
    """The machines have no internet: the Swagger UI assets are served by the product itself."""
    page = client.get("/api/docs/").content.decode()
    assert "cdn." not in page and "https://" not in page.split("<body")[0]
    assert "swagger-ui" in page
