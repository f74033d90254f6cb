"""Monitoring (and the quarterly report's completeness section) as of a past day counts the
employees on the books that day, the scans uploaded by its end and the decisions taken by then:
a scan verified today, a new version uploaded today, a retirement from today change today's
figures and leave the past day's as they were."""
import datetime as dt

import pytest
from django.utils import timezone

from documents.models import Document, DocumentVersion
from people.models import Employee
from archive.services.demo import DEMO_PEGAWAI_NIP
from people.services.status import status_period_record

pytestmark = pytest.mark.django_db


def _yankes(report):
    row = next(r for r in report["units"] if r["unit"] == "DINKES-YANKES")
    return row["employees"], row["present"], row["verified"], row["backlog"]


def test_a_past_day_keeps_its_figures(users, upload, letter, api_client_for):
    employee = Employee.objects.get(nip=DEMO_PEGAWAI_NIP)
    ktp = upload(users["pegawai"], letter(employee, title="KARTU TANDA PENDUDUK"), nip=employee.nip,
                 document_type="ktp", filename="ktp.pdf").json()["id"]
    kk = upload(users["pegawai"], letter(employee, title="KARTU KELUARGA"), nip=employee.nip,
                document_type="kartu_keluarga", filename="kk.pdf").json()["id"]
    assert set(Document.objects.filter(pk__in=[ktp, kk]).values_list("status", flat=True)) == {"awaiting_verification"}
    # as if both were uploaded at noon ten days ago: 9.5 days old at the end of yesterday, whatever the hour now
    ten_days_ago = timezone.make_aware(dt.datetime.combine(timezone.localdate() - dt.timedelta(days=10), dt.time(12)))
    Document.objects.filter(pk__in=[ktp, kk]).update(created_at=ten_days_ago)
    DocumentVersion.objects.filter(document__in=[ktp, kk]).update(uploaded_at=ten_days_ago, processed_at=ten_days_ago)

    fasilitator = api_client_for(users["fasilitator"])
    yesterday = (timezone.localdate() - dt.timedelta(days=1)).isoformat()
    staff = Employee.objects.filter(unit__code="DINKES-YANKES").count()
    past = fasilitator.get("/api/v1/monitoring/", {"on": yesterday}).json()
    assert _yankes(past) == (staff, 2, 0, 2)
    assert 9 < next(r for r in past["units"] if r["unit"] == "DINKES-YANKES")["backlog_oldest_days"] < 11

    # Today: the KTP is verified, a new KK scan arrives, and Dewi retires.
    assert fasilitator.post(f"/api/v1/documents/{ktp}/verification/", {"decision": "verified"},
                            format="json").status_code in (200, 201)
    upload(users["pegawai"], letter(employee, title="KARTU KELUARGA BARU"), nip=employee.nip,
           document_type="kartu_keluarga", filename="kk2.pdf")
    assert _yankes(fasilitator.get("/api/v1/monitoring/").json())[1:3] == (2, 1)  # present, verified
    status_period_record(employee=employee, status="pensiun", effective_from=timezone.localdate(),
                         actor=users["admin"], reason="Batas usia pensiun")

    assert fasilitator.get("/api/v1/monitoring/", {"on": yesterday}).json() == past
    today = _yankes(fasilitator.get("/api/v1/monitoring/").json())
    assert today[:3] == (staff - 1, 0, 0)  # a retired employee's file is no longer counted

    tomorrow = (timezone.localdate() + dt.timedelta(days=1)).isoformat()
    assert fasilitator.get("/api/v1/monitoring/", {"on": tomorrow}).status_code == 400
    assert fasilitator.get("/api/v1/monitoring/export/", {"on": "2026-13-01"}).status_code == 400
