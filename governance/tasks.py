"""Celery entry points of governance: take an id (or nothing), call one service."""
from celery import shared_task


@shared_task(acks_late=True)
def review_retention() -> str:
    from governance.services.retention import retention_review

    return f"{retention_review()} new item(s) to decide"


@shared_task(bind=True, acks_late=True, reject_on_worker_lost=True, max_retries=8)
def report_incident_to_diskominfo(self, incident_id: int) -> None:
    from notifications.mail import retry_mail
    from governance.services.incidents import incident_report_deliver

    try:
        incident_report_deliver(incident_id)
    except Exception as exc:
        retry_mail(self, exc, f"the Diskominfo report of incident {incident_id}")
