"""Monitoring (Pergub Jatim 73/2020 Pasal 13, 17): how complete the files are per unit, and how
old the verification backlog is. Scoped like everything else: a fasilitator sees their units."""
from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.db.models import Count
from django.utils import timezone

from archive.catalogue import CORE_DOCUMENT_TYPES
from archive.models import Document, DocumentStatus, Employee
from archive.selectors import units_visible_to


def file_completeness(user, *, now: dt.datetime | None = None) -> dict:
    return file_completeness_of_units(units_visible_to(user), now=now)


def file_completeness_of_units(units, *, now: dt.datetime | None = None) -> dict:
    """The same report for the given units (the public statistics read every unit, then aggregate)."""
    now = now or timezone.now()
    units = list(units.select_related("agency").order_by("agency__name", "name"))
    unit_ids = [u.pk for u in units]
    employees = dict(Employee.objects.filter(unit_id__in=unit_ids, status_aktif=Employee.ActiveStatus.ACTIVE)
                     .values_list("unit_id").annotate(n=Count("id")))
    live = Document.objects.filter(deleted_at__isnull=True, employee__unit_id__in=unit_ids,
                                   employee__status_aktif=Employee.ActiveStatus.ACTIVE,
                                   document_type__code__in=CORE_DOCUMENT_TYPES)
    present, verified = defaultdict(set), defaultdict(set)
    for unit_id, employee_id, type_id, status in live.values_list("employee__unit_id", "employee_id",
                                                                  "document_type_id", "status"):
        present[unit_id].add((employee_id, type_id))
        if status == DocumentStatus.VERIFIED:
            verified[unit_id].add((employee_id, type_id))
    backlog = defaultdict(list)
    waiting = Document.objects.filter(deleted_at__isnull=True, employee__unit_id__in=unit_ids,
                                      status=DocumentStatus.AWAITING_VERIFICATION)
    for unit_id, updated_at in waiting.values_list("employee__unit_id", "updated_at"):
        backlog[unit_id].append((now - updated_at).total_seconds() / 86400)
    rows = []
    for unit in units:
        required = employees.get(unit.pk, 0) * len(CORE_DOCUMENT_TYPES)
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
    return {"core_document_types": CORE_DOCUMENT_TYPES, "units": rows,
            "totals": {"employees": sum(r["employees"] for r in rows), "required": required,
                       "present": sum(r["present"] for r in rows), "verified": verified_total,
                       "completeness": round(verified_total / required * 100, 1) if required else None,
                       "backlog": sum(r["backlog"] for r in rows)}}
