"""The quarterly report after its quarter closes (Pergub Jatim 73/2020 Pasal 19), run by the scheduler."""
from __future__ import annotations

import datetime as dt

from django.utils import timezone

from reports.quarterly import TEMPLATE, Quarter, quarterly_report_issue


def closed_quarter(today: dt.date) -> Quarter:
    """The quarter that ended before the one `today` is in."""
    first_of_this = dt.date(today.year, 3 * ((today.month - 1) // 3) + 1, 1)
    last_of_previous = first_of_this - dt.timedelta(days=1)
    return Quarter.parse(f"{last_of_previous.year}Q{(last_of_previous.month - 1) // 3 + 1}")


def quarterly_report_after_close(*, today: dt.date | None = None):
    """Issue the report of the quarter just closed, once (a report issued after its close is final),
    and tell the administrators it is ready for the governor. Returns it, or None if it exists."""
    from issuing.models import IssuedDocument
    from notifications.services.notifications import administrators, notification_send

    today = today or timezone.localdate()
    quarter = closed_quarter(today)
    closed_at = timezone.make_aware(dt.datetime.combine(quarter.last_day + dt.timedelta(days=1), dt.time()))
    if IssuedDocument.objects.filter(template=TEMPLATE, fields__quarter=quarter.code, issued_at__gte=closed_at,
                                     status=IssuedDocument.Status.CURRENT).exists():
        return None
    report = quarterly_report_issue(actor=None, quarter=quarter.code)
    notification_send(recipients=administrators(), kind="report.quarterly",
                      message=f"Laporan triwulan {quarter.code} telah terbit (nomor {report.number}) dan siap "
                              "disampaikan kepada Gubernur selaku PPK.", target=f"issued:{report.pk}")
    return report
