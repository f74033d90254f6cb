"""The employee's status as a dated history (StatusPeriod): CPNS, PNS, tugas belajar, pensiun …

A period is recorded with the date it takes effect, possibly in the future (a pensiun TMT next
month); `Employee.status` (with the older `status_aktif`/`status_kepegawaian`) is the status in
force today, brought in step when a period is recorded or revoked and, for future dates, by the
daily `employee_statuses_take_effect`.
"""
from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from people.models import Employee, EmploymentStatus, StatusPeriod
from people.selectors_status import employee_status_on, employees_status_out_of_step
from archive.services.audit import audit_record


def status_period_record(*, employee: Employee, status: str, effective_from: dt.date, actor=None,
                         reason: str = "", issued_document=None) -> StatusPeriod:
    """Record that from `effective_from` the employee's status is `status`; the caller holds the
    transaction (a decree records its periods in the issuing transaction)."""
    if status not in EmploymentStatus.values:
        raise ValueError(f"unknown employment status {status!r}")
    period = StatusPeriod.objects.create(employee=employee, status=status, effective_from=effective_from,
                                         reason=reason[:300], issued_document=issued_document, recorded_by=actor)
    audit_record(actor=actor, action="employee.status", target=f"employee:{employee.nip}",
                 details={"status": status, "from": effective_from.isoformat(), "reason": reason[:300],
                          "issued": issued_document.number if issued_document else None})
    employee_status_sync(employee)
    return period


def status_period_revoke(*, period: StatusPeriod) -> None:
    """A revoked decree's period stops counting, for every date (the decree was wrong)."""
    StatusPeriod.objects.filter(pk=period.pk, revoked_at__isnull=True).update(revoked_at=timezone.now())
    employee_status_sync(period.employee)


# The older two columns, kept for the readers that still filter on them.
_ACTIVE_COLUMN = {"pensiun": Employee.ActiveStatus.RETIRED, "meninggal": Employee.ActiveStatus.LEFT,
                  "pindah_keluar": Employee.ActiveStatus.LEFT, "diberhentikan": Employee.ActiveStatus.LEFT}
_TYPE_COLUMN = {"cpns": Employee.EmploymentType.CPNS, "pns": Employee.EmploymentType.PNS,
                "pppk": Employee.EmploymentType.PPPK}


def employee_status_sync(employee: Employee, *, today: dt.date | None = None) -> bool:
    """Bring the employee's current-status columns in step with the history; True if they changed."""
    today = today or timezone.localdate()
    status = employee_status_on(employee, today)
    if status is None:
        return False
    appointment = (StatusPeriod.objects.filter(employee=employee, revoked_at__isnull=True,
                                               effective_from__lte=today, status__in=list(_TYPE_COLUMN))
                   .order_by("-effective_from", "-id").values_list("status", flat=True).first())
    values = {"status": status, "status_aktif": _ACTIVE_COLUMN.get(status, Employee.ActiveStatus.ACTIVE)}
    if appointment:
        values["status_kepegawaian"] = _TYPE_COLUMN[appointment]
    current = Employee.objects.filter(pk=employee.pk).values(*values).first()
    if current == values:
        return False
    Employee.objects.filter(pk=employee.pk).update(**values, updated_at=timezone.now())
    for name, value in values.items():
        setattr(employee, name, value)
    _accounts_follow(employee, status)
    return True


def _accounts_follow(employee: Employee, status: str) -> None:
    """The employee's login follows their status (read-only when retired, closed when gone)."""
    try:
        from accounts.services import account_follow_employee_status
    except ImportError:  # accounts governance not installed in this build
        return
    account_follow_employee_status(employee=employee, status=status)


def employee_statuses_take_effect(*, today: dt.date | None = None) -> int:
    """Daily: periods whose date has come (a pensiun TMT today) take effect; returns how many
    employees changed. Reads only those whose columns are out of step with their history (one
    query), so the daily run costs little on a province of any size; safe to run again."""
    today = today or timezone.localdate()
    changed = 0
    for employee in list(employees_status_out_of_step(today)):
        with transaction.atomic():
            changed += employee_status_sync(employee, today=today)
    return changed


def initial_status_period(employee: Employee, *, actor=None) -> StatusPeriod | None:
    """A new employee's first period: their appointment type from the TMT in their NIP."""
    from ocr.nip import InvalidNip, parse_nip

    try:
        nip = parse_nip(employee.nip)
        since = dt.date(nip.appointment_year, nip.appointment_month, 1)
    except InvalidNip:
        since = timezone.localdate()
    status = (employee.status_kepegawaian or "PNS").lower()
    return StatusPeriod.objects.create(employee=employee, status=status, effective_from=since,
                                       reason="Data awal pegawai", recorded_by=actor)
