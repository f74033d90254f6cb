"""Celery entry points of the reports app."""
from celery import shared_task


@shared_task(acks_late=True)
def issue_closed_quarter_report() -> str:
    from reports.schedule import quarterly_report_after_close

    report = quarterly_report_after_close()
    return report.number if report else "already issued"
