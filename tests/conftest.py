"""Shared fixtures. Real services: PostgreSQL (DATABASE_URL), Redis + a Celery worker
process (TEST_REDIS_URL), SeaweedFS S3 (started here). With REQUIRE_SERVICES=1 a
missing service fails the run; without it those tests skip with a reason."""
from __future__ import annotations

import os

import pytest
from django.conf import settings

REQUIRE_SERVICES = os.environ.get("REQUIRE_SERVICES") == "1"


def service_missing(reason: str):
    """Fail when services are required (CI), skip otherwise (a laptop)."""
    if REQUIRE_SERVICES:
        pytest.fail(f"required service missing: {reason}", pytrace=False)
    pytest.skip(reason)


def pytest_sessionstart(session):
    engine = settings.DATABASES["default"]["ENGINE"]
    if REQUIRE_SERVICES and "postgresql" not in engine:
        raise pytest.UsageError(f"REQUIRE_SERVICES=1 but the database is {engine}; set DATABASE_URL to PostgreSQL")


@pytest.fixture(autouse=True)
def _isolated_data_dir(settings, tmp_path):
    """Each test gets its own object folder; nothing leaks into ./var."""
    settings.OBJECT_STORE_DIR = tmp_path / "objects"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # speed only
    yield


@pytest.fixture
def make_user(db):
    from archive.services.people import user_create

    def make(username: str, role: str, *, nip: str | None = None, units=(), password="Rahasia-Uji-123"):
        return user_create(username=username, password=password, role=role, nip=nip, unit_codes=list(units))

    return make


@pytest.fixture
def demo(db, settings):
    """The demo province: agencies, units, 30 employees, admin / fasilitator / pegawai."""
    from archive.services.demo import demo_load

    settings.DEMO_PASSWORD = "Demo-Sandi-2026"
    return demo_load()


@pytest.fixture
def api_client_for():
    """An API client authenticated with the token of the given user."""
    from rest_framework.authtoken.models import Token
    from rest_framework.test import APIClient

    def client_for(user):
        client = APIClient()
        if user is not None:
            token, _ = Token.objects.get_or_create(user=user)
            client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
        return client

    return client_for
