"""Notifications: a message to a user, written in the same transaction as what it reports.

Where configured (EMAIL_NOTIFICATIONS, a kind in EMAIL_NOTIFICATION_KINDS, a recipient with an
address on record) the notification is also emailed: after commit, by the Celery task
`notifications.tasks.send_notification_email`, which retries a mail server that is down. A mail failure
never blocks or undoes the decision that caused the notification.
"""
from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils import timezone, translation

from archive.enqueue import enqueue
from notifications.models import Notification
from people.models import Employee, Role
from notifications.mail import email_address_of, mail_send


def notification_send(*, recipients, kind: str, message: str, target: str = "") -> list[Notification]:
    seen, made = set(), []
    for user in recipients:
        if user is None or user.pk in seen:
            continue
        seen.add(user.pk)
        notification = Notification.objects.create(recipient=user, kind=kind, message=message, target=target)
        made.append(notification)
        if _emailed(notification):
            transaction.on_commit(lambda pk=notification.pk: _enqueue_email(pk))
    return made


def _emailed(notification: Notification) -> bool:
    return (settings.EMAIL_NOTIFICATIONS and notification.kind in settings.EMAIL_NOTIFICATION_KINDS
            and bool(email_address_of(notification.recipient)))


def _enqueue_email(notification_id: int) -> None:
    enqueue("notifications.tasks.send_notification_email", notification_id, what=f"email for notification {notification_id}")


# Where the recipient acts on a notification, by the kind of its target.
_TARGET_PAGES = {"document": "document-detail", "service_request": "service-request"}


def notification_link(notification: Notification) -> str:
    kind, _, pk = notification.target.partition(":")
    try:
        path = reverse(_TARGET_PAGES[kind], kwargs={"pk": int(pk)})
    except (KeyError, ValueError, NoReverseMatch):
        path = reverse("home")
    return f"{settings.PUBLIC_BASE_URL}{path}"


def notification_email_deliver(notification_id: int) -> bool:
    """Email one notification (called by the task; raises on SMTP failure so the task retries).
    Sent at most once per success: a notification already emailed is skipped."""
    notification = (Notification.objects.select_related("recipient__profile__employee")
                    .filter(pk=notification_id).first())
    if notification is None or notification.emailed_at is not None:
        return False
    address = email_address_of(notification.recipient)
    if not address or not notification.recipient.is_active:
        return False
    with translation.override(settings.LANGUAGE_CODE):
        context = {"notification": notification, "link": notification_link(notification),
                   "name": _display_name(notification.recipient)}
        subject = render_to_string("notifications/email_subject.txt", context).strip()
        body = render_to_string("notifications/email_body.txt", context)
    mail_send(to=address, subject=subject, body=body)
    Notification.objects.filter(pk=notification.pk, emailed_at__isnull=True).update(emailed_at=timezone.now())
    return True


def _display_name(user) -> str:
    employee = getattr(getattr(user, "profile", None), "employee", None)
    return employee.nama if employee is not None else user.get_username()


def users_of_employee(employee: Employee) -> list:
    """The login of the employee, if they have one (the reverse one-to-one may be absent)."""
    profile = getattr(employee, "user_profile", None)  # RelatedObjectDoesNotExist is an AttributeError
    return [profile.user] if profile is not None else []


def administrators() -> list:
    return list(get_user_model().objects.filter(profile__role=Role.ADMINISTRATOR, is_active=True))


def notification_mark_read(*, actor, notification: Notification) -> Notification:
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    return notification
