"""The weekly digest reaches each user once per ISO week, however often the scheduler fires, and
says what is due for them; the next week brings the next one."""
import datetime as dt

import pytest
import time_machine

from notifications.models import Notification
from notifications.services.digests import digests_send

pytestmark = pytest.mark.django_db


def test_once_per_week_with_what_is_due(province):
    with time_machine.travel("2026-12-07 06:00 +0700", tick=False):  # a Monday
        first = digests_send()
        again = digests_send()
    assert first == 3 and again == 0  # admin, fasilitator, Ani (the others have no login)
    [mine] = Notification.objects.filter(recipient=province["users"]["ani"], kind="digest.weekly")
    assert "Kenaikan pangkat (terlambat, 01-12-2026)" in mine.message
    [unit] = Notification.objects.filter(recipient=province["users"]["fasilitator"], kind="digest.weekly")
    assert "pegawai: pensiun (BUP)" in unit.message and "Citra" not in unit.message
    with time_machine.travel("2026-12-10 06:00 +0700", tick=False):
        assert digests_send() == 0  # same week
    with time_machine.travel(dt.datetime(2026, 12, 14, 6, tzinfo=dt.timezone(dt.timedelta(hours=7))), tick=False):
        assert digests_send() == 3
    assert Notification.objects.filter(kind="digest.weekly").count() == 6
