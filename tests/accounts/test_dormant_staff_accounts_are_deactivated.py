"""The daily duty deactivates a fasilitator's or administrator's login unused for ACCOUNT_DORMANT_DAYS
(since its last login, or since it was made): its token stops, the reason and the rule are on the
account and in the audit log, and the administrators are told. An employee's own login, a staff login
used recently and the last active administrator are left alone; 0 days turns the duty off; an
administrator reactivates a login with a reason."""
import datetime as dt

import pytest
from django.utils import timezone

from accounts.models import AccountState
from accounts.tasks import deactivate_dormant_accounts
from archive.models import AuditEvent
from notifications.models import Notification
from people.services.employees import user_create

pytestmark = pytest.mark.django_db


def _last_login(user, days_ago):
    user.last_login = timezone.now() - dt.timedelta(days=days_ago)
    user.save(update_fields=["last_login"])


def test_an_unused_fasilitator_login_stops_and_an_employee_login_stays(users, api_client_for):
    fasilitator, pegawai = users["fasilitator"], users["pegawai"]
    api = api_client_for(fasilitator)
    assert api.get("/api/v1/verification-queue/").status_code == 200
    _last_login(fasilitator, 91)
    _last_login(pegawai, 400)
    _last_login(users["admin"], 3)
    assert deactivate_dormant_accounts.apply().get() == "fasilitator"
    fasilitator.refresh_from_db()
    pegawai.refresh_from_db()
    assert not fasilitator.is_active and pegawai.is_active
    state = AccountState.objects.get(user=fasilitator)
    assert state.status_rule == "dormant" and "Tidak dipakai lebih dari 90 hari" in state.deactivated_reason
    assert api.get("/api/v1/verification-queue/").status_code == 401
    entry = AuditEvent.objects.get(action="user.deactivate", target="fasilitator")
    assert entry.actor is None and entry.details["rule"] == "dormant"
    told = Notification.objects.get(recipient=users["admin"], kind="accounts.dormant_deactivated")
    assert "fasilitator" in told.message
    assert deactivate_dormant_accounts.apply().get() == "0"  # nothing left to do

    admin = api_client_for(users["admin"])
    answer = admin.post(f"/api/v1/users/{fasilitator.pk}/reactivate/", {"reason": "Kembali bertugas"}, format="json")
    assert answer.json()["status"] == "active"


def test_a_login_never_used_counts_from_when_it_was_made(users, demo):
    recent = user_create(username="fas_baru", password="Sandi-Baru-2026-x", role="fasilitator",
                         unit_codes=["DINKES-YANKES"])
    old = user_create(username="fas_lama", password="Sandi-Lama-2026-x", role="fasilitator",
                      unit_codes=["DINKES-YANKES"])
    type(old).objects.filter(pk=old.pk).update(date_joined=timezone.now() - dt.timedelta(days=120))
    _last_login(users["fasilitator"], 1)
    assert deactivate_dormant_accounts.apply().get() == "fas_lama"
    recent.refresh_from_db()
    assert recent.is_active


def test_the_last_active_administrator_is_kept(users, settings):
    second = user_create(username="admin2", password="Sandi-Admin2-2026-x", role="administrator")
    for user in (users["admin"], second, users["fasilitator"]):
        _last_login(user, 200)
    settings.ACCOUNT_DORMANT_DAYS = 0
    assert deactivate_dormant_accounts.apply().get() == "0"  # switched off
    settings.ACCOUNT_DORMANT_DAYS = 90
    deactivated = deactivate_dormant_accounts.apply().get().split(", ")
    assert "fasilitator" in deactivated and len([u for u in deactivated if u.startswith("admin")]) == 1
    users["admin"].refresh_from_db()
    second.refresh_from_db()
    assert users["admin"].is_active != second.is_active  # exactly one administrator stays
