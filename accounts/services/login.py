"""Who a login name means, and the lockout.

A login name is the username or the employee's NIP, read the way people type it: Unicode NFKC
(full-width `ｐegawai3` is `pegawai3`), spaces around and inside a NIP ignored, case ignored. The
lockout counts failures per *account* (the username the name resolves to, so the NIP, the username
and any variant of either share one counter) across all addresses, and per *address* across all
accounts; the web form and the API token endpoint go through the same check. Failures are counted
from the audit log (action auth.login_failed, target the account key, details.ip)."""
from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext as _

from archive.models import AuditEvent

LOGIN_FAILED = "auth.login_failed"
LOGIN_OK = "auth.login"
LOCKED = "auth.locked"


def identifier_clean(raw) -> str:
    return unicodedata.normalize("NFKC", str(raw or "")).strip()


def user_for_identifier(raw):
    """The login a name means: the username (exact, else the one that matches ignoring case), or the
    login of the employee with this NIP. None when nothing or more than one login matches."""
    ident = identifier_clean(raw)
    if not ident or len(ident) > 150:
        return None
    User = get_user_model()
    digits = ident.replace(" ", "")
    if digits.isdigit() and len(digits) == 18:
        by_nip = list(User.objects.filter(profile__employee__nip=digits)[:2])
        if len(by_nip) == 1:
            return by_nip[0]
    exact = User.objects.filter(username=ident).first()
    if exact is not None:
        return exact
    folded = list(User.objects.filter(username__iexact=ident)[:2])
    return folded[0] if len(folded) == 1 else None


def account_key(raw) -> str:
    """The one name a login attempt counts against: the account's username when the name resolves to one,
    else the name itself, NFKC-normalised and case-folded."""
    user = user_for_identifier(raw)
    if user is not None:
        return user.get_username()
    return identifier_clean(raw).casefold()[:150]


def client_ip(request) -> str:
    """The caller's address. Behind a reverse proxy, that proxy must set REMOTE_ADDR (e.g. uwsgi/gunicorn
    with a trusted forwarded header); X-Forwarded-For is not trusted here because anyone can send it."""
    return (request.META.get("REMOTE_ADDR") if request is not None else "") or "-"


@dataclass(frozen=True)
class LoginLock:
    locked: bool
    until: dt.datetime | None = None
    by: str = ""  # "account" or "address"

    @property
    def minutes_left(self) -> int:
        if not self.until:
            return 0
        return max(1, int((self.until - timezone.now()).total_seconds() // 60) + 1)


def _lock_from(failures: list, limit: int, by: str) -> LoginLock:
    if len(failures) < limit:
        return LoginLock(False)
    return LoginLock(True, failures[0] + dt.timedelta(minutes=settings.LOGIN_LOCKOUT_MINUTES), by)


def login_lock(identifier: str, ip: str) -> LoginLock:
    """Locked when LOGIN_FAILURE_LIMIT attempts for this account failed within LOGIN_LOCKOUT_MINUTES (from any
    address, and no success since), or LOGIN_ADDRESS_FAILURE_LIMIT attempts from this address (any account);
    it opens LOGIN_LOCKOUT_MINUTES after the last failure."""
    since = timezone.now() - dt.timedelta(minutes=settings.LOGIN_LOCKOUT_MINUTES)
    key = account_key(identifier)
    if key:
        last_ok = (AuditEvent.objects.filter(action=LOGIN_OK, target=key, at__gte=since)
                   .order_by("-id").values_list("at", flat=True).first())
        failures = list(AuditEvent.objects.filter(action=LOGIN_FAILED, target=key,
                                                  at__gte=max(since, last_ok) if last_ok else since)
                        .order_by("-at").values_list("at", flat=True)[: settings.LOGIN_FAILURE_LIMIT])
        lock = _lock_from(failures, settings.LOGIN_FAILURE_LIMIT, "account")
        if lock.locked:
            return lock
    if ip and ip != "-":
        failures = list(AuditEvent.objects.filter(action=LOGIN_FAILED, details__ip=ip, at__gte=since)
                        .order_by("-at").values_list("at", flat=True)[: settings.LOGIN_ADDRESS_FAILURE_LIMIT])
        return _lock_from(failures, settings.LOGIN_ADDRESS_FAILURE_LIMIT, "address")
    return LoginLock(False)


def lock_message(lock: LoginLock) -> str:
    if lock.by == "address":
        return _("Too many failed login attempts from this address. Logins from it are locked for a while; try "
                 "again in %(minutes)s minutes. If you forgot your password, contact the BKD administrator.") % {
            "minutes": lock.minutes_left}
    return _("Too many failed login attempts for this account. The account is locked for a while; try again in "
             "%(minutes)s minutes. If you forgot your password, contact the BKD administrator.") % {
        "minutes": lock.minutes_left}
