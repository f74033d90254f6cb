"""A fasilitator who works in English still sends the employee an Indonesian notification (it is
stored and mailed, and read later in any language): the decision's label was once translated into
the decider's language inside an Indonesian sentence ("… versi 1: Verified.")."""
import pytest

from notifications.models import Notification
from people.models import Employee
from archive.services.demo import DEMO_PEGAWAI_NIP

pytestmark = pytest.mark.django_db


def test_decision_notification_is_indonesian_whatever_the_decider_reads(client, users, upload, letter):
    dewi = Employee.objects.get(nip=DEMO_PEGAWAI_NIP)
    scan = upload(users["admin"], letter(dewi, "KARTU TANDA PENDUDUK"), nip=dewi.nip, document_type="ktp")
    assert scan.status_code == 201
    client.force_login(users["fasilitator"])
    client.post("/bahasa/", {"language": "en", "next": "/verifikasi/"})
    page = client.get(f"/verifikasi/{scan.json()['id']}/").content.decode()
    assert "Verified" in page or "Verify" in page  # the decider reads English
    client.post(f"/verifikasi/{scan.json()['id']}/", {"decision": "verified"})

    notification = Notification.objects.get(recipient=users["pegawai"], kind="document.verified")
    assert notification.message == "KTP versi 1: Terverifikasi."
