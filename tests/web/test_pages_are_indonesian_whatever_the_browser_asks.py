"""Pages are Indonesian for everyone, whatever language the browser asks for (Accept-Language: en on
English Windows); English only when the user chooses it in the header, and the choice is kept."""
import pytest

pytestmark = pytest.mark.django_db


def test_english_browser_gets_indonesian_until_english_is_chosen(client):
    page = client.get("/masuk/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert '<html lang="id">' in page.content.decode() and "Masuk" in page.content.decode()

    chosen = client.post("/bahasa/", {"language": "en", "next": "/masuk/"}, HTTP_ACCEPT_LANGUAGE="en-US")
    assert chosen.status_code == 302
    cookie = client.cookies["django_language"]
    assert cookie.value == "en" and int(cookie["max-age"]) >= 300 * 24 * 3600  # remembered
    assert '<html lang="en">' in client.get("/masuk/", HTTP_ACCEPT_LANGUAGE="id").content.decode()

    client.post("/bahasa/", {"language": "id", "next": "/masuk/"})
    assert '<html lang="id">' in client.get("/masuk/", HTTP_ACCEPT_LANGUAGE="en").content.decode()


def test_the_api_still_follows_accept_language(client):
    answer = client.get("/api/v1/employees/", HTTP_ACCEPT_LANGUAGE="en")
    assert answer.status_code in (401, 403) and answer.headers["Content-Language"] == "en"
