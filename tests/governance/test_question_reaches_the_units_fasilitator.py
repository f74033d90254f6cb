"""Pasal 10(3)b: an employee asks about a document of theirs; their unit's fasilitator is notified and answers,
and the employee is notified in turn. A fasilitator of another unit neither sees nor answers it."""
import pytest

from notifications.models import Notification
from archive.services.demo import DEMO_PEGAWAI_NIP

pytestmark = pytest.mark.django_db


def test_a_question_on_a_document_goes_to_the_units_fasilitator(users, upload, letter, api_client_for, make_user):
    from people.models import Employee

    dewi = Employee.objects.get(nip=DEMO_PEGAWAI_NIP)
    document_id = upload(users["pegawai"], letter(dewi, title="KARTU TANDA PENDUDUK"), nip=dewi.nip,
                         document_type="ktp", filename="ktp.pdf").json()["id"]
    own = api_client_for(users["pegawai"])
    asked = own.post("/api/v1/governance/questions/", {"text": "Mengapa KTP saya belum diverifikasi?",
                                                      "document": document_id}, format="json")
    assert asked.status_code == 201, asked.content
    question = asked.json()
    assert question["about"] == f"document:{document_id}"
    assert Notification.objects.filter(recipient=users["fasilitator"], kind="question",
                                       target=f"document:{document_id}").exists()

    other = make_user("fasilitator-dikbud", "fasilitator", units=["DIKBUD-SMA"])
    assert api_client_for(other).get("/api/v1/governance/questions/").json() == []
    assert api_client_for(other).post(f"/api/v1/governance/questions/{question['id']}/answer/",
                                      {"answer": "x"}, format="json").status_code == 404

    answered = api_client_for(users["fasilitator"]).post(
        f"/api/v1/governance/questions/{question['id']}/answer/",
        {"answer": "Sedang antre verifikasi; paling lambat Jumat."}, format="json")
    assert answered.status_code == 200 and answered.json()["answered_at"]
    assert Notification.objects.filter(recipient=users["pegawai"], kind="question_answered").exists()
    assert own.get("/api/v1/governance/questions/").json()[0]["answer"].startswith("Sedang antre")
