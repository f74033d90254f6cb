"""Celery entry points of accounts: take an id, call one service, retry there."""
from __future__ import annotations

from celery import shared_task


@shared_task(bind=True, acks_late=True, reject_on_worker_lost=True, max_retries=8)
def send_contact_change_email(self, change_id: int, kind: str) -> None:
    from accounts.services.contact import contact_change_email_send
    from archive.tasks import _retry_mail

    try:
        contact_change_email_send(change_id, kind)
    except Exception as exc:
        _retry_mail(self, exc, f"the contact change email ({kind}) for change {change_id}")
