"""GET /api/v1/verification-queue/: a fasilitator's scans awaiting verification in their units,
oldest first, each with the flags that call for a closer look at the original."""
import pytest

from people.models import Employee, Unit
from archive.services.demo import DEMO_PEGAWAI_NIP
from people.services.employees import employee_create
from tests.support.letters import faint_scan

pytestmark = pytest.mark.django_db


def test_queue_order_scope_and_flags(users, upload, letter, make_user, api_client_for):
    dewi = Employee.objects.get(nip=DEMO_PEGAWAI_NIP)  # DINKES-YANKES
    budi = employee_create(nip="199001012015031001", nama="Budi Santoso", unit=Unit.objects.get(code="DINKES-SEK"))
    eko = employee_create(nip="198807072012121002", nama="Eko Prasetyo", unit=Unit.objects.get(code="BKD-MUT"))
    pegawai, admin = users["pegawai"], users["admin"]
    fasilitator = api_client_for(users["fasilitator"])

    def filed(user, employee, content, document_type):
        response = upload(user, content, nip=employee.nip, document_type=document_type)
        assert response.status_code == 201, response.json()
        return response.json()["id"]

    wrong_person = filed(pegawai, dewi, letter(dewi, "KARTU TANDA PENDUDUK", nip=budi.nip, nama="Budi Santoso"), "ktp")
    shared = letter(dewi, "IJAZAH SARJANA")
    copied_from = filed(pegawai, dewi, shared, "ijazah")
    copied_to = filed(admin, budi, shared, "ijazah")
    reverified = filed(pegawai, dewi, letter(dewi, "SASARAN KINERJA PEGAWAI 2024"), "skp")
    assert fasilitator.post(f"/api/v1/documents/{reverified}/verification/", {"decision": "verified"},
                            format="json").status_code == 201
    faint = filed(admin, budi, faint_scan(letter(budi, "KARTU TANDA PENDUDUK")), "ktp")
    assert filed(pegawai, dewi, letter(dewi, "SASARAN KINERJA PEGAWAI 2025"), "skp") == reverified  # version 2
    elsewhere = filed(admin, eko, letter(eko, "KARTU TANDA PENDUDUK"), "ktp")

    queue = fasilitator.get("/api/v1/verification-queue/").json()
    items = queue["results"]
    assert [i["id"] for i in items] == [wrong_person, copied_from, copied_to, faint, reverified]
    flags = {i["id"]: sorted(f["code"] for f in i["flags"]) for i in items}
    assert flags == {
        wrong_person: ["nama_mismatch", "nip_mismatch"],
        copied_from: ["possible_forgery"],
        copied_to: ["nama_mismatch", "nip_mismatch", "possible_forgery"],  # Dewi's letter, filed for Budi
        faint: ["low_legibility"],
        reverified: ["new_version_of_verified"],
    }
    forgery = next(f for f in items[1]["flags"] if f["code"] == "possible_forgery")
    # the other employee is named (NIP, document) to administrators only (issue 19)
    assert forgery == {"code": "possible_forgery", "same_bytes": True, "detail": "dokumen serupa pada pegawai lain"}
    assert items[-1]["version"] == 2
    assert items[0]["employee"] == {"nip": dewi.nip, "nama": dewi.nama, "unit": "DINKES-YANKES"}

    by_unit = fasilitator.get("/api/v1/verification-queue/?unit=DINKES-SEK").json()["results"]
    assert [i["id"] for i in by_unit] == [copied_to, faint]
    by_flag = fasilitator.get("/api/v1/verification-queue/?flag=possible_forgery").json()["results"]
    assert [i["id"] for i in by_flag] == [copied_from, copied_to]

    # Scope: another unit's fasilitator sees only theirs; an administrator sees all; an employee none.
    outsider = api_client_for(make_user("fas-bkd", "fasilitator", units=["BKD-MUT"]))
    assert [i["id"] for i in outsider.get("/api/v1/verification-queue/").json()["results"]] == [elsewhere]
    assert api_client_for(admin).get("/api/v1/verification-queue/").json()["count"] == 6
    assert api_client_for(pegawai).get("/api/v1/verification-queue/").status_code == 403
