"""Deciding on the verification page: each decision is recorded with who and why, a rejection
needs a reason the employee can act on, not_authentic needs a note, and the page moves on to the
next scan of the (filtered) queue."""
import pytest

from documents.models import Document, VerificationDecision
from people.models import Employee, Unit
from archive.services.demo import DEMO_PEGAWAI_NIP
from people.services.employees import employee_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def three_scans(users, upload, letter):
    dewi = Employee.objects.get(nip=DEMO_PEGAWAI_NIP)  # DINKES-YANKES
    budi = employee_create(nip="199001012015031001", nama="Budi Santoso", unit=Unit.objects.get(code="DINKES-SEK"))

    def filed(employee, title, document_type):
        response = upload(users["admin"], letter(employee, title), nip=employee.nip, document_type=document_type)
        assert response.status_code == 201
        return response.json()["id"]

    return [filed(dewi, "KARTU TANDA PENDUDUK", "ktp"), filed(budi, "KARTU KELUARGA", "kartu_keluarga"),
            filed(dewi, "NOMOR POKOK WAJIB PAJAK", "npwp")]


def test_verified_is_recorded_and_the_next_scan_opens(client, users, three_scans):
    first, second, third = three_scans
    client.force_login(users["fasilitator"])
    response = client.post(f"/verifikasi/{first}/", {"decision": "verified"})
    assert response.status_code == 302 and response["Location"] == f"/verifikasi/{second}/"
    decision = VerificationDecision.objects.get(version__document_id=first)
    assert (decision.decision, decision.decided_by, decision.note) == ("verified", users["fasilitator"], "")
    assert Document.objects.get(pk=first).status == "verified"
    queue = client.get("/verifikasi/").content.decode()
    assert f"/verifikasi/{first}/" not in queue and f"/verifikasi/{second}/" in queue


def test_filters_carry_over_to_the_next_scan(client, users, three_scans):
    first, second, third = three_scans
    client.force_login(users["fasilitator"])
    queue = client.get("/verifikasi/?unit=DINKES-YANKES").content.decode()
    assert f"/verifikasi/{first}/?unit=DINKES-YANKES" in queue and f"/verifikasi/{second}/" not in queue
    response = client.post(f"/verifikasi/{first}/", {"decision": "verified", "unit": "DINKES-YANKES"})
    assert response["Location"] == f"/verifikasi/{third}/?unit=DINKES-YANKES"
    last = client.post(f"/verifikasi/{third}/", {"decision": "verified", "unit": "DINKES-YANKES"})
    assert last["Location"] == "/verifikasi/?unit=DINKES-YANKES"  # nothing left in that unit


def test_rejection_needs_a_reason_shown_next_to_the_choice(client, users, three_scans):
    first = three_scans[0]
    client.force_login(users["fasilitator"])
    refused = client.post(f"/verifikasi/{first}/", {"decision": "rejected"}, HTTP_ACCEPT_LANGUAGE="id")
    assert refused.status_code == 400
    assert 'id="reason-error"' in refused.content.decode() and not VerificationDecision.objects.exists()
    client.post(f"/verifikasi/{first}/", {"decision": "rejected", "reason": "incomplete", "note": "halaman 2"})
    decision = VerificationDecision.objects.get()
    assert decision.decision == "rejected"
    assert decision.note.startswith("Halaman tidak lengkap") and decision.note.endswith("halaman 2")


def test_not_authentic_needs_a_note_and_drafts_a_warning(client, users, three_scans):
    from issuing.models import IssueDraft

    first = three_scans[0]
    client.force_login(users["fasilitator"])
    refused = client.post(f"/verifikasi/{first}/", {"decision": "not_authentic"})
    assert refused.status_code == 400 and 'id="note-error"' in refused.content.decode()
    client.post(f"/verifikasi/{first}/", {"decision": "not_authentic", "note": "Stempel hasil tempelan."})
    assert Document.objects.get(pk=first).status == "not_authentic"
    assert IssueDraft.objects.filter(employee__nip=DEMO_PEGAWAI_NIP, template="teguran_tertulis").exists()
