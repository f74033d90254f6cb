"""The reconciliation export `on` a day lists the employees on the books that day (status
history), with their golongan that day (riwayat pangkat); without it, everyone as they are today."""
import csv
import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from people.models import Employee, HistoryEntry
from archive.services.demo import DEMO_PEGAWAI_NIP
from people.services.status import status_period_record

pytestmark = pytest.mark.django_db


def _rows(response):
    assert response.status_code == 200, response.content
    return {row["nip"]: row for row in csv.DictReader(io.StringIO(response.content.decode()))}


def test_export_on_a_day(users, api_client_for, tmp_path):
    today = timezone.localdate()
    yesterday = today - dt.timedelta(days=1)
    dewi = Employee.objects.get(nip=DEMO_PEGAWAI_NIP)
    HistoryEntry.objects.create(employee=dewi, kind="pangkat", title="Penata, III/c", effective_date=dt.date(2020, 4, 1))
    HistoryEntry.objects.create(employee=dewi, kind="pangkat", title="Penata Tingkat I, III/d", effective_date=today)
    Employee.objects.filter(pk=dewi.pk).update(golongan="III/d")
    retired = Employee.objects.exclude(pk=dewi.pk).order_by("nip").first()
    status_period_record(employee=retired, status="pensiun", effective_from=today, actor=users["admin"],
                         reason="Batas usia pensiun")
    admin = api_client_for(users["admin"])

    everyone = _rows(admin.get("/api/v1/reconciliation/export/", {"as": "csv"}))
    assert len(everyone) == Employee.objects.count() and everyone[DEMO_PEGAWAI_NIP]["pangkat_golongan"] == \
        "Penata Tingkat I, III/d"
    then = _rows(admin.get("/api/v1/reconciliation/export/", {"as": "csv", "on": yesterday.isoformat()}))
    assert retired.nip in then and then[DEMO_PEGAWAI_NIP]["pangkat_golongan"] == "Penata, III/c"
    now = _rows(admin.get("/api/v1/reconciliation/export/", {"as": "csv", "on": today.isoformat()}))
    assert retired.nip not in now and len(now) == len(everyone) - 1
    assert admin.get("/api/v1/reconciliation/export/", {"on": "kemarin"}).status_code == 400

    output = tmp_path / "export.csv"
    call_command("reconciliation_export", "--on", yesterday.isoformat(), "--output", str(output))
    assert output.read_text(encoding="utf-8").count("\n") == len(then) + 1
