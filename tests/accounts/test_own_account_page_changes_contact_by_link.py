"""/akun/: the user's own account page (Indonesian by default, English available). A phone change there
waits for the link sent to the email on record; the page offers the password change, two-factor and
"sign out of all sessions"."""
import pytest

from people.models import Employee
from archive.services.demo import DEMO_PEGAWAI_NIP

pytestmark = pytest.mark.django_db


def test_phone_change_waits_for_the_link(users, client, mailoutbox, settings, django_capture_on_commit_callbacks):
    settings.PUBLIC_BASE_URL = "http://testserver"
    client.force_login(users["pegawai"])
    page = client.get("/akun/").content.decode()
    assert "Akun saya" in page and "Keluar dari semua sesi" in page and "Verifikasi dua langkah" in page
    with django_capture_on_commit_callbacks(execute=True):
        answer = client.post("/akun/", {"email": "dewi.rahayu@example.go.id", "phone": "0812 9999 0000"})
    assert answer.status_code == 302
    assert Employee.objects.get(nip=DEMO_PEGAWAI_NIP).phone != "0812 9999 0000"
    [message] = mailoutbox
    assert message.to == ["dewi.rahayu@example.go.id"] and "telepon" in message.subject
    link = next(w for w in message.body.split() if "/akun/konfirmasi-kontak/" in w).removeprefix("http://testserver")
    assert client.post(link).status_code == 200
    assert Employee.objects.get(nip=DEMO_PEGAWAI_NIP).phone == "0812 9999 0000"


def test_the_page_in_english(users, client):
    client.force_login(users["admin"])
    client.post("/bahasa/", {"language": "en"})
    page = client.get("/akun/").content.decode()
    assert "My account" in page and "Sign out of all sessions" in page
