"""Web pages of the reports app: the quarterly report (administrator)."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from people.models import Role
from archive.selectors import user_role
from documents.storage import StorageUnavailable
from reports.quarterly import ReportRefused, quarterly_report_issue, quarterly_reports


@login_required
def quarterly_reports_page(request):
    """Every quarterly report and its versions; a form to produce one (signed, like any issued document)."""
    if user_role(request.user) != Role.ADMINISTRATOR:
        raise PermissionDenied
    error = None
    if request.method == "POST":
        try:
            issued = quarterly_report_issue(actor=request.user, quarter=request.POST.get("quarter", ""))
        except ReportRefused as exc:
            error = exc.message
        except StorageUnavailable:
            error = _("The archive storage is unavailable; try again in a moment.")
        else:
            messages.success(request, _("Report %(number)s version %(version)s is signed and stored.")
                             % {"number": issued.number, "version": issued.version})
            return redirect("quarterly-reports")
    today = timezone.localdate()
    return render(request, "reports/quarterly.html", {
        "reports": quarterly_reports(), "error": error,
        "default_quarter": f"{today.year}Q{(today.month - 1) // 3 + 1}"}, status=400 if error else 200)
