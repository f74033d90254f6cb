"""An access review nobody signs off is a reminder on every administrator's home page and in their
weekly digest, with how many active accounts have gone unused; a sign-off quiets it for
ACCESS_REVIEW_EVERY_DAYS, then it comes back."""
import datetime as dt

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from notifications.services.digests import digest_text

pytestmark = pytest.mark.django_db


def _home(user) -> str:
    client = Client()
    client.force_login(user)
    answer = client.get("/")
    assert answer.status_code == 200
    return answer.content.decode()


def test_the_reminder_until_a_sign_off_and_again_a_quarter_later(users, api_client_for, settings):
    admin = users["admin"]
    type(admin).objects.filter(pk=users["fasilitator"].pk).update(
        last_login=timezone.now() - dt.timedelta(days=settings.ACCESS_REVIEW_UNUSED_DAYS + 5))
    page = _home(admin)
    assert "Tinjauan akses belum pernah disahkan." in page and "1 akun aktif lama tidak dipakai." in page
    assert "Tinjauan akses akun belum pernah dilakukan; 1 akun aktif lama tidak dipakai" in \
        digest_text(admin, timezone.localdate())

    signed = api_client_for(admin).post("/api/v1/access-review/", {"note": "Diperiksa bersama Kabid"}, format="json")
    assert signed.status_code == 201, signed.json()
    assert "Tinjauan akses belum" not in _home(admin) and "Tinjauan akses jatuh tempo" not in _home(admin)
    assert "Tinjauan akses" not in (digest_text(admin, timezone.localdate()) or "")

    later = timezone.now() + dt.timedelta(days=settings.ACCESS_REVIEW_EVERY_DAYS + 1)
    with time_machine.travel(later, tick=False):
        due = (timezone.localtime(timezone.now()) - dt.timedelta(days=1)).strftime("%d-%m-%Y")
        assert f"Tinjauan akses akun jatuh tempo sejak {due}" in digest_text(admin, timezone.localdate())
        assert "Tinjauan akses jatuh tempo sejak" in _home(admin)


def test_a_fasilitator_gets_no_such_reminder(users):
    page = _home(users["fasilitator"])
    assert "Tinjauan akses belum" not in page and "Tinjauan akses jatuh tempo" not in page
