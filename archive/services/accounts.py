"""Logins: the audit of who signed in (or failed to), lockout after repeated failures, and
role/scope changes.

The failed attempts are counted from the audit log itself (action `auth.login_failed`,
target the username, details.ip), so the lockout needs no table of its own and every
attempt that counted against an account is there for an administrator to read.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.core.exceptions import ValidationError
from django.db import transaction
from django.dispatch import receiver
from django.utils import timezone

from archive.models import AuditEvent, Employee, Role, Unit, UserProfile
from archive.services.audit import audit_record

LOGIN_FAILED = "auth.login_failed"
LOGIN_OK = "auth.login"
LOCKED = "auth.locked"


def client_ip(request) -> str:
    """The caller's address. Behind a reverse proxy, that proxy must set REMOTE_ADDR (e.g. uwsgi/gunicorn
    with a trusted forwarded header); X-Forwarded-For is not trusted here because anyone can send it."""
    return (request.META.get("REMOTE_ADDR") if request is not None else "") or "-"


@dataclass(frozen=True)
class LoginLock:
    locked: bool
    until: dt.datetime | None = None

    @property
    def minutes_left(self) -> int:
        if not self.until:
            return 0
        return max(1, int((self.until - timezone.now()).total_seconds() // 60) + 1)


def _recent_failures(username: str, ip: str):
    window = dt.timedelta(minutes=settings.LOGIN_LOCKOUT_MINUTES)
    since = timezone.now() - window
    last_ok = (AuditEvent.objects.filter(action=LOGIN_OK, target=username, at__gte=since)
               .order_by("-id").values_list("at", flat=True).first())
    failures = AuditEvent.objects.filter(action=LOGIN_FAILED, target=username, details__ip=ip,
                                         at__gte=max(since, last_ok) if last_ok else since)
    return failures.order_by("-at").values_list("at", flat=True)


def login_lock(username: str, ip: str) -> LoginLock:
    """Locked when LOGIN_FAILURE_LIMIT attempts for this username from this address failed within
    LOGIN_LOCKOUT_MINUTES (and no success since); it opens LOGIN_LOCKOUT_MINUTES after the last one."""
    username = (username or "").strip()
    if not username:
        return LoginLock(False)
    failures = list(_recent_failures(username, ip)[: settings.LOGIN_FAILURE_LIMIT])
    if len(failures) < settings.LOGIN_FAILURE_LIMIT:
        return LoginLock(False)
    return LoginLock(True, failures[0] + dt.timedelta(minutes=settings.LOGIN_LOCKOUT_MINUTES))


def lock_message(lock: LoginLock) -> str:
    return (f"Terlalu banyak percobaan masuk yang gagal untuk akun ini. Akun dikunci sementara; coba lagi "
            f"dalam {lock.minutes_left} menit. Jika Anda lupa kata sandi, hubungi administrator BKD.")


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
    username = str(credentials.get("username") or "")[:150]
    ip = client_ip(request)
    via = "api" if request is not None and request.path.startswith("/api/") else "web"
    audit_record(actor=None, action=LOGIN_FAILED, target=username, details={"ip": ip, "via": via})
    lock = login_lock(username, ip)
    if lock.locked:
        audit_record(actor=None, action=LOCKED, target=username,
                     details={"ip": ip, "until": lock.until.isoformat()})


def user_role_change(*, actor, user, role: str, unit_codes: list[str] | tuple[str, ...] = (),
                     nip: str | None = None) -> UserProfile:
    """Change a login's role and scope (administrator only); before and after go to the audit log."""
    from django.core.exceptions import PermissionDenied

    from archive.selectors import user_role

    if user_role(actor) != Role.ADMINISTRATOR:
        raise PermissionDenied("Hanya administrator BKD yang dapat mengubah peran atau unit kerja pengguna.")
    if role not in Role.values:
        raise ValidationError(f"Peran tidak dikenal: {role!r}; pilih salah satu dari {', '.join(Role.values)}.")
    units = list(Unit.objects.filter(code__in=unit_codes))
    missing = sorted(set(unit_codes) - {u.code for u in units})
    if missing:
        raise ValidationError(f"Unit kerja tidak dikenal: {', '.join(missing)}.")
    if role == Role.FASILITATOR and not units:
        raise ValidationError("Fasilitator harus diberi minimal satu unit kerja.")
    employee = None
    if role == Role.EMPLOYEE:
        employee = Employee.objects.filter(nip=(nip or "").replace(" ", "")).first()
        if employee is None:
            raise ValidationError("Pengguna dengan peran pegawai harus diberi NIP pegawai yang terdaftar.")
    with transaction.atomic():
        profile, _ = UserProfile.objects.select_for_update(no_key=True).get_or_create(
            user=user, defaults={"role": role, "employee": employee})
        before = {"role": profile.role, "nip": profile.employee.nip if profile.employee else None,
                  "units": sorted(profile.units.values_list("code", flat=True))}
        profile.role, profile.employee = role, employee
        profile.save(update_fields=["role", "employee"])
        profile.units.set(units)
        user.is_staff = role == Role.ADMINISTRATOR
        user.save(update_fields=["is_staff"])
        after = {"role": role, "nip": employee.nip if employee else None, "units": sorted(u.code for u in units)}
        audit_record(actor=actor, action="user.role_change", target=user.get_username(),
                     details={"before": before, "after": after})
    return profile
