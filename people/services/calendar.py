"""Recording the year's holidays and cuti bersama (the fixed national holidays need no recording:
people.selectors_calendar). Each change is audited; leave already granted keeps the days it was
granted for."""
from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from archive.services.audit import audit_record
from people.models import Holiday
from people.selectors_calendar import FIXED_NATIONAL_HOLIDAYS


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
