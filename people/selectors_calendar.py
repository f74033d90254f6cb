"""The civil service's calendar: which days are not working days, so leave is counted as the
regulation counts it (PP 11/2017 Pasal 310–312: annual leave in working days).

Working days are Monday to Friday, less
* the national holidays fixed by law every year on the same date (`FIXED_NATIONAL_HOLIDAYS`), and
* the days an administrator records for the year (`people.models.Holiday`): the moving holidays
  (Idul Fitri, Nyepi, Waisak …) and cuti bersama, as the ministers' SKB and the President's decision
  set them each year.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from people.models import Holiday

# month, day -> name; the same every year (Keppres 24/1953 and its amendments, Keppres 24/2016 for 1 June)
FIXED_NATIONAL_HOLIDAYS = {
    (1, 1): "Tahun Baru Masehi",
    (5, 1): "Hari Buruh Internasional",
    (6, 1): "Hari Lahir Pancasila",
    (8, 17): "Hari Kemerdekaan Republik Indonesia",
    (12, 25): "Hari Raya Natal",
}


@dataclass(frozen=True)
class DayOff:
    day: dt.date
    name: str
    kind: str  # Holiday.Kind
    fixed: bool  # one of FIXED_NATIONAL_HOLIDAYS (not recorded, not removable)
    reduces_annual_leave: bool = False


def calendar_year(text: str | None) -> int | None:
    """A year as a page or the API names it ("2027"), or None when it is not one."""
    text = (text or "").strip()
    return int(text) if text.isdigit() and 1900 <= int(text) <= 2200 else None


def days_off_between(start: dt.date, end: dt.date) -> list[DayOff]:
    """Every holiday and cuti bersama from start to end inclusive (weekends aside), by date."""
    found = {day.day: day for day in (
        DayOff(dt.date(year, month, day), name, Holiday.Kind.NATIONAL, True)
        for year in range(start.year, end.year + 1) for (month, day), name in FIXED_NATIONAL_HOLIDAYS.items())
        if start <= day.day <= end}
    for holiday in Holiday.objects.filter(day__range=(start, end)):
        found.setdefault(holiday.day, DayOff(holiday.day, holiday.name, holiday.kind, False,
                                             holiday.reduces_annual_leave))
    return sorted(found.values(), key=lambda day: day.day)


def weekdays_off_between(start: dt.date, end: dt.date) -> list[DayOff]:
    """The holidays from start to end that fall Monday to Friday: the ones a leave does not count."""
    return [day for day in days_off_between(start, end) if day.day.weekday() < 5]


def working_days(start: dt.date, end: dt.date) -> int:
    """Monday to Friday from start to end inclusive, less the holidays and cuti bersama on those days."""
    if end < start:
        return 0
    days = (end - start).days + 1
    weeks, rest = divmod(days, 7)
    weekdays = weeks * 5 + sum(1 for i in range(rest) if (start.weekday() + i) % 7 < 5)
    return weekdays - len(weekdays_off_between(start, end))


def joint_leave_charged(year: int) -> int:
    """The year's cuti bersama working days that its decision counts against annual leave."""
    return sum(1 for day in weekdays_off_between(dt.date(year, 1, 1), dt.date(year, 12, 31))
               if day.kind == Holiday.Kind.JOINT_LEAVE and day.reduces_annual_leave)
