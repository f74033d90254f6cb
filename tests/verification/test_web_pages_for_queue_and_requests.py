"""The web pages: a fasilitator works the queue (in Indonesian) and decides; an employee starts
a service request and sees what is missing."""
import pytest

from documents.models import Document
from people.models import Employee
from archive.services.demo import DEMO_PEGAWAI_NIP

pytestmark = pytest.mark.django_db


def test_fasilitator_decides_from_the_queue_page(client, users, upload, letter):
    dewi = Employee.objects.get(nip=DEMO_PEGAWAI_NIP)
    document_id = upload(users["pegawai"], letter(dewi, "KTP", nip="199001012015031001", nama="Budi Santoso"),
                         nip=dewi.nip, document_type="ktp").json()["id"]
    client.force_login(users["pegawai"])
    assert client.get("/verifikasi/").status_code == 403
    client.force_login(users["fasilitator"])
    page = client.get("/verifikasi/", HTTP_ACCEPT_LANGUAGE="id").content.decode()
    assert "Antrean verifikasi" in page and "NIP tidak cocok" in page
    assert f"/verifikasi/{document_id}/" in page
    missing_note = client.post(f"/verifikasi/{document_id}/", {"decision": "rejected", "note": ""})
    assert missing_note.status_code == 400
    decided = client.post(f"/verifikasi/{document_id}/", {"decision": "rejected",
                                                          "note": "NIP pada KTP milik orang lain"})
    assert decided.status_code == 302 and Document.objects.get(pk=document_id).status == "rejected"


def test_employee_starts_a_request_and_sees_the_checklist(client, users):
    client.force_login(users["pegawai"])
    catalogue = client.get("/layanan/", HTTP_ACCEPT_LANGUAGE="id").content.decode()
    assert "Kenaikan Pangkat" in catalogue and "Santunan KORPRI" in catalogue
    started = client.post("/layanan/", {"service": "kenaikan_pangkat", "employee": DEMO_PEGAWAI_NIP})
    assert started.status_code == 302
    page = client.get(started["Location"], HTTP_ACCEPT_LANGUAGE="id").content.decode()
    assert "SK Jabatan" in page and "Belum ada — unggah" in page
    refused = client.post(started["Location"], {"action": "submit"})
    assert refused.status_code == 400 and "SK Jabatan" in refused.content.decode()
