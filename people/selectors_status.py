"""Reads of the dated employee status: what it was on any day, who was on the books then.

Counting "as of a day" reads the history, never today's columns: a past day's headcount is the
same however many times it is asked, whatever was recorded since (a pensiun recorded in November
with TMT 1 November does not change September's figures). The golongan on a day comes from the
riwayat pangkat (`golongan_on`). What is not dated is read as it is today: an employee's unit (a
transfer moves their whole past with them). See docs/records.md.
"""
from __future__ import annotations

import datetime as dt
from functools import lru_cache

from django.db.models import F, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Upper
from django.utils import timezone

from issuing.models import RecordChange
from people.models import ON_ROLL_STATUSES, Employee, EmploymentStatus, HistoryEntry, StatusPeriod
from people.ranks import parse_pangkat_golongan

# The appointment types (the statistics' "status" dimension: CPNS, PNS, PPPK).
APPOINTMENT_STATUSES = ("cpns", "pns", "pppk")


def _periods_until(day: dt.date) -> QuerySet[StatusPeriod]:
    return StatusPeriod.objects.filter(revoked_at__isnull=True, effective_from__lte=day)


def employee_status_on(employee: Employee, day: dt.date) -> str | None:
    """The status in force on `day` (None: not yet appointed then)."""
    return (_periods_until(day).filter(employee=employee).order_by("-effective_from", "-id")
            .values_list("status", flat=True).first())


def _latest_status_on(day: dt.date, statuses=None) -> Subquery:
    periods = _periods_until(day).filter(employee=OuterRef("pk"))
    if statuses is not None:
        periods = periods.filter(status__in=statuses)
    return Subquery(periods.order_by("-effective_from", "-id").values("status")[:1])


def employees_with_status_on(day: dt.date, employees: QuerySet[Employee] | None = None) -> QuerySet[Employee]:
    """The employees annotated with `status_on` (their status on `day`), one query."""
    return (employees if employees is not None else Employee.objects.all()).annotate(status_on=_latest_status_on(day))


def employees_on_roll(day: dt.date, employees: QuerySet[Employee] | None = None) -> QuerySet[Employee]:
    """Who was on the province's books on `day` (CPNS, PNS, PPPK, and those on leave, study or suspension)."""
    return employees_with_status_on(day, employees).filter(status_on__in=ON_ROLL_STATUSES)


def employees_with_status_across(first_day: dt.date, last_day: dt.date,
                                 employees: QuerySet[Employee] | None = None) -> QuerySet[Employee]:
    """Annotated with `status_before` (on the day before `first_day`) and `status_after` (on
    `last_day`): who joined or left the books over a period, one query."""
    employees = employees if employees is not None else Employee.objects.all()
    return employees.annotate(status_before=_latest_status_on(first_day - dt.timedelta(days=1)),
                              status_after=_latest_status_on(last_day))


def employees_with_appointment_on(day: dt.date, employees: QuerySet[Employee] | None = None) -> QuerySet[Employee]:
    """Annotated with `appointment_on`: "CPNS", "PNS" or "PPPK" on `day` (the latest appointment
    period by then: on leave or study one keeps one's appointment); None when there is none."""
    employees = employees if employees is not None else Employee.objects.all()
    return employees.annotate(appointment_on=Upper(_latest_status_on(day, APPOINTMENT_STATUSES)))


def golongan_on(day: dt.date, employees: QuerySet[Employee] | None = None) -> dict[int, str]:
    """Employee id -> golongan on `day` ("" when none), for many employees at once:
    - the latest riwayat pangkat in force that day (unrevoked, TMT on or before it);
    - else, when a later promotion decree is recorded, the golongan it replaced (its RecordChange);
    - else the employee's golongan today (nothing dated reaches back further)."""
    entries = HistoryEntry.objects.filter(employee=OuterRef("pk"), kind=HistoryEntry.Kind.PANGKAT,
                                          revoked_at__isnull=True)
    in_force = entries.filter(effective_date__lte=day).order_by("-effective_date", "-id")
    first_later = entries.filter(effective_date__gt=day).order_by("effective_date", "id")
    employees = employees if employees is not None else Employee.objects.all()
    rows = employees.order_by().annotate(
        pangkat_on=Subquery(in_force.values("title")[:1]),
        pangkat_golongan_on=Subquery(in_force.values("details__golongan")[:1]),
        next_decree=Subquery(first_later.values("details__issued_document")[:1]),
    ).values_list("pk", "golongan", "pangkat_on", "pangkat_golongan_on", "next_decree")
    found, replaced_by = {}, {}
    for pk, today_golongan, title, recorded, next_decree in rows.iterator(chunk_size=5000):
        golongan = ((_golongan_in(recorded) if isinstance(recorded, str) else None)
                    or (_golongan_in(title) if title else None))
        if golongan is None and isinstance(next_decree, int):
            replaced_by[pk] = next_decree
        found[pk] = golongan or today_golongan
    if replaced_by:
        before = {}
        for issued_id, changes in (RecordChange.objects.filter(issued_document_id__in=set(replaced_by.values()))
                                   .values_list("issued_document_id", "changes")):
            old = ((changes or {}).get("fields") or {}).get("golongan")
            if isinstance(old, (list, tuple)) and len(old) == 2 and old[0] is not None:
                before[issued_id] = old[0]
        for pk, issued_id in replaced_by.items():
            if issued_id in before:
                found[pk] = before[issued_id]
    return found


@lru_cache(maxsize=512)
def _golongan_in(title: str) -> str | None:
    return parse_pangkat_golongan(title)


def employees_status_out_of_step(day: dt.date) -> QuerySet[Employee]:
    """Employees whose `status` column is not the status their history puts in force on `day`
    (a period whose date has come; what the daily take-effect run brings in step)."""
    return (employees_with_status_on(day).filter(status_on__isnull=False)
            .filter(~Q(status=F("status_on"))))


def status_history(employee: Employee) -> list[dict]:
    """The employee's periods, oldest first, revoked ones included and marked."""
    return [{"status": p.status, "label": p.get_status_display(), "from": p.effective_from,
             "reason": p.reason, "issued_number": p.issued_document.number if p.issued_document else "",
             "revoked": p.revoked_at is not None}
            for p in employee.status_history.select_related("issued_document").order_by("effective_from", "id")]


def status_label(status: str) -> str:
    """'pensiun' -> 'Pensiun' (in the active language)."""
    return str(EmploymentStatus(status).label) if status in EmploymentStatus.values else status


def status_overview(employee: Employee, *, today: dt.date | None = None) -> dict:
    """What the pages show: the status in force today, since when, and the dated history (newest
    first), each period marked current, past, upcoming (recorded with a later date) or revoked."""
    today = today or timezone.localdate()
    periods = status_history(employee)
    current = next((p for p in reversed(periods) if not p["revoked"] and p["from"] <= today), None)
    for period in periods:
        period["state"] = ("revoked" if period["revoked"] else "current" if period is current
                           else "upcoming" if period["from"] > today else "past")
    status = current["status"] if current else employee.status
    return {"status": status, "label": status_label(status), "since": current["from"] if current else None,
            "periods": periods[::-1]}
