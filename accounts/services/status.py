"""The account follows the employee's status (called by the employee-status history when a status
takes effect at its TMT):

    pensiun                      read-only: may log in, read and download their own file; may not upload,
                                 propose or request (accounts.middleware)
    meninggal, pindah_keluar,    deactivated: sessions and tokens stop
    diberhentikan
    a status still on the roll   restored, when (and only when) this rule had changed it
    (cpns, pns, pppk, cltn, tugas_belajar, diberhentikan_sementara; "aktif")

Being on the roll otherwise changes nothing: an administrator decides by hand, e.g. for someone
temporarily dismissed (diberhentikan sementara)."""
from __future__ import annotations

from django.db import transaction

from accounts.models import AccountState
from accounts.services.state import account_read_only_set, account_state, user_deactivate, user_reactivate
from people.models import Employee, UserProfile

READ_ONLY_STATUSES = {"pensiun"}
DEACTIVATING_STATUSES = {"meninggal", "pindah_keluar", "diberhentikan"}
ACTIVE_STATUSES = {"aktif", "cpns", "pns", "pppk", "cltn", "tugas_belajar", "diberhentikan_sementara"}
REASONS = {"meninggal": "Status pegawai: meninggal dunia", "pindah_keluar": "Status pegawai: pindah keluar instansi",
           "diberhentikan": "Status pegawai: diberhentikan"}


def _status_code(status: str) -> str:
    return "_".join(str(status or "").strip().lower().replace("-", " ").split())


def account_follow_employee_status(*, employee: Employee, status: str) -> AccountState | None:
    """Apply the rule for `status` to the employee's login, if they have one; returns its state."""
    profile = UserProfile.objects.select_related("user").filter(employee=employee).first()
    if profile is None:
        return None
    user, status = profile.user, _status_code(status)
    with transaction.atomic():
        state = account_state(user)
        if status in READ_ONLY_STATUSES:
            if not user.is_active and state.status_rule in DEACTIVATING_STATUSES:
                user_reactivate(actor=None, user=user, reason=f"Status pegawai: {status}", rule=status)
            return account_read_only_set(user=user, read_only=True, rule=status)
        if status in DEACTIVATING_STATUSES:
            if state.read_only:
                account_read_only_set(user=user, read_only=False, rule=status)
            if user.is_active or state.status_rule != status:
                return user_deactivate(actor=None, user=user, reason=REASONS[status], rule=status)
            return state
        if status in ACTIVE_STATUSES and state.status_rule:
            if state.read_only:
                state = account_read_only_set(user=user, read_only=False, rule=status)
            if not user.is_active and state.status_rule in DEACTIVATING_STATUSES:
                state = user_reactivate(actor=None, user=user, reason=f"Status pegawai: {status}", rule=status)
            return state
    return state
