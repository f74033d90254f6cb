"""Logins: the audit of who signed in (or failed to), lockout after repeated failures, and
role/scope changes.

The failed attempts are counted from the audit log itself (action `auth.login_failed`,
target the account, details.ip), so the lockout needs no table of its own and every
attempt that counted against an account is there for an administrator to read. The lockout itself and
what a login name means (username or NIP, NFKC) live in accounts.services.login.
"""
from __future__ import annotations

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from accounts.services.login import (LOCKED, LOGIN_FAILED, LOGIN_OK, LoginLock, account_key,  # noqa: F401
                                     client_ip, lock_message, login_lock)
from archive.services.audit import audit_record

def login_succeeded(*, user, request, via: str) -> None:
    audit_record(actor=user, action=LOGIN_OK, target=user.get_username(),
                 details={"ip": client_ip(request), "via": via})


@receiver(user_logged_in, dispatch_uid="archive.accounts.logged_in")
def _on_logged_in(sender, request, user, **kwargs):
    login_succeeded(user=user, request=request, via=getattr(request, "_login_via", "web"))


@receiver(user_logged_out, dispatch_uid="archive.accounts.logged_out")
def _on_logged_out(sender, request, user, **kwargs):
    if user is not None:
        audit_record(actor=user, action="auth.logout", target=user.get_username(), details={"ip": client_ip(request)})


@receiver(user_login_failed, dispatch_uid="archive.accounts.login_failed")
def _on_login_failed(sender, credentials, request=None, **kwargs):
    typed = str(credentials.get("username") or "")[:150]
    username = account_key(typed)  # the account the name means: NIP, case and full-width variants count as one
    ip = client_ip(request)
    via = "api" if request is not None and request.path.startswith("/api/") else "web"
    details = {"ip": ip, "via": via} | ({"typed": typed} if typed != username else {})
    audit_record(actor=None, action=LOGIN_FAILED, target=username, details=details)
    lock = login_lock(typed, ip)
    if lock.locked:
        audit_record(actor=None, action=LOCKED, target=username,
                     details={"ip": ip, "until": lock.until.isoformat(), "by": lock.by})


