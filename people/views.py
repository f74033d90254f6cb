"""The staff view of one employee (fasilitator: their units; administrator: all): the record, the
employment status in force today with its dated history, the riwayat and the documents in the file.
Thin: selectors to read."""
from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone

from people.models import Employee, Role
from people.ranks import pangkat_label
from archive.selectors import employee_get_visible, user_role
from people.selectors import employee_file
from people.selectors_record import leave_account
from people.selectors_status import status_overview
from archive.views_admin import require_staff


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
