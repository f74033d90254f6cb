"""The golongan counted for a past day (statistics, reconciliation export) is the one in force
then: the riwayat pangkat up to that day, or — for an employee whose only riwayat is a later
promotion decree — the golongan that decree replaced; a revoked decree no longer counts."""
import datetime as dt

import pytest
from django.utils import timezone

from people.models import Employee, HistoryEntry
from people.selectors_status import golongan_on
from archive.services.demo import DEMO_PEGAWAI_NIP
from issuing.services.issuing import issued_document_issue, issued_document_revoke

pytestmark = pytest.mark.django_db


def test_golongan_on_a_day_before_and_after_a_promotion(users, signing_settings, django_capture_on_commit_callbacks):
    today = timezone.localdate()
    tmt = today.replace(day=1)
    before_tmt = tmt - dt.timedelta(days=1)
    dewi = Employee.objects.get(nip=DEMO_PEGAWAI_NIP)
    assert not dewi.history.filter(kind="pangkat").exists() and dewi.golongan == "III/c"

    with django_capture_on_commit_callbacks(execute=True):
        decree = issued_document_issue(actor=users["admin"], template="sk_kenaikan_pangkat", employee=dewi,
                                       fields={"pangkat_baru": "Penata Tingkat I, III/d", "tmt": tmt.isoformat()})
    dewi.refresh_from_db()
    assert dewi.golongan == "III/d"
    employees = Employee.objects.filter(pk=dewi.pk)
    assert golongan_on(tmt, employees) == {dewi.pk: "III/d"}
    assert golongan_on(before_tmt, employees) == {dewi.pk: "III/c"}  # what the decree replaced

    # Someone with a riwayat reaching back: the entry in force that day.
    other = Employee.objects.exclude(pk=dewi.pk).order_by("nip").first()
    HistoryEntry.objects.create(employee=other, kind="pangkat", title="Pengatur, II/c", effective_date=dt.date(2012, 4, 1))
    HistoryEntry.objects.create(employee=other, kind="pangkat", title="Pengatur Tingkat I, II/d",
                                effective_date=dt.date(2016, 4, 1))
    assert golongan_on(dt.date(2015, 12, 31), Employee.objects.filter(pk=other.pk)) == {other.pk: "II/c"}
    assert golongan_on(dt.date(2016, 4, 1), Employee.objects.filter(pk=other.pk)) == {other.pk: "II/d"}

    with django_capture_on_commit_callbacks(execute=True):
        issued_document_revoke(actor=users["admin"], issued=decree, reason="Salah nama pangkat")
    assert golongan_on(today, employees) == golongan_on(before_tmt, employees) == {dewi.pk: "III/c"}
