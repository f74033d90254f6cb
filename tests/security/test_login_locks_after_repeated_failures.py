"""Five failed logins for one account lock it (web form and API token alike) for
LOGIN_LOCKOUT_MINUTES, with a message saying what to do — from every address (issue 17: a second
address kept guessing); other accounts are not affected; a success before the limit starts the
count again. Normalised names and the per-address lock: tests/accounts/test_lockout_*.py."""
import time

import pytest
from django.test import Client

from archive.models import AuditEvent

pytestmark = pytest.mark.django_db
PASSWORD = "Demo-Sandi-2026"


def _fail(client, n, username="pegawai"):
    for _ in range(n):
        assert client.post("/masuk/", {"username": username, "password": "salah"}).status_code == 200


def test_fifth_failure_locks_web_and_token_login(users, api_client_for):
    client = Client(REMOTE_ADDR="10.9.9.9")
    _fail(client, 5)
    locked = client.post("/masuk/", {"username": "pegawai", "password": PASSWORD})
    assert locked.status_code == 429
    page = locked.content.decode()
    assert "dikunci" in page and "menit" in page and "administrator BKD" in page
    assert int(locked["Retry-After"]) > 0
    api = api_client_for(None)
    token = api.post("/api/v1/auth/token/", {"username": "pegawai", "password": PASSWORD}, format="json",
                     REMOTE_ADDR="10.9.9.9")
    assert token.status_code == 429 and token.json()["code"] == "login_locked"
    assert "dikunci" in token.json()["detail"]
    assert AuditEvent.objects.filter(action="auth.locked", target="pegawai").exists()
    # another address: locked too (the lock is the account's); another account: unaffected
    assert Client(REMOTE_ADDR="10.9.9.10").post("/masuk/", {"username": "pegawai", "password": PASSWORD}
                                                 ).status_code == 429
    assert client.post("/masuk/", {"username": "fasilitator", "password": PASSWORD}).status_code == 302


def test_token_failures_count_too(users, api_client_for):
    api = api_client_for(None)
    for _ in range(5):
        assert api.post("/api/v1/auth/token/", {"username": "admin", "password": "x"}).status_code == 400
    assert api.post("/api/v1/auth/token/", {"username": "admin", "password": PASSWORD}).status_code == 429


def test_success_before_the_limit_starts_the_count_again(users):
    client = Client(REMOTE_ADDR="10.9.9.11")
    _fail(client, 4)
    assert client.post("/masuk/", {"username": "pegawai", "password": PASSWORD}).status_code == 302
    client = Client(REMOTE_ADDR="10.9.9.11")
    _fail(client, 4)
    assert client.post("/masuk/", {"username": "pegawai", "password": PASSWORD}).status_code == 302


def test_lock_opens_when_the_time_is_up(users, settings):
    settings.LOGIN_LOCKOUT_MINUTES = 0.04  # 2.4 seconds
    client = Client(REMOTE_ADDR="10.9.9.12")
    _fail(client, 5)
    assert client.post("/masuk/", {"username": "pegawai", "password": PASSWORD}).status_code == 429
    time.sleep(2.6)
    assert client.post("/masuk/", {"username": "pegawai", "password": PASSWORD}).status_code == 302
