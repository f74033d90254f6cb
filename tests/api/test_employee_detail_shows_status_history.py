"""GET /api/v1/employees/{nip}/ shows the status in force today with its label, and the dated
history (from, reason, the decree's number, revoked ones marked); the list shows the status and
filters by it; labels follow the caller's language."""
import datetime as dt

import pytest
from django.utils import timezone

from people.models import Employee, StatusPeriod
from archive.services.demo import DEMO_PEGAWAI_NIP
from people.services.status import status_period_record, status_period_revoke

pytestmark = pytest.mark.django_db


def test_detail_shows_the_status_and_its_dated_history(users, api_client_for):
    today = timezone.localdate()
    dewi = Employee.objects.get(nip=DEMO_PEGAWAI_NIP)
    wrong = status_period_record(employee=dewi, status="diberhentikan_sementara", effective_from=today,
                                 actor=users["admin"], reason="Salah catat")
    status_period_revoke(period=StatusPeriod.objects.get(pk=wrong.pk))
    status_period_record(employee=dewi, status="tugas_belajar", effective_from=today - dt.timedelta(days=10),
                         actor=users["admin"], reason="SK tugas belajar S2")
    status_period_record(employee=dewi, status="pensiun", effective_from=today + dt.timedelta(days=90),
                         actor=users["admin"], reason="Batas usia pensiun")

    response = api_client_for(users["fasilitator"]).get(f"/api/v1/employees/{DEMO_PEGAWAI_NIP}/")
    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["status"], body["status_label"]) == ("tugas_belajar", "Tugas belajar")
    assert body["golongan"] == "III/c" and body["unit"] == "DINKES-YANKES"
    history = body["status_history"]
    assert [(p["status"], p["from"], p["revoked"]) for p in history] == [
        ("pns", "2010-01-01", False),  # seeded from the TMT in the NIP
        ("tugas_belajar", (today - dt.timedelta(days=10)).isoformat(), False),
        ("diberhentikan_sementara", today.isoformat(), True),
        ("pensiun", (today + dt.timedelta(days=90)).isoformat(), False),  # recorded, not yet in force
    ]
    assert history[0] == {"status": "pns", "label": "PNS", "from": "2010-01-01", "reason": "Data awal pegawai",
                          "issued_number": "", "revoked": False}
    assert history[1]["reason"] == "SK tugas belajar S2" and history[3]["label"] == "Pensiun"

    own = api_client_for(users["pegawai"]).get(f"/api/v1/employees/{DEMO_PEGAWAI_NIP}/").json()
    assert own["status_history"] == history  # the employee sees their own


def test_list_shows_and_filters_by_status(users, api_client_for):
    dewi = Employee.objects.get(nip=DEMO_PEGAWAI_NIP)
    status_period_record(employee=dewi, status="cltn", effective_from=timezone.localdate(), actor=users["admin"],
                         reason="Cuti di luar tanggungan negara 1 tahun")
    admin = api_client_for(users["admin"])

    rows = admin.get("/api/v1/employees/", {"page_size": 100}).json()["results"]
    assert {r["status"] for r in rows} == {"pns", "cltn"}
    assert next(r for r in rows if r["nip"] == DEMO_PEGAWAI_NIP)["status_label"] == "Cuti di luar tanggungan negara"

    only = admin.get("/api/v1/employees/", {"status": "cltn"}).json()
    assert [r["nip"] for r in only["results"]] == [DEMO_PEGAWAI_NIP]
    both = admin.get("/api/v1/employees/", {"status": "cltn,pns", "page_size": 100}).json()
    assert both["count"] == Employee.objects.count()
    refused = admin.get("/api/v1/employees/", {"status": "aktif"})
    assert refused.status_code == 400 and "status" in refused.json()["errors"]

    english = admin.get(f"/api/v1/employees/{DEMO_PEGAWAI_NIP}/", HTTP_ACCEPT_LANGUAGE="en").json()
    assert english["status_label"] == "Unpaid leave (CLTN)"
