"""Recording the year's holidays and cuti bersama (the fixed national holidays need no recording:
people.selectors_calendar). Each change is audited; leave already granted keeps the days it was
granted for."""
from __future__ import annotations

import csv
import datetime as dt
import io

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from archive.services.audit import audit_record
from people.models import Holiday
from people.selectors_calendar import FIXED_NATIONAL_HOLIDAYS
from people.selectors_record import parse_day

HOLIDAY_COLUMNS = ["tanggal", "nama"]  # optional: jenis (libur_nasional, cuti_bersama), mengurangi_cuti_tahunan (ya)


def holiday_record(*, actor, day: dt.date, name: str, kind: str = Holiday.Kind.NATIONAL,
                   reduces_annual_leave: bool = False) -> Holiday:
    """Record a holiday or cuti bersama (a day already recorded is changed). ValidationError naming the field."""
    name = " ".join(name.split())
    if not name:
        raise ValidationError({"name": _("Write the holiday's name, e.g. Hari Raya Idul Fitri 1448 H.")})
    if kind not in Holiday.Kind.values:
        raise ValidationError({"kind": _("Choose %(choices)s.") % {"choices": ", ".join(Holiday.Kind.values)}})
    if (day.month, day.day) in FIXED_NATIONAL_HOLIDAYS:
        raise ValidationError({"day": _("%(date)s is %(name)s, a national holiday every year already.") % {
            "date": day.isoformat(), "name": FIXED_NATIONAL_HOLIDAYS[(day.month, day.day)]}})
    if reduces_annual_leave and kind != Holiday.Kind.JOINT_LEAVE:
        raise ValidationError({"reduces_annual_leave": _("Only a cuti bersama can count against annual leave.")})
    with transaction.atomic():
        holiday, created = Holiday.objects.update_or_create(day=day, defaults={
            "name": name, "kind": kind, "reduces_annual_leave": reduces_annual_leave, "recorded_by": actor})
        audit_record(actor=actor, action="holiday.record" if created else "holiday.change",
                     target=f"holiday:{day.isoformat()}",
                     details={"name": name, "kind": kind, "reduces_annual_leave": reduces_annual_leave})
    return holiday


def holiday_remove(*, actor, holiday: Holiday) -> None:
    with transaction.atomic():
        audit_record(actor=actor, action="holiday.remove", target=f"holiday:{holiday.day.isoformat()}",
                     details={"name": holiday.name, "kind": holiday.kind})
        holiday.delete()


def holidays_import_csv(*, actor, text: str) -> tuple[int, list[tuple[int, str]]]:
    """The year's list from the SKB as CSV (tanggal, nama[, jenis, mengurangi_cuti_tahunan]): all rows or
    none; returns (days recorded, [(line, what is wrong)]). A fixed national holiday listed again is skipped."""
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    reader.fieldnames = [(name or "").strip().lower() for name in reader.fieldnames or []]
    if missing := [c for c in HOLIDAY_COLUMNS if c not in reader.fieldnames]:
        return 0, [(1, f"kolom tidak ada: {', '.join(missing)} (kolom: tanggal, nama, jenis, mengurangi_cuti_tahunan)")]
    rows, errors = [], []
    for row in reader:
        row = {key: (value or "").strip() for key, value in row.items() if key}
        try:
            day = parse_day(row["tanggal"])
        except ValueError:
            errors.append((reader.line_num, f"tanggal {row['tanggal']!r} bukan tanggal (contoh: 2027-03-10)"))
            continue
        if (day.month, day.day) in FIXED_NATIONAL_HOLIDAYS:
            continue
        kind = {"": Holiday.Kind.NATIONAL, "libur nasional": Holiday.Kind.NATIONAL,
                "cuti bersama": Holiday.Kind.JOINT_LEAVE}.get(row.get("jenis", "").lower().replace("_", " "))
        if kind is None:
            errors.append((reader.line_num, f"jenis {row['jenis']!r} tidak dikenal (libur_nasional atau cuti_bersama)"))
            continue
        rows.append((reader.line_num, day, row["nama"], kind,
                     row.get("mengurangi_cuti_tahunan", "").lower() in ("ya", "y", "1", "true")))
    if errors:
        return 0, errors
    try:
        with transaction.atomic():
            for line, day, name, kind, reduces in rows:
                try:
                    holiday_record(actor=actor, day=day, name=name, kind=kind, reduces_annual_leave=reduces)
                except ValidationError as exc:
                    raise _BadRow(line, "; ".join(" ".join(v) for v in exc.message_dict.values())) from None
    except _BadRow as bad:
        return 0, [(bad.line, bad.reason)]
    return len(rows), []


class _BadRow(Exception):
    def __init__(self, line: int, reason: str):
        super().__init__(reason)
        self.line, self.reason = line, reason
