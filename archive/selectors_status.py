"""Reads of the dated employee status: what it was on any day, who was on the books then."""
from __future__ import annotations

import datetime as dt

from django.db.models import OuterRef, QuerySet, Subquery

from archive.models import ON_ROLL_STATUSES, Employee, StatusPeriod


def _periods_until(day: dt.date) -> QuerySet[StatusPeriod]:
    return StatusPeriod.objects.filter(revoked_at__isnull=True, effective_from__lte=day)


def employee_status_on(employee: Employee, day: dt.date) -> str | None:
    """The status in force on `day` (None: not yet appointed then)."""
    return (_periods_until(day).filter(employee=employee).order_by("-effective_from", "-id")
            .values_list("status", flat=True).first())


def employees_with_status_on(day: dt.date, employees: QuerySet[Employee] | None = None) -> QuerySet[Employee]:
    """The employees annotated with `status_on` (their status on `day`), one query."""
    latest = (_periods_until(day).filter(employee=OuterRef("pk")).order_by("-effective_from", "-id")
              .values("status")[:1])
    return (employees if employees is not None else Employee.objects.all()).annotate(status_on=Subquery(latest))


def employees_on_roll(day: dt.date, employees: QuerySet[Employee] | None = None) -> QuerySet[Employee]:
    """Who was on the province's books on `day` (CPNS, PNS, PPPK, and those on leave, study or suspension)."""
    return employees_with_status_on(day, employees).filter(status_on__in=ON_ROLL_STATUSES)


def status_history(employee: Employee) -> list[dict]:
    """The employee's periods, oldest first, revoked ones included and marked."""
    return [{"status": p.status, "label": p.get_status_display(), "from": p.effective_from,
             "reason": p.reason, "issued_number": p.issued_document.number if p.issued_document else "",
             "revoked": p.revoked_at is not None}
            for p in employee.status_history.select_related("issued_document").order_by("effective_from", "id")]
