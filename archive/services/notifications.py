"""Notifications: a message to a user, written in the same transaction as what it reports."""
from __future__ import annotations

from django.contrib.auth import get_user_model
from django.utils import timezone

from archive.models import Employee, Notification, Role


def notification_send(*, recipients, kind: str, message: str, target: str = "") -> list[Notification]:
    seen, made = set(), []
    for user in recipients:
        if user is None or user.pk in seen:
            continue
        seen.add(user.pk)
        made.append(Notification.objects.create(recipient=user, kind=kind, message=message, target=target))
    return made


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
