"""Which separator sheets to print: one slot, or every gap in an employee's or a unit's core file."""
from __future__ import annotations

from documents.catalogue import core_document_types
from documents.models import Document, DocumentType
from archive.selectors import employees_visible_to
from intake.sheets import Slot
from ocr.nip import normalize_nip


def separator_slots(user, *, nip: str = "", unit: str = "", document_type: str = "") -> list[Slot]:
    employees = employees_visible_to(user).select_related("unit")
    if nip:
        employees = employees.filter(nip=normalize_nip(nip))
    if unit:
        employees = employees.filter(unit__code=unit)
    names = dict(DocumentType.objects.filter(active=True).values_list("code", "name"))
    if document_type and document_type not in names:
        return []
    slots = []
    for employee in employees.order_by("unit__name", "nama")[:2000]:
        # every gap: the core documents of the employee's status (a PPPK's perjanjian kerja, no SK PNS)
        wanted = [document_type] if document_type else core_document_types(employee.status)
        have = set() if document_type else set(
            Document.objects.filter(employee=employee, deleted_at__isnull=True, document_type__code__in=wanted)
            .values_list("document_type__code", flat=True))
        slots += [Slot(nip=employee.nip, document_type=code, employee_name=employee.nama,
                       document_type_name=names.get(code, code), unit_name=employee.unit.name)
                  for code in wanted if code not in have]
    return slots
