"""Reads for accounts and access: who has which login, with what role and scope, when they last logged
in, and whether the access review is due."""
from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet
from django.utils import timezone

from accounts.models import AccessReview, AccountState

STATUSES = ("active", "read_only", "deactivated")


def users_for_management(*, q: str = "", role: str = "", status: str = "") -> QuerySet:
    users = (get_user_model().objects.select_related("profile__employee", "account_state")
             .prefetch_related("profile__units").order_by("username", "id"))
    if q:
        users = users.filter(Q(username__icontains=q) | Q(profile__employee__nama__icontains=q)
                             | Q(profile__employee__nip__startswith=q.replace(" ", "")))
    if role:
        users = users.filter(profile__role=role)
    if status == "deactivated":
        users = users.filter(is_active=False)
    elif status == "read_only":
        users = users.filter(is_active=True, account_state__read_only=True)
    elif status == "active":
        users = users.filter(is_active=True).exclude(account_state__read_only=True)
    return users


def _state(user) -> AccountState | None:
    try:
        return user.account_state
    except AccountState.DoesNotExist:
        return None


def account_status(user) -> str:
    state = _state(user)
    if not user.is_active:
        return "deactivated"
    return "read_only" if state is not None and state.read_only else "active"


def account_row(user, *, now=None, unused_days: int | None = None, otp_users: set | None = None) -> dict:
    """One account as the user list and the access review show it."""
    now = now or timezone.now()
    unused_days = settings.ACCESS_REVIEW_UNUSED_DAYS if unused_days is None else unused_days
    profile = getattr(user, "profile", None)
    employee = profile.employee if profile is not None else None
    state = _state(user)
    since = user.last_login or user.date_joined
    if otp_users is None:
        from django_otp import user_has_device

        otp = user_has_device(user, confirmed=True)
    else:
        otp = user.pk in otp_users
    return {
        "id": user.pk, "username": user.get_username(),
        "name": employee.nama if employee is not None else (user.get_full_name() or ""),
        "nip": employee.nip if employee is not None else None,
        "role": profile.role if profile is not None else ("administrator" if user.is_superuser else None),
        "units": sorted(u.code for u in profile.units.all()) if profile is not None else [],
        "status": account_status(user),
        "last_login": user.last_login.isoformat() if user.last_login else None,
        "date_joined": user.date_joined.isoformat(),
        "unused": user.is_active and since < now - dt.timedelta(days=unused_days),
        "two_factor": otp,
        "status_rule": state.status_rule if state is not None else "",
        "deactivated_reason": state.deactivated_reason if state is not None else "",
    }


def access_review_rows(*, unused_days: int | None = None) -> list[dict]:
    """Every account, with role, units, last login, status and whether it is unused."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    otp_users = set(TOTPDevice.objects.filter(confirmed=True).values_list("user_id", flat=True))
    now = timezone.now()
    return [account_row(user, now=now, unused_days=unused_days, otp_users=otp_users)
            for user in users_for_management()]


def access_review_last() -> AccessReview | None:
    return AccessReview.objects.select_related("reviewer").first()


def access_review_due_at() -> dt.datetime | None:
    """When the next review is due (quarterly): ACCESS_REVIEW_EVERY_DAYS after the last sign-off; None: never
    reviewed, due now."""
    last = access_review_last()
    return last.signed_at + dt.timedelta(days=settings.ACCESS_REVIEW_EVERY_DAYS) if last else None


def logins_unused_since(cutoff: dt.datetime) -> QuerySet:
    """Active logins with no login since `cutoff` (counted from when they were made, when never used)."""
    return get_user_model().objects.filter(is_active=True).filter(
        Q(last_login__lt=cutoff) | Q(last_login__isnull=True, date_joined__lt=cutoff))


def accounts_unused_count(*, now=None) -> int:
    """Active logins with no login for ACCESS_REVIEW_UNUSED_DAYS."""
    return logins_unused_since((now or timezone.now()) - dt.timedelta(days=settings.ACCESS_REVIEW_UNUSED_DAYS)).count()


def access_review_reminder(*, now=None) -> dict | None:
    """When the access review is due (never signed off, or its quarter is up): {due_at (None: never
    reviewed), unused}; None while the last sign-off still holds."""
    now = now or timezone.now()
    due_at = access_review_due_at()
    if due_at is not None and due_at > now:
        return None
    return {"due_at": due_at, "unused": accounts_unused_count(now=now)}
