"""Celery entry points for messages: a notification's email, the weekly digests."""
from __future__ import annotations

from celery import shared_task

from notifications.mail import retry_mail
from notifications.services.digests import digests_send
from notifications.services.notifications import notification_email_deliver


@shared_task(bind=True, acks_late=True, reject_on_worker_lost=True, max_retries=8)
def send_notification_email(self, notification_id: int) -> None:
    try:
        notification_email_deliver(notification_id)
    except Exception as exc:
        retry_mail(self, exc, f"the email for notification {notification_id}")


@shared_task(acks_late=True)
def send_weekly_digests() -> int:
    return digests_send()
