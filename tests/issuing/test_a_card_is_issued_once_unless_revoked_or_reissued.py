"""A Karpeg is issued once: a second card while the first is in force is refused naming it (a correction
is a re-issue under the same number; a lost or damaged card is revoked, then a new one issued). A
Karis/Karsu likewise, once per spouse. A number carried over from paper holds nothing back."""
import base64

import pytest

from archive.services.demo import DEMO_PEGAWAI_NIP
from people.models import Employee
from tests.services.conftest import photo_jpeg
from tests.support.refusals import refused_taking_nothing

pytestmark = pytest.mark.django_db


@pytest.fixture
def dewi(demo):
    return Employee.objects.get(nip=DEMO_PEGAWAI_NIP)


def _refused(issue, template, fields, field):
    body = refused_taking_nothing(lambda: issue(template=template, fields=fields))
    return body["errors"][field]


def _spouse_card(name):
    return {"jenis_kartu": "KARTU SUAMI", "nama_pasangan": name, "tempat_lahir_pasangan": "Malang",
            "tanggal_lahir_pasangan": "1983-02-01", "tanggal_perkawinan": "2012-06-10",
            "foto_pasangan": base64.b64encode(photo_jpeg()).decode()}


PHOTO = {"foto": base64.b64encode(photo_jpeg()).decode()}


def test_a_second_karpeg_is_refused_until_the_first_is_revoked(issue, dewi, users, api_client_for):
    admin = api_client_for(users["admin"])
    first = issue(template="kartu_pegawai", fields=PHOTO)
    assert first.status_code == 201, first.json()
    number = first.json()["number"]
    why = _refused(issue, "kartu_pegawai", PHOTO, "employee")
    assert f"sudah memiliki Karpeg {number}" in why and "terbitkan ulang" in why
    corrected = admin.post(f"/api/v1/issued-documents/{first.json()['id']}/reissue/", {"fields": PHOTO}, format="json")
    assert corrected.status_code == 201, corrected.json()  # a correction keeps the number
    assert admin.post(f"/api/v1/issued-documents/{corrected.json()['id']}/revoke/", {"reason": "Kartu hilang"},
                      format="json").status_code == 200
    replacement = issue(template="kartu_pegawai", fields=PHOTO)
    assert replacement.status_code == 201, replacement.json()
    assert Employee.objects.get(pk=dewi.pk).nomor_karpeg == replacement.json()["number"] != number


def test_a_karpeg_number_from_paper_holds_nothing_back(issue, dewi):
    Employee.objects.filter(pk=dewi.pk).update(nomor_karpeg="E 123456")
    assert issue(template="kartu_pegawai", fields=PHOTO).status_code == 201


def test_a_spouse_card_is_issued_once_per_spouse(issue, dewi):
    Employee.objects.filter(pk=dewi.pk).update(status_perkawinan=Employee.MaritalStatus.MARRIED)
    first = issue(template="karis_karsu", fields=_spouse_card("Budi Santoso"))
    assert first.status_code == 201, first.json()
    why = _refused(issue, "karis_karsu", _spouse_card("budi santoso "), "nama_pasangan")
    assert f"Budi Santoso sudah memiliki kartu {first.json()['number']}" in why
