"""Past the retirement age (BUP) of the position the service has already ended: a pension of any kind
dated later is refused, naming the BUP date and how to correct a position whose age is higher; the BUP
pension on its day is issued."""
import pytest

from archive.services.demo import DEMO_PEGAWAI_NIP
from people.models import Employee

pytestmark = pytest.mark.django_db


@pytest.fixture
def dewi(demo):
    return Employee.objects.get(nip=DEMO_PEGAWAI_NIP)  # born March 1985, Perawat Ahli Muda: BUP 58, 2043-04-01


def _preview(api_client_for, users, kind, tmt):
    return api_client_for(users["admin"]).post("/api/v1/issued-documents/preview/", {
        "template": "sk_pensiun", "employee": DEMO_PEGAWAI_NIP,
        "fields": {"jenis_pensiun": kind, "tmt": tmt}}, format="json")


@pytest.mark.parametrize("kind", ["Batas Usia Pensiun", "Tidak Cakap Jasmani/Rohani", "Atas Permintaan Sendiri"])
def test_a_pension_after_the_bup_is_refused(dewi, users, api_client_for, kind):
    answer = _preview(api_client_for, users, kind, "2045-04-01")
    assert answer.status_code == 400
    why = answer.json()["errors"]["tmt"]
    assert "pensiun BUP mulai 2043-04-01" in why and "betulkan dulu jabatan" in why


def test_the_bup_pension_on_its_day_is_issued_and_a_higher_bup_follows_the_position(dewi, users, api_client_for,
                                                                                     issue):
    Employee.objects.filter(pk=dewi.pk).update(jabatan="Perawat Ahli Madya")  # BUP 60: 2045-04-01
    assert _preview(api_client_for, users, "Batas Usia Pensiun", "2045-04-01").status_code == 200
    Employee.objects.filter(pk=dewi.pk).update(jabatan="Perawat Ahli Muda")
    assert issue(template="sk_pensiun", fields={"jenis_pensiun": "Batas Usia Pensiun",
                                                "tmt": "2043-04-01"}).status_code == 201
