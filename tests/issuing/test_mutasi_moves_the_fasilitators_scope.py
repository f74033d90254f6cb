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
    assert issue(template="kgb", fields={"gaji_baru": 4123400, "tmt": "2026-03-01"}).status_code == 201
    assert old.get("/api/v1/search/", {"q": "Dewi"}).json()["count"] == 1  # indexed in her old unit
    moved = issue(template="sk_mutasi", fields={"unit_baru": "BKD-MUT", "jabatan_baru": "Analis SDM Aparatur",
                                                "tmt": "2026-07-01"})
    assert moved.status_code == 201, moved.json()
    assert old.get(f"/api/v1/employees/{DEMO_PEGAWAI_NIP}/").status_code == 404
    assert new.get(f"/api/v1/employees/{DEMO_PEGAWAI_NIP}/").json()["unit"] == "BKD-MUT"
    # ... and search follows: her decrees are found by the new unit's fasilitator, not the old one's.
    assert new.get("/api/v1/search/", {"q": "Dewi"}).json()["count"] == 2
    assert old.get("/api/v1/search/", {"q": "Dewi"}).json()["count"] == 0
    unknown = issue(template="sk_mutasi", fields={"unit_baru": "TIDAK-ADA", "jabatan_baru": "X", "tmt": "2026-08-01"})
    assert unknown.status_code == 400 and "unit_baru" in unknown.json()["errors"]


def test_a_fasilitator_who_is_moved_serves_the_new_unit(issue, users, make_user, api_client_for, signing_settings):
    """The fasilitator's own transfer moves the units they serve; revoking the decree moves them back."""
    from people.models import Employee

    colleague = Employee.objects.filter(unit__code="DINKES-YANKES").exclude(nip=DEMO_PEGAWAI_NIP).first()
    from people.models import UserProfile

    helper = make_user("fas-pindah", "fasilitator", units=["DINKES-YANKES"])
    UserProfile.objects.filter(user=helper).update(employee=colleague)  # the fasilitator is an employee too
    moved = issue(nip=colleague.nip, template="sk_mutasi",
                  fields={"unit_baru": "BKD-MUT", "jabatan_baru": "Analis SDM Aparatur", "tmt": "2026-07-01"})
    assert moved.status_code == 201, moved.json()
    assert list(helper.profile.units.values_list("code", flat=True)) == ["BKD-MUT"]
    assert api_client_for(helper).get(f"/api/v1/employees/{DEMO_PEGAWAI_NIP}/").status_code == 404
    api_client_for(users["admin"]).post(f"/api/v1/issued-documents/{moved.json()['id']}/revoke/",
                                        {"reason": "Batal"}, format="json")
    assert list(helper.profile.units.values_list("code", flat=True)) == ["DINKES-YANKES"]
