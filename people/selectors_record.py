"""Reads of an employee's record that the decree rules and due lists ask: the last rank or
salary step, TMT CPNS, leave left this year and leave already granted, a disciplinary sanction still
running, the retirement age (BUP) and date."""
from __future__ import annotations

import calendar
import datetime as dt
import re

from people.models import Employee, HistoryEntry, StatusPeriod

ANNUAL_LEAVE_DAYS = 12  # working days a year (PP 11/2017 Pasal 311); carry-over is not counted


def last_history(employee: Employee, kind: str) -> HistoryEntry | None:
    """The latest line of a riwayat that still counts (a revoked decree's line does not)."""
    return (HistoryEntry.objects.filter(employee=employee, kind=kind, revoked_at__isnull=True)
            .exclude(effective_date=None).order_by("-effective_date", "-id").first())


def nip_appointment_month(nip: str) -> dt.date:
    """The first day of the appointment month written in a NIP (digits 9–14)."""
    return dt.date(int(nip[8:12]), int(nip[12:14]), 1)


def tmt_cpns(employee: Employee) -> dt.date:
    """When the employee was appointed CPNS: the status history, else the month in their NIP."""
    first = (StatusPeriod.objects.filter(employee=employee, revoked_at__isnull=True, status__in=["cpns", "pns",
                                                                                                    "pppk"])
             .order_by("effective_from", "id").values_list("effective_from", flat=True).first())
    nip_month = nip_appointment_month(employee.nip)
    return min(first, nip_month) if first else nip_month


def leave_balance(employee: Employee, year: int) -> int:
    """Annual leave left in `year`: the yearly allowance less the annual leave taken (not revoked)."""
    taken = sum(int(entry.details.get("days") or 0) for entry in HistoryEntry.objects.filter(
        employee=employee, kind=HistoryEntry.Kind.CUTI, revoked_at__isnull=True,
        details__jenis="Cuti Tahunan", details__year=year))
    return ANNUAL_LEAVE_DAYS - taken


def leave_overlapping(employee: Employee, start: dt.date, end: dt.date) -> HistoryEntry | None:
    """A leave on the record (not revoked) that shares a day with start..end."""
    for entry in HistoryEntry.objects.filter(employee=employee, kind=HistoryEntry.Kind.CUTI, revoked_at__isnull=True,
                                             effective_date__lte=end).order_by("effective_date", "id"):
        if leave_until(entry) >= start:
            return entry
    return None


def leave_until(entry: HistoryEntry) -> dt.date:
    """The last day of a leave line (its start when the line names no end)."""
    try:
        return dt.date.fromisoformat(str(entry.details.get("until")))
    except ValueError:
        return entry.effective_date


def leaves_of_kind(employee: Employee, kind: str) -> list[HistoryEntry]:
    """The leave lines of one kind (jenis cuti) that still count, newest first."""
    return list(HistoryEntry.objects.filter(employee=employee, kind=HistoryEntry.Kind.CUTI, revoked_at__isnull=True,
                                            details__jenis=kind).exclude(effective_date=None)
                .order_by("-effective_date", "-id"))


# The moderate and severe sanctions of PP 94/2021 Pasal 8 state how long they run ("... selama 12 bulan");
# a reprimand (ringan) states none, and a dismissal ends the service instead.
_SANCTION_MONTHS = re.compile(r"selama\s+(\d+)\s+bulan", re.IGNORECASE)


def sanction_period(entry: HistoryEntry) -> tuple[dt.date, dt.date] | None:
    """The first and last day of a running-time sanction (its TMT, then the months it states)."""
    found = _SANCTION_MONTHS.search(entry.title or "")
    if not found or entry.effective_date is None:
        return None
    start, months = entry.effective_date, int(found.group(1))
    month = start.month - 1 + months
    year, month = start.year + month // 12, month % 12 + 1
    day = min(start.day, calendar.monthrange(year, month)[1])
    return start, dt.date(year, month, day) - dt.timedelta(days=1)


def parse_day(text: str) -> dt.date:
    """2029-12-31, or 31-12-2029 / 31/12/2029 as spreadsheets and SI-ASN write it; ValueError otherwise."""
    text = text.strip()
    for pattern in ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y"):
        try:
            return dt.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise ValueError(f"not a date: {text!r}")


def first_of_next_month(day: dt.date) -> dt.date:
    return dt.date(day.year + day.month // 12, day.month % 12 + 1, 1)


def first_of_month_from(day: dt.date) -> dt.date:
    """`day` when it is the first of a month, else the first of the next (where a TMT may fall)."""
    return day if day.day == 1 else first_of_next_month(day)


def add_years(day: dt.date, years: int) -> dt.date:
    """The same day `years` later (29 February: the 28th)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def sanction_running(employee: Employee, *days: dt.date) -> tuple[HistoryEntry, dt.date] | None:
    """A moderate or severe sanction (not revoked) running on any of `days`, with its last day."""
    for entry in HistoryEntry.objects.filter(employee=employee, kind=HistoryEntry.Kind.DISIPLIN,
                                             revoked_at__isnull=True).exclude(effective_date=None):
        period = sanction_period(entry)
        if period and any(period[0] <= day <= period[1] for day in days):
            return entry, period[1]
    return None


# PP 11/2017 Pasal 239: 58, or 60 for senior executives (JPT) and ahli madya, 65 for ahli utama.
_BUP_60 = ("ahli madya", "kepala dinas", "kepala badan", "sekretaris daerah", "asisten", "staf ahli",
           "kepala biro", "inspektur", "direktur")


def bup_age(jabatan: str) -> int:
    text = (jabatan or "").lower()
    if "ahli utama" in text:
        return 65
    if any(word in text for word in _BUP_60):
        return 60
    return 58


def pension_date(employee: Employee) -> dt.date:
    """The first day of the month after the employee reaches the BUP of their position."""
    born = employee.tanggal_lahir
    year, month = born.year + bup_age(employee.jabatan), born.month + 1
    if month == 13:
        year, month = year + 1, 1
    return dt.date(year, month, 1)


def years_between(start: dt.date, end: dt.date) -> int:
    return end.year - start.year - ((end.month, end.day) < (start.month, start.day))


def working_days(start: dt.date, end: dt.date) -> int:
    """Monday to Friday from start to end inclusive (national holidays are not known here)."""
    days = (end - start).days + 1
    weeks, rest = divmod(days, 7)
    return weeks * 5 + sum(1 for i in range(rest) if (start.weekday() + i) % 7 < 5)
