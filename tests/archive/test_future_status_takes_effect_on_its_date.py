"""A status recorded with a later date (a pensiun TMT next month) is in the history at once but
changes nobody's current status until its day: the daily run (Celery beat task, or the
`apply_status_changes` command) brings it into force then, and running it again changes nothing."""
import datetime as dt

import pytest
from django.conf import settings
from django.core.management import call_command
from django.utils import timezone

from people.models import Employee
from people.selectors_status import employee_status_on, employees_on_roll
from archive.services.demo import DEMO_PEGAWAI_NIP
from people.services.status import status_period_record
from people.tasks import apply_status_changes

pytestmark = pytest.mark.django_db


def test_a_period_from_tomorrow_waits_for_tomorrow(users, capsys):
    today = timezone.localdate()
    tomorrow = today + dt.timedelta(days=1)
    employee = Employee.objects.get(nip=DEMO_PEGAWAI_NIP)
    status_period_record(employee=employee, status="pensiun", effective_from=tomorrow, actor=users["admin"],
                         reason="Batas usia pensiun")

    employee.refresh_from_db()
    assert (employee.status, employee.status_aktif) == ("pns", "aktif")  # not yet
    assert employee_status_on(employee, tomorrow) == "pensiun"
    assert employees_on_roll(today).filter(pk=employee.pk).exists()
    assert not employees_on_roll(tomorrow).filter(pk=employee.pk).exists()

    call_command("apply_status_changes")  # today's run: nothing is due
    employee.refresh_from_db()
    assert employee.status == "pns"

    call_command("apply_status_changes", "--date", tomorrow.isoformat())
    assert "1 pegawai" in capsys.readouterr().out
    employee.refresh_from_db()
    assert (employee.status, employee.status_aktif) == ("pensiun", "pensiun")

    assert apply_status_changes.apply(args=[tomorrow.isoformat()]).get() == 0  # again: nothing left to do
    employee.refresh_from_db()
    assert employee.status == "pensiun"


def test_the_celery_task_applies_the_day_and_beat_runs_it_daily(users):
    employee = Employee.objects.get(nip=DEMO_PEGAWAI_NIP)
    today = timezone.localdate()
    status_period_record(employee=employee, status="tugas_belajar", effective_from=today + dt.timedelta(days=3),
                         actor=users["admin"], reason="SK tugas belajar")
    assert apply_status_changes.apply().get() == 0
    assert apply_status_changes.apply(args=[(today + dt.timedelta(days=3)).isoformat()]).get() == 1
    employee.refresh_from_db()
    assert employee.status == "tugas_belajar" and employee.status_aktif == "aktif"  # still on the books

    schedule = settings.CELERY_BEAT_SCHEDULE["apply-status-changes"]
    assert schedule["task"] == apply_status_changes.name
    # daily, just after midnight local time (checked on the crontab itself: a run at 00:04 must not fail)
    assert (schedule["schedule"].hour, schedule["schedule"].minute) == ({0}, {5})


def test_a_wrong_date_is_refused_in_indonesian():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="Tanggal tidak dikenal"):
        call_command("apply_status_changes", "--date", "besok")
