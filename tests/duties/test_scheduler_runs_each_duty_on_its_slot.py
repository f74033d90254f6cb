"""The embedded scheduler runs the same duties as Celery beat on their slots: a scan left
`received` (its task never ran) is finished by the recovery duty, the Monday digest goes out once,
and the report of a quarter just closed is issued on the first day of the next."""
import datetime as dt

import pytest
import time_machine

from documents.models import DocumentVersion
from issuing.models import IssuedDocument
from archive.services.scheduler import scheduler_tick

pytestmark = pytest.mark.django_db
WIB = dt.timezone(dt.timedelta(hours=7))


def test_a_scan_left_received_is_finished_by_the_recovery_duty(demo, users, api_client_for, letter):
    import io

    from people.models import Employee
    from archive.services.demo import DEMO_PEGAWAI_NIP

    dewi = Employee.objects.get(nip=DEMO_PEGAWAI_NIP)
    with time_machine.travel(dt.datetime(2026, 12, 6, 9, 0, tzinfo=WIB), tick=False):
        assert scheduler_tick() == {}  # first sight: every duty starts counting from now
        body = {"file": io.BytesIO(letter(dewi, "SURAT KEPUTUSAN")), "employee": dewi.nip, "document_type": "ktp"}
        body["file"].name = "ktp.pdf"
        # The upload commits, but its processing task is never sent (as with the broker down).
        assert api_client_for(users["pegawai"]).post("/api/v1/documents/", body, format="multipart").status_code == 201
    version = DocumentVersion.objects.get()
    assert version.status == "received"
    with time_machine.travel(dt.datetime(2026, 12, 6, 9, 20, tzinfo=WIB), tick=False):
        ran = scheduler_tick()
    assert ran["resume-stuck-processing"] == "1"
    version.refresh_from_db()
    assert version.status == "awaiting_verification"


def test_digest_on_monday_and_the_closed_quarters_report(demo, signing_settings):
    # (The test PKI is only days old: the clock goes forward, never before its certificates.)
    with time_machine.travel(dt.datetime(2026, 12, 31, 23, 0, tzinfo=WIB), tick=False):
        scheduler_tick()
    with time_machine.travel(dt.datetime(2027, 1, 1, 7, 1, tzinfo=WIB), tick=False):
        ran = scheduler_tick()
    assert ran["quarterly-report"].startswith("800.2/") and "weekly-digests" not in ran, ran
    report = IssuedDocument.objects.get(template="laporan_triwulan")
    assert report.fields == {"quarter": "2026Q4"}
    with time_machine.travel(dt.datetime(2027, 1, 4, 6, 1, tzinfo=WIB), tick=False):  # Monday
        ran = scheduler_tick()
    assert ran["weekly-digests"] != "0" and "quarterly-report" not in ran, ran
    with time_machine.travel(dt.datetime(2027, 1, 4, 6, 30, tzinfo=WIB), tick=False):
        assert "weekly-digests" not in scheduler_tick()
