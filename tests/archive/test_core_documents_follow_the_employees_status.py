"""The core documents a file must hold follow the employee's status: a PNS holds SK CPNS and SK PNS, a
CPNS only SK CPNS (SK PNS comes later), a PPPK their Perjanjian Kerja instead — in the employee's file,
in the incomplete-file due list and in the separator sheets printed for the gaps (monitoring:
tests/monitoring/test_completeness_asks_each_appointment_for_its_core_documents.py)."""
import pytest

from archive.services.demo import DEMO_PEGAWAI_NIP
from documents.catalogue import core_document_types
from intake.sheets_selectors import separator_slots
from people.models import Employee
from people.selectors import employee_file
from people.services.employees import employee_create

pytestmark = pytest.mark.django_db


def _required(user, employee) -> list[str]:
    return [e.document_type.code for e in employee_file(user, employee) if e.required]


def _missing_words(api, nip) -> str:
    items = api.get("/api/v1/due/", {"kind": "incomplete_file"}).json()["results"]
    return next(i["detail"] for i in items if i["employee"]["nip"] == nip)


def test_each_status_has_its_own_core_documents(demo, users, api_client_for):
    dewi = Employee.objects.get(nip=DEMO_PEGAWAI_NIP)
    sari = employee_create(nip="198002102019032001", nama="Sari Wulandari", unit=dewi.unit, golongan="IX",
                           jabatan="Guru Ahli Pertama", status_kepegawaian="PPPK")
    rizky = employee_create(nip="199802102025061001", nama="Rizky Pratama", unit=dewi.unit, golongan="III/a",
                            jabatan="Perawat Ahli Pertama", status_kepegawaian="CPNS")
    admin = users["admin"]
    assert {"sk_cpns", "sk_pns"} <= set(_required(admin, dewi))
    assert "sk_pns" not in _required(admin, rizky) and "sk_cpns" in _required(admin, rizky)
    assert _required(admin, sari)[0] == "perjanjian_kerja" and not {"sk_cpns", "sk_pns"} & set(_required(admin, sari))

    api = api_client_for(admin)
    assert "Perjanjian Kerja PPPK" in _missing_words(api, sari.nip) and "SK" not in _missing_words(api, sari.nip)
    assert "PNS" not in _missing_words(api, rizky.nip).replace("CPNS", "")

    # the separator sheets for an employee's gaps: their own core set
    assert [slot.document_type for slot in separator_slots(admin, nip=sari.nip)] == core_document_types("pppk")
    assert "sk_pns" not in {slot.document_type for slot in separator_slots(admin, nip=rizky.nip)}
