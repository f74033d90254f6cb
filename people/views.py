"""The staff view of one employee (fasilitator: their units; administrator: all): the record, the
employment status in force today with its dated history, the riwayat and the documents in the file.
Thin: selectors to read. Also the holiday calendar page (administrator)."""
from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from people.models import Employee, Holiday, Role
from people.ranks import pangkat_label
from archive.selectors import employee_get_visible, user_role
from people.selectors import employee_file
from people.selectors_record import leave_account
from people.selectors_status import status_overview
from archive.views_admin import require_administrator, require_staff
from people.selectors_calendar import calendar_year, days_off_between
from people.services.calendar import holiday_record, holiday_remove


@login_required
def employee_staff_page(request, nip):
    require_staff(request.user)
    try:
        employee = employee_get_visible(request.user, nip)
    except Employee.DoesNotExist:
        raise Http404 from None  # outside one's units: existence is not revealed
    history = employee.history.filter(revoked_at__isnull=True).order_by("kind", "-effective_date", "-id")
    return render(request, "archive/staff/employee.html", {
        "employee": employee, "pangkat": pangkat_label(employee.golongan), "status": status_overview(employee),
        "leave": leave_account(employee, timezone.localdate().year),
        "history": history, "entries": employee_file(request.user, employee),
        "is_admin": user_role(request.user) == Role.ADMINISTRATOR})


@login_required
def holiday_calendar_page(request):
    """The year's days off (administrator): the fixed national holidays, and the moving holidays and cuti
    bersama recorded here from the year's SKB, which annual leave does not count."""
    require_administrator(request.user)
    today = timezone.localdate()
    year = calendar_year(request.GET.get("tahun") or request.POST.get("tahun")) or today.year
    errors = {}
    if request.method == "POST":
        try:
            day = dt.date.fromisoformat(request.POST.get("tanggal", ""))
        except ValueError:
            errors["day"] = _("Choose a date.")
        else:
            try:
                if request.POST.get("hapus"):
                    holiday_remove(actor=request.user, holiday=Holiday.objects.get(day=day))
                    messages.success(request, _("%(date)s removed from the calendar.") % {"date": day.isoformat()})
                else:
                    holiday_record(actor=request.user, day=day, name=request.POST.get("nama", ""),
                                   kind=request.POST.get("jenis", Holiday.Kind.NATIONAL),
                                   reduces_annual_leave=request.POST.get("mengurangi") == "1")
                    messages.success(request, _("%(date)s recorded.") % {"date": day.isoformat()})
                return redirect(f"{request.path}?tahun={day.year}")
            except Holiday.DoesNotExist:
                errors["day"] = _("That day is not recorded here.")
            except ValidationError as exc:
                errors = {key: " ".join(value) for key, value in exc.message_dict.items()}
    days = days_off_between(dt.date(year, 1, 1), dt.date(year, 12, 31))
    return render(request, "archive/staff/holidays.html", {
        "year": year, "days": days, "errors": errors, "kinds": Holiday.Kind.choices, "posted": request.POST,
        "previous_year": year - 1, "next_year": year + 1}, status=400 if errors else 200)
