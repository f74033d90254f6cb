"""A mutasi moves the employee, and with them who may see their file: the old unit's fasilitator
loses them, the new unit's fasilitator gains them, in the same transaction as the decree."""
import pytest

from archive.services.demo import DEMO_PEGAWAI_NIP

pytestmark = pytest.mark.django_db


def test_mutasi_moves_the_employee_between_fasilitators(issue, users, make_user, api_client_for, signing_settings):
    old, new = api_client_for(users["fasilitator"]), api_client_for(make_user("fas-mut", "fasilitator",
                                                                              units=["BKD-MUT"]))
    assert old.get(f"/api/v1/employees/{DEMO_PEGAWAI_NIP}/").status_code == 200
    assert new.get(f"/api/v1/employees/{DEMO_PEGAWAI_NIP}/").status_code == 404
    moved = issue(template="sk_mutasi", fields={"unit_baru": "BKD-MUT", "jabatan_baru": "Analis SDM Aparatur",
                                                "tmt": "2026-07-01"})
    assert moved.status_code == 201, moved.json()
    assert old.get(f"/api/v1/employees/{DEMO_PEGAWAI_NIP}/").status_code == 404
    assert new.get(f"/api/v1/employees/{DEMO_PEGAWAI_NIP}/").json()["unit"] == "BKD-MUT"
    unknown = issue(template="sk_mutasi", fields={"unit_baru": "TIDAK-ADA", "jabatan_baru": "X", "tmt": "2026-08-01"})
    assert unknown.status_code == 400 and "unit_baru" in unknown.json()["errors"]
