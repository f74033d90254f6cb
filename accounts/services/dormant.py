"""Staff logins nobody uses are switched off: a fasilitator's or administrator's login not used for
ACCOUNT_DORMANT_DAYS (since its last login, or since it was made) is deactivated by the daily duty,
with the reason, audited, and the administrators told. An administrator reactivates it with a reason
when its owner asks. An employee's own login is left alone: employees come to the file once or twice a
year, and it reaches only their own record. The last active administrator is never switched off, so
BKD cannot lock itself out; 0 days turns the duty off."""
from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils import timezone

from accounts.selectors import logins_unused_since
from accounts.services.state import user_deactivate
from archive.selectors import user_role
from notifications.services.notifications import administrators, notification_send
from people.models import Role

DORMANT_RULE = "dormant"
STAFF_ROLES = (Role.FASILITATOR, Role.ADMINISTRATOR)


def _active_administrators() -> list:
    return [user for user in get_user_model().objects.filter(is_active=True).select_related("profile")
            if user_role(user) == Role.ADMINISTRATOR]


def accounts_deactivate_dormant(*, now: dt.datetime | None = None) -> list[str]:
    """Deactivate the staff logins unused for ACCOUNT_DORMANT_DAYS; the usernames deactivated."""
    days = settings.ACCOUNT_DORMANT_DAYS
    if days <= 0:
        return []
    unused = (logins_unused_since((now or timezone.now()) - dt.timedelta(days=days))
              .filter(Q(profile__role__in=STAFF_ROLES) | Q(profile__isnull=True, is_superuser=True))
              .order_by("last_login", "date_joined", "id"))
    admin_ids = {user.pk for user in _active_administrators()}  # superusers without a profile count too
    reason = f"Tidak dipakai lebih dari {days} hari (akun petugas yang tidak dipakai dinonaktifkan otomatis)"
    deactivated = []
    for user in unused:
        if user.pk in admin_ids:
            if len(admin_ids) == 1:
                continue  # the last administrator stays: someone must be able to reactivate the others
            admin_ids.discard(user.pk)
        user_deactivate(actor=None, user=user, reason=reason, rule=DORMANT_RULE)
        deactivated.append(user.get_username())
    if deactivated:
        notification_send(recipients=administrators(), kind="accounts.dormant_deactivated",
                          message=f"{len(deactivated)} akun petugas dinonaktifkan karena tidak dipakai lebih dari "
                                  f"{days} hari: {', '.join(deactivated)}. Aktifkan kembali di Pengguna bila "
                                  "pemiliknya meminta.")
    return deactivated
