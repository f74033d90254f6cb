"""Who is due for what: the deadlines BKD lives by, computed from the record.

    gaji_berkala       two years after the last KGB (or after TMT CPNS, every two years)
    kenaikan_pangkat   four years after the last rank (regular promotion), or after TMT CPNS
    pensiun            the first day of the month after the BUP of the jabatan
    pengangkatan_pns   a CPNS, one year after TMT CPNS
    perpanjangan_pppk  a PPPK, the day after their perjanjian kerja ends (when the record holds it)
    incomplete_file    a core document missing, or one to scan again (no date)

Only employees at work (CPNS, PNS, PPPK) are due; an item names the service that settles it and
the employee's open request for it, if any. Items whose date passed are `overdue` and always shown.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from django.db.models import OuterRef, Q, QuerySet, Subquery
from django.utils.translation import gettext as _

from documents.catalogue import ANY_CORE_DOCUMENT_TYPES, core_document_types
from desk.models import ServiceRequest
from documents.models import Document, DocumentStatus, DocumentType
from people.models import Employee, HistoryEntry, StatusPeriod
from people.ranks import RANKS
from archive.selectors import employees_visible_to
from people.selectors_record import (add_years, appraisal_below_good, first_of_month_from, nip_appointment_month,
                                      pension_date, sanction_period)

DUE_KINDS = ("gaji_berkala", "kenaikan_pangkat", "pensiun", "pengangkatan_pns", "perpanjangan_pppk",
             "incomplete_file")
SERVICE_OF = {"gaji_berkala": "gaji_berkala", "kenaikan_pangkat": "kenaikan_pangkat", "pensiun": "pensiun",
              "pengangkatan_pns": "pengangkatan_pns", "perpanjangan_pppk": "perpanjangan_pppk",
              "incomplete_file": ""}
# what the administrator issues to settle each kind, for several employees at once (bulk issue)
DECREE_OF_KIND = {"gaji_berkala": "kgb", "kenaikan_pangkat": "sk_kenaikan_pangkat", "pensiun": "sk_pensiun",
                  "pengangkatan_pns": "sk_pns", "perpanjangan_pppk": "perpanjangan_pppk"}
AT_WORK = ("cpns", "pns", "pppk")
TOP_RANK = RANKS[-1][0]


@dataclass(frozen=True)
class DueItem:
    employee: Employee
    kind: str
    due_on: dt.date | None
    overdue: bool
    detail: str
    service: str
    service_request: int | None


def _every(start: dt.date, years: int, on_or_after: dt.date) -> dt.date:
    """The first of start + k·years (k ≥ 1) on or after a day."""
    k = max(1, (on_or_after.year - start.year) // years)
    while add_years(start, k * years) < on_or_after:
        k += 1
    return add_years(start, k * years)


def _last(kind: str):
    return Subquery(HistoryEntry.objects.filter(employee=OuterRef("pk"), kind=kind, revoked_at__isnull=True)
                    .exclude(effective_date=None).order_by("-effective_date", "-id").values("effective_date")[:1])


def _after_running_sanctions(items: list[DueItem], today: dt.date) -> list[DueItem]:
    """A promotion waits for a moderate or severe disciplinary sanction running today to end
    (issuing.services.decrees refuses it meanwhile): its due date moves to the first of the month after."""
    promotions = {item.employee.pk for item in items if item.kind == "kenaikan_pangkat"}
    ends = {}
    for entry in HistoryEntry.objects.filter(employee_id__in=promotions, kind=HistoryEntry.Kind.DISIPLIN,
                                             revoked_at__isnull=True).exclude(effective_date=None):
        period = sanction_period(entry)
        if period and period[0] <= today <= period[1]:
            ends[entry.employee_id] = max(period[1], ends.get(entry.employee_id, period[1]))
    if not ends:
        return items
    moved = []
    for item in items:
        end = ends.get(item.employee.pk) if item.kind == "kenaikan_pangkat" else None
        if end is None:
            moved.append(item)
            continue
        due_on = max(item.due_on, first_of_month_from(end + dt.timedelta(days=1)))
        moved.append(replace(item, due_on=due_on, overdue=due_on < today, detail=item.detail + "; " + _(
            "serving a disciplinary sanction until %(date)s") % {"date": end.isoformat()}))
    return moved


def _with_low_appraisals_said(items: list[DueItem]) -> list[DueItem]:
    """A promotion due while an SKP of the two years before is rated below Baik: issuing refuses a regular
    one (issuing.services.decrees.KenaikanPangkat), so the item says why before anyone prepares it."""
    promotions = {item.employee.pk for item in items if item.kind == "kenaikan_pangkat" and item.due_on}
    low = {}
    for entry in HistoryEntry.objects.filter(employee_id__in=promotions, kind=HistoryEntry.Kind.SKP,
                                             revoked_at__isnull=True):
        if found := appraisal_below_good(entry):
            low.setdefault(entry.employee_id, []).append(found)
    if not low:
        return items
    said = []
    for item in items:
        years = {item.due_on.year - 1, item.due_on.year - 2} if item.due_on else set()
        found = sorted(f for f in low.get(item.employee.pk, []) if item.kind == "kenaikan_pangkat" and f[0] in years)
        said.append(replace(item, detail=item.detail + "; " + _(
            "a regular promotion waits for SKP of at least Baik: %(appraisals)s") % {
            "appraisals": ", ".join(f"SKP {year}: {predicate}" for year, predicate in found)}) if found else item)
    return said


def _first_appointment():
    return Subquery(StatusPeriod.objects.filter(employee=OuterRef("pk"), revoked_at__isnull=True,
                                                status__in=AT_WORK).order_by("effective_from", "id")
                    .values("effective_from")[:1])


def _tmt_cpns(employee: Employee) -> dt.date:
    from_nip = nip_appointment_month(employee.nip)
    return min(employee.first_appointment, from_nip) if employee.first_appointment else from_nip


def _at_work_with_dates(user) -> QuerySet[Employee]:
    """The employees at work `user` may see, with the dates their deadlines count from."""
    return (employees_visible_to(user).filter(status__in=AT_WORK)
            .annotate(last_kgb=_last(HistoryEntry.Kind.GAJI_BERKALA), last_rank=_last(HistoryEntry.Kind.PANGKAT),
                      first_appointment=_first_appointment()))


def due_dates(user, *, kind: str, nips: list[str], today: dt.date | None = None
              ) -> dict[str, tuple[Employee, dt.date]]:
    """NIP -> (employee, the date `kind` falls due) for those of `nips` that `user` may see and that are due
    for it at all (a PNS at the top rank is never due a promotion)."""
    from django.utils import timezone

    today = today or timezone.localdate()
    dates = {}
    for employee in _at_work_with_dates(user).filter(nip__in=nips):
        if (found := _dated(kind, employee, today)) is not None:
            dates[employee.nip] = (employee, found[0])
    return dates


def due_items(user, *, kind: str | None = None, within_days: int = 90, today: dt.date | None = None
              ) -> list[DueItem]:
    """The due items of the employees `user` may see, soonest (and overdue) first."""
    from django.utils import timezone

    today = today or timezone.localdate()
    until = today + dt.timedelta(days=within_days)
    kinds = [kind] if kind else list(DUE_KINDS)
    employees = _at_work_with_dates(user)
    open_requests = _open_requests(employees, kinds)
    items = []
    for employee in employees:
        for each in kinds:
            if each == "incomplete_file":
                continue
            found = _dated(each, employee, today)
            if found is None:
                continue
            due_on, detail = found
            if due_on <= until:
                items.append(DueItem(employee, each, due_on, due_on < today, detail, SERVICE_OF[each],
                                     open_requests.get((SERVICE_OF[each], employee.pk))))
    if "kenaikan_pangkat" in kinds:
        items = _with_low_appraisals_said(_after_running_sanctions(items, today))
    if "incomplete_file" in kinds:
        items.extend(_incomplete_files(employees))
    return sorted(items, key=lambda i: (i.due_on or dt.date.max, i.employee.nama, i.kind))


def _dated(kind: str, employee: Employee, today: dt.date) -> tuple[dt.date, str] | None:
    if kind == "gaji_berkala":
        if employee.status == "cpns":
            return None
        if employee.last_kgb:
            return add_years(employee.last_kgb, 2), _("two years after the last KGB (%(date)s)") % {
                "date": employee.last_kgb.isoformat()}
        return _every(_tmt_cpns(employee), 2, today), _("every two years from TMT CPNS")
    if kind == "kenaikan_pangkat":
        if employee.status != "pns" or employee.golongan == TOP_RANK:
            return None
        if employee.last_rank:
            return add_years(employee.last_rank, 4), _("four years in the current rank since %(date)s") % {
                "date": employee.last_rank.isoformat()}
        return _every(_tmt_cpns(employee), 4, today), _("every four years from TMT CPNS")
    if kind == "pensiun":
        if employee.status == "pppk":  # a PPPK's employment ends with the agreement (perpanjangan_pppk)
            return None
        return pension_date(employee), _("retirement age of the position (BUP)")
    if kind == "pengangkatan_pns":
        if employee.status != "cpns":
            return None
        return add_years(_tmt_cpns(employee), 1), _("one year after TMT CPNS")
    if kind == "perpanjangan_pppk":
        if employee.status != "pppk" or employee.akhir_perjanjian_kerja is None:
            return None
        return employee.akhir_perjanjian_kerja + dt.timedelta(days=1), _("the employment agreement ends on "
                                                                          "%(date)s") % {
            "date": employee.akhir_perjanjian_kerja.isoformat()}
    raise ValueError(kind)


def _open_requests(employees: QuerySet[Employee], kinds: list[str]) -> dict[tuple[str, int], int]:
    services = [SERVICE_OF[k] for k in kinds if SERVICE_OF[k]]
    rows = (ServiceRequest.objects.filter(employee__in=employees.values("pk"), service__code__in=services)
            .exclude(status__in=[ServiceRequest.Status.APPROVED, ServiceRequest.Status.COMPLETED])
            .values_list("service__code", "employee_id", "pk"))
    return {(code, employee): pk for code, employee, pk in rows}


def _incomplete_files(employees: QuerySet[Employee]) -> list[DueItem]:
    """A core document (for the employee's status: documents.catalogue.core_document_types) never uploaded,
    or one the employee must scan again."""
    names = dict(DocumentType.objects.filter(code__in=ANY_CORE_DOCUMENT_TYPES).values_list("code", "name"))
    usable = {}
    for employee_id, code in (Document.objects.filter(employee__in=employees.values("pk"), deleted_at__isnull=True,
                                                      document_type__code__in=ANY_CORE_DOCUMENT_TYPES)
                              .filter(~Q(status__in=[DocumentStatus.NEEDS_RESCAN, DocumentStatus.REJECTED,
                                                     DocumentStatus.NOT_AUTHENTIC, DocumentStatus.FAILED]))
                              .values_list("employee_id", "document_type__code")):
        usable.setdefault(employee_id, set()).add(code)
    items = []
    for employee in employees:
        missing = [names.get(code, code) for code in core_document_types(employee.status)
                   if code not in usable.get(employee.pk, set())]
        if missing:
            items.append(DueItem(employee, "incomplete_file", None, False,
                                 _("missing or to scan again: %(documents)s") % {"documents": ", ".join(missing)},
                                 "", None))
    return items
