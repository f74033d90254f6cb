"""Email: the one place the product sends mail (password reset links, notifications).

Mail always leaves through a Celery task enqueued after commit (`retry_mail` below), never inside the
request or the transaction that caused it: a slow or broken mail server cannot block or undo a
decision. The task retries a temporary failure (connection refused, 4xx); a permanent one
(5xx: the address does not exist) is logged and dropped.
"""
from __future__ import annotations

import logging
import smtplib

from django.conf import settings
from django.core.mail import EmailMessage

from archive.transient import TRANSIENT

log = logging.getLogger(__name__)


def email_address_of(user) -> str:
    """Where a login's mail goes: the address on their employee record (the employee's own, which a
    fasilitator may not change), else the one on the login itself; "" when there is none."""
    if user is None:
        return ""
    profile = getattr(user, "profile", None)
    employee = getattr(profile, "employee", None) if profile is not None else None
    return ((employee.email if employee is not None else "") or user.email or "").strip()


def mail_send(*, to: str, subject: str, body: str) -> None:
    """Send one plain-text message through the configured back end; raises on failure."""
    subject = " ".join(f"{settings.EMAIL_SUBJECT_PREFIX}{subject}".split())  # no header injection via newlines
    EmailMessage(subject=subject, body=body, from_email=settings.DEFAULT_FROM_EMAIL, to=[to]).send()


def mail_failure_is_temporary(exc: BaseException) -> bool:
    """Worth retrying: the server was unreachable or answered 4xx. A 5xx answer will not change."""
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        return any(400 <= code < 500 for code, _ in exc.recipients.values())
    if isinstance(exc, smtplib.SMTPResponseException):
        return 400 <= exc.smtp_code < 500
    return isinstance(exc, (smtplib.SMTPException, OSError))


def retry_mail(task, exc: BaseException, what: str) -> None:
    """In a Celery task: retry a temporary mail failure with backoff (up to about an hour); drop a
    permanent one. Run in process (no broker: the embedded default) a retry happens at once, so only twice."""
    temporary = mail_failure_is_temporary(exc) or isinstance(exc, TRANSIENT)
    limit = 2 if task.request.is_eager else task.max_retries
    if not temporary or task.request.retries >= limit:
        log.error("giving up on %s: %s: %s", what, type(exc).__name__, exc)
        return
    raise task.retry(exc=exc, countdown=min(900, 30 * 2 ** task.request.retries))
