"""Restructuring without a developer: an administrator creates, renames, merges and closes units and agencies
over the API, each change recorded with its decree. A merged unit's employees move to the unit it joins, and
their history still shows the unit (and the name) of its time."""
import pytest

from archive.models import AuditEvent
from people.models import Employee, Unit
from archive.services.demo import DEMO_PEGAWAI_NIP

pytestmark = pytest.mark.django_db


def test_a_merged_units_employees_keep_their_history_under_the_old_name(users, api_client_for):
    admin = api_client_for(users["admin"])
    assert api_client_for(users["fasilitator"]).get("/api/v1/governance/units/").status_code == 403

    made = admin.post("/api/v1/governance/units/", {"code": "DINKES-SDK", "name": "Bidang Sumber Daya Kesehatan",
                                                    "agency": "DINKES", "decree": "Pergub 12/2026"}, format="json")
    assert made.status_code == 201, made.content
    # the unit's old name, then its new one (a rename splits the line too)
    renamed = admin.post("/api/v1/governance/units/DINKES-YANKES/change/", {
        "action": "rename", "name": "Bidang Pelayanan dan Mutu Kesehatan", "effective_date": "2026-01-02",
        "decree": "Pergub 3/2026"}, format="json")
    assert renamed.status_code == 200 and renamed.json()["name"] == "Bidang Pelayanan dan Mutu Kesehatan"

    members = set(Employee.objects.filter(unit__code="DINKES-YANKES").values_list("nip", flat=True))
    assert DEMO_PEGAWAI_NIP in members
    merged = admin.post("/api/v1/governance/units/DINKES-YANKES/change/", {
        "action": "merge", "into": "DINKES-SDK", "effective_date": "2026-07-01", "decree": "Pergub 40/2026"},
        format="json")
    assert merged.status_code == 200, merged.content
    assert merged.json()["closed_on"] == "2026-07-01"
    assert set(Employee.objects.filter(unit__code="DINKES-SDK").values_list("nip", flat=True)) == members
    assert not Employee.objects.filter(unit__code="DINKES-YANKES").exists()

    history = admin.get(f"/api/v1/governance/employees/{DEMO_PEGAWAI_NIP}/units/").json()
    assert [(line["unit"], line["unit_name"], line["until"]) for line in history] == [
        ("DINKES-YANKES", "Bidang Pelayanan Kesehatan", "2026-01-02"),
        ("DINKES-YANKES", "Bidang Pelayanan dan Mutu Kesehatan", "2026-07-01"),
        ("DINKES-SDK", "Bidang Sumber Daya Kesehatan", None)]
    assert history[-1]["since"] == "2026-07-01" and history[0]["agency_name"] == "Dinas Kesehatan"

    # the unit's fasilitator now serves the unit it joined
    assert users["fasilitator"].profile.units.filter(code="DINKES-SDK").exists()
    # a closed unit does not change again
    again = admin.post("/api/v1/governance/units/DINKES-YANKES/change/", {"action": "rename", "name": "X"},
                       format="json")
    assert again.status_code == 409
    events = admin.get("/api/v1/governance/organisation-events/").json()
    assert {(e["unit"], e["kind"], e["decree"]) for e in events} >= {
        ("DINKES-SDK", "created", "Pergub 12/2026"), ("DINKES-YANKES", "renamed", "Pergub 3/2026"),
        ("DINKES-YANKES", "merged", "Pergub 40/2026")}
    assert AuditEvent.objects.filter(action="unit.merged", target=f"unit:{Unit.objects.get(code='DINKES-YANKES').pk}",
                                     actor=users["admin"]).exists()


def test_agencies_are_created_renamed_and_closed(users, api_client_for):
    admin = api_client_for(users["admin"])
    assert admin.post("/api/v1/governance/agencies/", {"code": "DISKOMINFO", "name": "Dinas Kominfo"},
                      format="json").status_code == 201
    assert admin.post("/api/v1/governance/agencies/", {"code": "DISKOMINFO", "name": "Lagi"},
                      format="json").status_code == 409
    renamed = admin.post("/api/v1/governance/agencies/DISKOMINFO/change/", {
        "action": "rename", "name": "Dinas Komunikasi dan Informatika"}, format="json")
    assert renamed.json()["name"] == "Dinas Komunikasi dan Informatika"
    # an agency with employees cannot simply close; an empty one can
    assert admin.post("/api/v1/governance/agencies/DINKES/change/", {"action": "close"},
                      format="json").status_code == 409
    closed = admin.post("/api/v1/governance/agencies/DISKOMINFO/change/", {"action": "close",
                                                                           "decree": "Pergub 99/2026"}, format="json")
    assert closed.status_code == 200 and closed.json()["closed_on"] is not None
