"""The record follows the decree both ways: revoking an SK kenaikan pangkat restores the previous
rank and withdraws its riwayat line, and says so; a corrected re-issue replaces the first
version's change instead of stacking on it; revoking a pensiun puts the employee back on the roll."""
import datetime as dt

import pytest

from people.models import Employee, HistoryEntry
from people.selectors_status import employee_status_on
from archive.services.demo import DEMO_PEGAWAI_NIP

pytestmark = pytest.mark.django_db


def _rank_lines(employee):
    return list(HistoryEntry.objects.filter(employee=employee, kind="pangkat", revoked_at__isnull=True)
                .values_list("title", "effective_date"))


def test_revoking_a_promotion_restores_the_previous_rank(issue, api_client_for, users, demo):
    dewi = Employee.objects.get(nip=DEMO_PEGAWAI_NIP)
    lines_before = _rank_lines(dewi)
    issued = issue().json()
    dewi.refresh_from_db()
    assert dewi.golongan == "III/d" and len(_rank_lines(dewi)) == len(lines_before) + 1
    assert "III/d" in issued["record_change"]["summary"]

    revoked = api_client_for(users["admin"]).post(f"/api/v1/issued-documents/{issued['id']}/revoke/",
                                                  {"reason": "Salah orang"}, format="json").json()
    dewi.refresh_from_db()
    assert dewi.golongan == "III/c" and _rank_lines(dewi) == lines_before
    assert revoked["record_change"]["reverted_at"]
    assert "golongan: III/d → III/c" in revoked["record_change"]["revert_summary"]
    record = api_client_for(users["admin"]).get(f"/api/v1/employees/{dewi.nip}/").json()
    withdrawn = [h for h in record["history"] if h["reference_number"] == issued["number"]]
    assert len(withdrawn) == 1 and withdrawn[0]["revoked_at"]  # kept, marked


def test_a_corrected_reissue_replaces_the_first_change(issue, api_client_for, users, demo):
    dewi = Employee.objects.get(nip=DEMO_PEGAWAI_NIP)
    lines_before = _rank_lines(dewi)
    first = issue().json()
    admin = api_client_for(users["admin"])
    corrected = admin.post(f"/api/v1/issued-documents/{first['id']}/reissue/",
                           {"fields": {"pangkat_baru": "Penata Tingkat I, III/d", "tmt": "2026-05-01"}},
                           format="json")
    assert corrected.status_code == 201, corrected.json()
    dewi.refresh_from_db()
    assert dewi.golongan == "III/d"
    assert _rank_lines(dewi) == [*lines_before, ("Penata Tingkat I, III/d", dt.date(2026, 5, 1))] or \
        sorted(_rank_lines(dewi)) == sorted([*lines_before, ("Penata Tingkat I, III/d", dt.date(2026, 5, 1))])
    admin.post(f"/api/v1/issued-documents/{corrected.json()['id']}/revoke/", {"reason": "Dibatalkan"}, format="json")
    dewi.refresh_from_db()
    assert dewi.golongan == "III/c" and _rank_lines(dewi) == lines_before


def test_revoking_a_pension_puts_the_employee_back(issue, api_client_for, users, demo):
    dewi = Employee.objects.get(nip=DEMO_PEGAWAI_NIP)
    issued = issue(template="sk_pensiun", fields={"jenis_pensiun": "Tidak Cakap Jasmani/Rohani",
                                                  "tmt": "2026-11-01"}).json()
    dewi.refresh_from_db()
    assert dewi.status == "pensiun" and dewi.status_aktif == "pensiun"
    api_client_for(users["admin"]).post(f"/api/v1/issued-documents/{issued['id']}/revoke/",
                                        {"reason": "Keliru"}, format="json")
    dewi.refresh_from_db()
    assert dewi.status == "pns" and employee_status_on(dewi, dt.date(2026, 12, 1)) == "pns"
