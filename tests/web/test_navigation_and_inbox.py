"""Every page carries the navigation of its user's role and the unread notifications badge; the
inbox lists notifications newest first, opening one marks it read and goes where it points."""
import pytest

from notifications.models import Notification
from notifications.services.notifications import notification_send

pytestmark = pytest.mark.django_db


def test_navigation_per_role_and_the_inbox(client, users):
    client.force_login(users["pegawai"])
    home = client.get("/", HTTP_ACCEPT_LANGUAGE="id").content.decode()
    assert 'class="main-nav"' in home and "Unggah pindaian" in home and "/alih-media/" not in home
    assert 'class="badge"' not in home
    [note] = notification_send(recipients=[users["pegawai"]], kind="service_request.returned",
                               message="Permohonan Cuti dikembalikan: lampirkan surat permohonan",
                               target="service_request:999")
    page = client.get("/jatuh-tempo/", HTTP_ACCEPT_LANGUAGE="id").content.decode()
    assert '<span class="badge"' in page and ">1</span>" in page
    inbox = client.get("/pemberitahuan/", HTTP_ACCEPT_LANGUAGE="id").content.decode()
    assert "lampirkan surat permohonan" in inbox and 'class="unread"' in inbox
    assert client.post(f"/pemberitahuan/{note.pk}/").status_code == 302
    assert Notification.objects.get(pk=note.pk).read_at is not None
    assert 'class="badge"' not in client.get("/pemberitahuan/").content.decode()
    # Someone else's notification cannot be opened.
    client.force_login(users["fasilitator"])
    assert client.post(f"/pemberitahuan/{note.pk}/").status_code == 404
    staff = client.get("/", HTTP_ACCEPT_LANGUAGE="id").content.decode()
    assert "/alih-media/" in staff and "/verifikasi/" in staff
