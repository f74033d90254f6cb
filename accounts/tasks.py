"""Celery entry points of accounts: take an id, call one service, retry there."""
from __future__ import annotations

from celery import shared_task

from accounts.services.contact import contact_change_email_send
from accounts.services.dormant import accounts_deactivate_dormant
from accounts.services.password_reset import password_reset_dispatch, password_reset_email_send
from notifications.mail import retry_mail


@shared_task(bind=True, acks_late=True, reject_on_worker_lost=True, max_retries=8)
def send_contact_change_email(self, change_id: int, kind: str) -> None:
    try:
        contact_change_email_send(change_id, kind)
    except Exception as exc:
        retry_mail(self, exc, f"the contact change email ({kind}) for change {change_id}")


@shared_task(acks_late=True, reject_on_worker_lost=True)
def dispatch_password_reset(identifier: str, ip: str) -> None:
    password_reset_dispatch(identifier, ip)


@shared_task(bind=True, acks_late=True, reject_on_worker_lost=True, max_retries=8)
def send_password_reset_email(self, user_id: int) -> None:
    try:
        password_reset_email_send(user_id)
    except Exception as exc:
        retry_mail(self, exc, f"the password reset email for user {user_id}")


@shared_task(acks_late=True, reject_on_worker_lost=True)
def deactivate_dormant_accounts() -> str:
    """Daily: staff logins unused for ACCOUNT_DORMANT_DAYS are deactivated (accounts.services.dormant)."""
    deactivated = accounts_deactivate_dormant()
    return ", ".join(deactivated) or "0"
