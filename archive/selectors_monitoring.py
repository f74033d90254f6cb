"""Monitoring (Pergub Jatim 73/2020 Pasal 13, 17): how complete the files are per unit, and how
old the verification backlog is. Scoped like everything else: a fasilitator sees their units."""
from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.db.models import OuterRef, Q, Subquery
from django.utils import timezone

from documents.catalogue import ANY_CORE_DOCUMENT_TYPES, CORE_DOCUMENT_TYPES, core_document_types
from documents.models import Document, DocumentStatus, DocumentVersion, VerificationDecision
from people.models import ON_ROLL_STATUSES, Employee
from archive.selectors import units_visible_to
from people.selectors_status import APPOINTMENT_STATUSES, employees_on_roll, employees_with_appointment_on


def file_completeness(user, *, now: dt.datetime | None = None, on: dt.date | None = None) -> dict:
    return file_completeness_of_units(units_visible_to(user), now=now, on=on)


def file_completeness_of_units(units, *, now: dt.datetime | None = None, on: dt.date | None = None) -> dict:
    """The same report for the given units (the public statistics read every unit, then aggregate).

    Without `on`: today, the employees on the books (`Employee.status`, kept in step with the dated
    history) and their documents as they are. With `on` (a day): as it stood at the end of that
    day, from dated records only: the employees on the books that day (their status history), the
    scans uploaded by then and the decisions taken by then (a later upload or decision does not
    change a past day's figures); the backlog's ages are counted to the end of that day.

    Each employee is asked for the core documents of their appointment on that day
    (documents.catalogue.core_document_types): a CPNS has no SK PNS yet, a PPPK holds a perjanjian
    kerja instead of SK CPNS/PNS; one on leave or study keeps their appointment's set."""
    now = now or timezone.now()
    units = list(units.select_related("agency").order_by("agency__name", "name"))
    unit_ids = [u.pk for u in units]
    if on is None:
        on_roll = Employee.objects.filter(unit_id__in=unit_ids, status__in=ON_ROLL_STATUSES)
        wanted = _core_types_of(on_roll, timezone.localdate())
        present, verified, backlog = _documents_today(unit_ids, on_roll, now, wanted)
    else:
        on_roll = employees_on_roll(on, Employee.objects.filter(unit_id__in=unit_ids))
        wanted = _core_types_of(on_roll, on)
        present, verified, backlog = _documents_at(unit_ids, on_roll, _end_of(on), wanted)
    employees, required_of = defaultdict(int), defaultdict(int)
    for unit_id, types in wanted.values():
        employees[unit_id] += 1
        required_of[unit_id] += len(types)
    rows = []
    for unit in units:
        required = required_of.get(unit.pk, 0)
        ages = sorted(backlog[unit.pk])
        rows.append({
            "agency": unit.agency.code, "agency_name": unit.agency.name, "unit": unit.code, "unit_name": unit.name,
            "employees": employees.get(unit.pk, 0), "required": required,
            "present": len(present[unit.pk]), "verified": len(verified[unit.pk]),
            "completeness": round(len(verified[unit.pk]) / required * 100, 1) if required else None,
            "backlog": len(ages), "backlog_oldest_days": round(ages[-1], 1) if ages else None,
            "backlog_median_days": round(ages[len(ages) // 2], 1) if ages else None,
        })
    required = sum(r["required"] for r in rows)
    verified_total = sum(r["verified"] for r in rows)
    return {"core_document_types": CORE_DOCUMENT_TYPES,
            "core_document_types_by_status": {status: core_document_types(status) for status in APPOINTMENT_STATUSES},
            "units": rows,
            "totals": {"employees": sum(r["employees"] for r in rows), "required": required,
                       "present": sum(r["present"] for r in rows), "verified": verified_total,
                       "completeness": round(verified_total / required * 100, 1) if required else None,
                       "backlog": sum(r["backlog"] for r in rows)}}


def _end_of(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day + dt.timedelta(days=1), dt.time.min, tzinfo=timezone.get_current_timezone())


def _core_types_of(on_roll, day: dt.date) -> dict[int, tuple[int, frozenset[str]]]:
    """Employee id -> (unit id, the core document types their appointment on `day` asks for). One
    without a dated appointment (an old import) is judged by today's status, else as a PNS."""
    rows = employees_with_appointment_on(day, on_roll).values_list("pk", "unit_id", "appointment_on", "status")
    return {pk: (unit_id, frozenset(core_document_types(
                (appointment or "").lower() or (status if status in APPOINTMENT_STATUSES else "pns"))))
            for pk, unit_id, appointment, status in rows}


def _documents_today(unit_ids, on_roll, now, wanted):
    """Present and verified core documents (unit -> {(employee, type)}) and the backlog (unit -> ages in days)."""
    live = Document.objects.filter(deleted_at__isnull=True, employee__in=on_roll.values("pk"),
                                   document_type__code__in=ANY_CORE_DOCUMENT_TYPES)
    present, verified = defaultdict(set), defaultdict(set)
    for unit_id, employee_id, code, status in live.values_list("employee__unit_id", "employee_id",
                                                               "document_type__code", "status"):
        if code not in wanted.get(employee_id, (None, ()))[1]:
            continue  # not core for this employee (an SK PNS on a PPPK's file)
        present[unit_id].add((employee_id, code))
        if status == DocumentStatus.VERIFIED:
            verified[unit_id].add((employee_id, code))
    backlog = defaultdict(list)
    waiting = Document.objects.filter(deleted_at__isnull=True, employee__unit_id__in=unit_ids,
                                      status=DocumentStatus.AWAITING_VERIFICATION)
    for unit_id, updated_at in waiting.values_list("employee__unit_id", "updated_at"):
        backlog[unit_id].append((now - updated_at).total_seconds() / 86400)
    return present, verified, backlog


# A version whose processing ended in one of these went to the verification queue.
_QUEUED = [DocumentStatus.AWAITING_VERIFICATION, DocumentStatus.VERIFIED, DocumentStatus.REJECTED,
           DocumentStatus.NOT_AUTHENTIC]


def _documents_at(unit_ids, on_roll, end: dt.datetime, wanted):
    """The same as `_documents_today`, as it stood at `end`: each slot's newest version uploaded
    before then, and that version's latest decision taken before then."""
    newest = DocumentVersion.objects.filter(document=OuterRef("pk"), uploaded_at__lt=end).order_by("-number")
    decision = (VerificationDecision.objects.filter(version=OuterRef("version_id"), decided_at__lt=end)
                .order_by("-decided_at", "-id").values("decision")[:1])
    documents = (Document.objects.filter(employee__unit_id__in=unit_ids, created_at__lt=end)
                 .filter(Q(deleted_at__isnull=True) | Q(deleted_at__gte=end))
                 .annotate(version_id=Subquery(newest.values("pk")[:1]),
                           version_status=Subquery(newest.values("status")[:1]),
                           processed_at=Subquery(newest.values("processed_at")[:1]))
                 .filter(version_id__isnull=False)
                 .annotate(decision=Subquery(decision)))
    present, verified = defaultdict(set), defaultdict(set)
    core = documents.filter(employee__in=on_roll.values("pk"), document_type__code__in=ANY_CORE_DOCUMENT_TYPES)
    for unit_id, employee_id, code, decided in core.values_list("employee__unit_id", "employee_id",
                                                                "document_type__code", "decision"):
        if code not in wanted.get(employee_id, (None, ()))[1]:
            continue
        present[unit_id].add((employee_id, code))
        if decided == VerificationDecision.Decision.VERIFIED:
            verified[unit_id].add((employee_id, code))
    backlog = defaultdict(list)
    waiting = documents.filter(decision__isnull=True, processed_at__lt=end, version_status__in=_QUEUED)
    for unit_id, processed_at in waiting.values_list("employee__unit_id", "processed_at"):
        backlog[unit_id].append((end - processed_at).total_seconds() / 86400)
    return present, verified, backlog
