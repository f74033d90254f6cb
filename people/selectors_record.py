"""Reads of an employee's record that the decree rules and due lists ask: the last rank or
salary step, TMT CPNS, leave left this year and leave already granted, a disciplinary sanction still
running, the retirement age (BUP) and date."""
from __future__ import annotations

import calendar
import datetime as dt
import re

from dataclasses import dataclass

from django.conf import settings

from people.models import Employee, HistoryEntry, StatusPeriod
from people.selectors_calendar import joint_leave_charged

ANNUAL_LEAVE_DAYS = 12  # working days a year (PP 11/2017 Pasal 310)
ANNUAL_LEAVE = "Cuti Tahunan"
LONG_LEAVE = "Cuti Besar"
# PP 11/2017 Pasal 312: what a year leaves unused is carried into the next, at most 6 working days (18 with
# the year's own); a right left wholly unused two years running, 24 with the year's own
CARRY_OVER_DAYS, CARRY_OVER_AFTER_TWO_UNUSED_YEARS = 6, 12


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


@dataclass(frozen=True)
class LeaveAccount:
    """A year's annual leave: the year's own right, what earlier years carried into it, what is taken."""

    year: int
    entitlement: int
    carried: int
    taken: int
    joint_leave: int  # cuti bersama the year's decision counts against annual leave

    @property
    def left(self) -> int:
        return self.entitlement + self.carried - self.taken - self.joint_leave

    def explained(self) -> str:
        """E.g. "12 for 2027 + 6 carried over − 5 taken" (the words of a refusal)."""
        from django.utils.translation import gettext as _

        parts = [_("%(days)s for %(year)s") % {"days": self.entitlement, "year": self.year}]
        if self.carried:
            parts.append(_("+ %(days)s carried over") % {"days": self.carried})
        if self.taken:
            parts.append(_("− %(days)s taken") % {"days": self.taken})
        if self.joint_leave:
            parts.append(_("− %(days)s cuti bersama") % {"days": self.joint_leave})
        return " ".join(parts)


def leave_records_since() -> int | None:
    """The first year whose annual leave this system holds (`LEAVE_RECORDS_SINCE_YEAR`, else the year of the
    first annual leave recorded). Before it, leave taken is not known here, so nothing is carried from it."""
    if configured := getattr(settings, "LEAVE_RECORDS_SINCE_YEAR", None):
        return int(configured)
    first = (HistoryEntry.objects.filter(kind=HistoryEntry.Kind.CUTI, details__jenis=ANNUAL_LEAVE)
             .exclude(effective_date=None).order_by("effective_date").values_list("effective_date", flat=True).first())
    return first.year if first else None


def leave_account(employee: Employee, year: int) -> LeaveAccount:
    """The annual leave of `year` as PP 11/2017 counts it: 12 working days, what the two years before left
    unused carried over (PNS and CPNS; a PPPK's right under PP 49/2018 is counted without it), less the
    annual leave taken (not revoked) and any cuti bersama charged to it. No right in a year before a year of
    service is complete, nor in a year of Cuti Besar: nothing then."""
    years = (year - 2, year - 1, year)
    taken, long_leave_years = {y: 0 for y in years}, set()
    for entry in HistoryEntry.objects.filter(employee=employee, kind=HistoryEntry.Kind.CUTI, revoked_at__isnull=True,
                                             details__jenis__in=[ANNUAL_LEAVE, LONG_LEAVE], details__year__in=years):
        if entry.details.get("jenis") == LONG_LEAVE:
            long_leave_years.add(entry.details.get("year"))
        else:
            taken[entry.details["year"]] += int(entry.details.get("days") or 0)
    first_right = add_years(tmt_cpns(employee), 1)  # annual leave comes after a year of service

    def has_right(y: int) -> bool:  # not yet a year in, or a year of Cuti Besar: no annual leave
        return first_right <= dt.date(y, 12, 31) and y not in long_leave_years

    carried = 0
    since = leave_records_since()
    if employee.status_kepegawaian != Employee.EmploymentType.PPPK and since is not None and year - 1 >= since:
        def unused(y: int) -> int | None:  # None: no right that year
            if not has_right(y):
                return None
            return max(0, ANNUAL_LEAVE_DAYS - taken[y] - joint_leave_charged(y))

        last, before = unused(year - 1), unused(year - 2) if year - 2 >= since else None
        if last is not None and before is not None and taken[year - 1] == taken[year - 2] == 0:
            carried = min(CARRY_OVER_AFTER_TWO_UNUSED_YEARS, last + before)
        elif last:
            carried = min(CARRY_OVER_DAYS, last)
    if not has_right(year):
        return LeaveAccount(year=year, entitlement=0, carried=0, taken=taken[year], joint_leave=0)
    return LeaveAccount(year=year, entitlement=ANNUAL_LEAVE_DAYS, carried=carried, taken=taken[year],
                        joint_leave=joint_leave_charged(year))


def leave_balance(employee: Employee, year: int) -> int:
    """Annual leave left in `year` (working days): see `leave_account`."""
    return leave_account(employee, year).left


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


# The predicates below "Baik" an SKP line may state: PermenPANRB 6/2022 (Butuh Perbaikan, Kurang, Sangat Kurang)
# and the older DP3/SKP scale's Cukup ("cukup baik" is not a rating). The older "Sedang" is left out: as a
# word it mostly means "in progress" ("SKP 2025 sedang dinilai").
_RATINGS_BELOW_GOOD = r"butuh\s+perbaikan|sangat\s+kurang|kurang|cukup(?!\s+baik)"
_BELOW_GOOD = re.compile(rf"\b({_RATINGS_BELOW_GOOD})\b", re.IGNORECASE)
_ANY_RATING = re.compile(rf"\b(sangat\s+baik|amat\s+baik|baik|{_RATINGS_BELOW_GOOD})\b", re.IGNORECASE)
_YEAR = re.compile(r"\b(19|20)\d{2}\b")


def appraisal_written_fully(title: str, effective_date: dt.date | None) -> bool:
    """An SKP line names its rating and its year (in its date or its words), so the rules can read it."""
    return bool(_ANY_RATING.search(title)) and (effective_date is not None or bool(_YEAR.search(title)))


def appraisal_below_good(entry: HistoryEntry) -> tuple[int | None, str] | None:
    """(year, predicate) when an SKP line is rated below Baik, else None. The year is the line's date, else a
    year written in its title ("SKP 2025: Butuh Perbaikan")."""
    below = _BELOW_GOOD.search(entry.title)
    if below is None:
        return None
    written = _YEAR.search(entry.title)
    year = entry.effective_date.year if entry.effective_date else int(written[0]) if written else None
    return year, " ".join(below[0].split()).title()


def appraisals_below_good(employee: Employee, years: set[int]) -> list[tuple[int, str]]:
    """(year, predicate) of each SKP on the record (not revoked) for one of `years` rated below Baik."""
    rated = (appraisal_below_good(entry) for entry in HistoryEntry.objects.filter(
        employee=employee, kind=HistoryEntry.Kind.SKP, revoked_at__isnull=True))
    return sorted(found for found in rated if found and found[0] in years)


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


