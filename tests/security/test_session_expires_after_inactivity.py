"""A web session ends SESSION_COOKIE_AGE after the last request: every request renews it,
and one left idle past its expiry sends the user back to the login page."""
import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.test import Client
from django.utils import timezone

pytestmark = pytest.mark.django_db


def test_inactivity_limit_is_short_and_renewed_by_each_request(users):
    assert settings.SESSION_SAVE_EVERY_REQUEST is True
    assert settings.SESSION_COOKIE_AGE <= 3600
    client = Client()
    assert client.post("/masuk/", {"username": "pegawai", "password": "Demo-Sandi-2026"}).status_code == 302
    key = client.cookies[settings.SESSION_COOKIE_NAME].value
    first = Session.objects.get(session_key=key).expire_date
    assert client.get("/").status_code == 200
    renewed = Session.objects.get(session_key=key).expire_date
    assert renewed > first


def test_idle_session_is_sent_to_login(users):
    client = Client()
    assert client.post("/masuk/", {"username": "pegawai", "password": "Demo-Sandi-2026"}).status_code == 302
    key = client.cookies[settings.SESSION_COOKIE_NAME].value
    Session.objects.filter(session_key=key).update(expire_date=timezone.now() - timezone.timedelta(seconds=1))
    response = client.get("/")
    assert response.status_code == 302 and "/masuk/" in response["Location"]
