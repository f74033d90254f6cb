"""Downloads for people: the monitoring table as XLSX or as a CSV for Indonesian Excel, and one
employee's whole file as a ZIP with an index. Thin: selectors and archive.spreadsheets / file_export."""
from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from documents.file_export import employee_file_zip
from people.models import Employee
from archive.selectors import employee_get_visible
from archive.selectors_monitoring import file_completeness
from archive.spreadsheets import CSV_TYPE, XLSX_TYPE, csv_for_excel, xlsx
from archive.views_admin import require_staff

MONITORING_COLUMNS = ["agency", "unit", "unit_name", "employees", "required", "present", "verified", "completeness",
                      "backlog", "backlog_oldest_days", "backlog_median_days"]


def _monitoring_headers() -> list[str]:
    return [_("Agency"), _("Unit code"), _("Unit"), _("Employees"), _("Required documents"), _("Present"),
            _("Verified"), _("Completeness (%)"), _("Awaiting verification"), _("Oldest wait (days)"),
            _("Median wait (days)")]


@login_required
def monitoring_export_page(request, kind: str):
    """/pemantauan/unduh.xlsx and /pemantauan/unduh.csv: the monitoring table, Indonesian headers."""
    require_staff(request.user)
    units = file_completeness(request.user)["units"]
    rows = [[unit.get(column) for column in MONITORING_COLUMNS] for unit in units]
    stamp = timezone.localdate().isoformat()
    if kind == "xlsx":
        response = HttpResponse(xlsx(_("Monitoring"), _monitoring_headers(), rows), content_type=XLSX_TYPE)
    else:
        response = HttpResponse(csv_for_excel(_monitoring_headers(), rows), content_type=CSV_TYPE)
    response["Content-Disposition"] = f'attachment; filename="pemantauan-berkas-{stamp}.{kind}"'
    return response


@login_required
def employee_file_download(request, nip):
    """/pegawai/<nip>/berkas.zip: the employee themself, their unit's fasilitators, administrators."""
    try:
        employee = employee_get_visible(request.user, nip)
    except Employee.DoesNotExist:
        raise Http404 from None
    content, _count = employee_file_zip(user=request.user, employee=employee)
    response = HttpResponse(content, content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="berkas-{employee.nip}.zip"'
    response["Cache-Control"] = "private, no-store"
    return response
