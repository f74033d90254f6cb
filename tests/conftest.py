"""Shared fixtures. Real services: PostgreSQL (DATABASE_URL), Redis + a Celery worker
process (TEST_REDIS_URL), SeaweedFS S3 (started here). With REQUIRE_SERVICES=1 a
missing service fails the run; without it those tests skip with a reason."""
from __future__ import annotations

import os
from pathlib import Path

import pytest
from django.conf import settings

from tests.support.services import service_missing, services_required
from tests.support.signing import product_pki_dir, signing_settings  # noqa: F401  (shared fixtures)
from tests.support.softhsm_token import softhsm_token  # noqa: F401  (shared fixture)

REQUIRE_SERVICES = services_required()


def pytest_sessionstart(session):
    engine = settings.DATABASES["default"]["ENGINE"]
    if REQUIRE_SERVICES and "postgresql" not in engine:
        raise pytest.UsageError(f"REQUIRE_SERVICES=1 but the database is {engine}; set DATABASE_URL to PostgreSQL")


@pytest.fixture(autouse=True)
def _isolated_data_dir(settings, tmp_path):
    """Each test gets its own data folder (local objects, PKI …); nothing leaks into ./var."""
    settings.DATA_DIR = tmp_path / "data"
    settings.DATA_DIR.mkdir()
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # speed only
    # Speed only: every test client builds its own middleware, and WhiteNoise would index all ~600 static
    # files of the finders each time (a third of the authorization matrix's time); with autorefresh it
    # finds a static file when one is asked for, serving the same bytes and headers.
    settings.WHITENOISE_AUTOREFRESH = True
    yield


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    """Rate-limit counters live in the cache: each test starts with none."""
    from django.core.cache import cache

    cache.clear()
    yield


@pytest.fixture(autouse=True)
def _no_language_left_active():
    """Each test starts with no language active, as a new process does. A request in English leaves
    English active on the thread (LocaleMiddleware activates, nothing deactivates), and a service called
    directly afterwards would answer in English."""
    from django.utils import translation

    translation.deactivate()
    yield


@pytest.fixture
def make_user(db):
    from people.services.employees import user_create

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
    """An API client authenticated with a (new) API token of the given user (accounts.services.tokens)."""
    from rest_framework.test import APIClient

    from accounts.services.tokens import api_token_create

    def client_for(user):
        client = APIClient()
        if user is not None:
            _token, key = api_token_create(user=user)
            client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
        return client

    return client_for


@pytest.fixture
def smtp_server(settings):
    """A real SMTP server on loopback (aiosmtpd) and Django's SMTP back end pointed at it, as
    EMAIL_HOST/EMAIL_PORT in the environment would; `.messages` holds what it received."""
    from tests.support.smtp import start_smtp_server

    server, controller = start_smtp_server()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = server.host, server.port, 5
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.DEFAULT_FROM_EMAIL = "Berkas ASN <noreply@bkd.example.go.id>"
    settings.PUBLIC_BASE_URL = "http://testserver"
    yield server
    controller.stop()


@pytest.fixture(scope="session")
def oidc_provider(tmp_path_factory):
    """A real OpenID Connect provider (npm oidc-provider under node) on loopback for the session."""
    from tests.support.oidc import start_provider

    provider = start_provider(tmp_path_factory.mktemp("oidc") / "provider.log")
    yield provider
    provider.process.terminate()
    provider.process.wait(timeout=10)


@pytest.fixture
def oidc_settings(oidc_provider, settings):
    """Single sign-on switched on against the loopback provider, as OIDC_* in the environment would."""
    settings.OIDC_ISSUER = oidc_provider.issuer
    settings.OIDC_CLIENT_ID, settings.OIDC_CLIENT_SECRET = oidc_provider.client_id, oidc_provider.client_secret
    settings.OIDC_ENABLED = True
    settings.OIDC_SCOPES = "openid nip"
    settings.OIDC_NIP_CLAIM = "nip"
    settings.PUBLIC_BASE_URL = "http://testserver"
    return oidc_provider


@pytest.fixture(scope="session")
def corpus(tmp_path_factory) -> Path:
    """The OCR corpus (scans-dev, real): ../shared/corpus when it is beside the clone (CI), else the
    same layout made for this session from tests/support (tests/support/corpus.py)."""
    from tests.support.corpus import corpus_override, generate_corpus, shared_corpus

    override = corpus_override()
    if override is not None:
        if not (override / "scans-dev" / "labels.json").is_file():
            pytest.fail(f"BERKAS_CORPUS={override} has no scans-dev/labels.json", pytrace=False)
        return override
    return shared_corpus() or generate_corpus(tmp_path_factory.mktemp("corpus"))


@pytest.fixture(scope="session")
def shared_corpus_dir() -> Path:
    """The team's shared corpus, for the extra checks only it can give; skipped in a clone without it."""
    from tests.support.corpus import shared_corpus

    path = shared_corpus()
    if path is None:
        pytest.skip("extra check on the shared corpus: ../shared/corpus is not beside this clone")
    return path


def pytest_report_header(config):
    from tests.support.corpus import corpus_override, shared_corpus

    where = corpus_override() or shared_corpus()
    return f"OCR corpus: {where}" if where else "OCR corpus: generated for this session (tests/support/corpus.py)"


@pytest.fixture
def users(demo):
    from django.contrib.auth import get_user_model

    User = get_user_model()
    return {name: User.objects.get(username=name) for name in ("admin", "fasilitator", "pegawai")}


@pytest.fixture
def upload(api_client_for, django_capture_on_commit_callbacks):
    """POST a file to /api/v1/documents/ as a user; the pipeline runs in-process (eager) after commit."""
    import io

    def do_upload(user, content: bytes, *, nip: str, document_type: str = "sk_kenaikan_pangkat",
                  filename: str = "scan.pdf", **extra):
        client = api_client_for(user)
        body = {"file": io.BytesIO(content), "employee": nip, "document_type": document_type, **extra}
        body["file"].name = filename
        with django_capture_on_commit_callbacks(execute=True):
            return client.post("/api/v1/documents/", body, format="multipart")

    return do_upload


@pytest.fixture(scope="session")
def scan_labels(corpus) -> dict:
    import json

    return {entry["file"]: entry for entry in json.loads((corpus / "scans-dev" / "labels.json").read_text())}


@pytest.fixture
def employee_of_scan(demo, scan_labels):
    """The employee printed on a corpus scan, filed in DINKES-YANKES (the demo fasilitator's unit)."""
    from people.models import Employee, Unit
    from people.services.employees import employee_create
    from ocr.nip import normalize_nip

    def make(filename: str):
        fields = scan_labels[filename]["fields"]
        existing = Employee.objects.filter(nip=normalize_nip(fields["nip"])).first()
        return existing or employee_create(nip=fields["nip"], nama=fields["nama"],
                                           unit=Unit.objects.get(code="DINKES-YANKES"))

    return make


# --- Real services: SeaweedFS S3 and a Celery worker on Redis -------------------------------

@pytest.fixture(scope="session")
def seaweed(tmp_path_factory):
    """A SeaweedFS S3 server for the whole session (started here, on free loopback ports)."""
    from tests.support.seaweed import SeaweedServer

    try:
        server = SeaweedServer(tmp_path_factory.mktemp("seaweed"))
        server.start()
    except Exception as exc:
        service_missing(f"SeaweedFS S3 server could not start: {exc}")
    yield server
    server.stop()


@pytest.fixture
def s3_settings(seaweed, settings):
    """Point the archive at the SeaweedFS server for this test (a fresh bucket each test)."""
    import uuid

    settings.S3_ENDPOINT = seaweed.endpoint
    settings.S3_ACCESS_KEY = seaweed.access_key
    settings.S3_SECRET_KEY = seaweed.secret_key
    settings.S3_BUCKET = f"test-{uuid.uuid4().hex[:12]}"
    return settings


@pytest.fixture(scope="session")
def redis_url():
    import redis

    url = os.environ.get("TEST_REDIS_URL")
    if not url:
        service_missing("TEST_REDIS_URL is not set (no Redis for the Celery broker)")
    try:
        redis.Redis.from_url(url, socket_connect_timeout=2).ping()
    except redis.RedisError as exc:
        service_missing(f"Redis at {url} does not answer: {exc}")
    return url


@pytest.fixture(scope="session")
def celery_key_prefix(redis_url):
    """Queues of this test session only: other sessions may share the same Redis."""
    import uuid

    import redis

    prefix = f"berkas-test-{uuid.uuid4().hex[:10]}:"
    yield prefix
    client = redis.Redis.from_url(redis_url)
    for key in client.scan_iter(f"{prefix}*"):
        client.delete(key)


WORKER_BUCKET = "berkas-worker-tests"


@pytest.fixture(scope="session")
def celery_worker_process(django_db_setup, redis_url, celery_key_prefix, seaweed, tmp_path_factory):
    """A separate `celery worker` process on Redis, on the test PostgreSQL database and SeaweedFS."""
    from django.db import connection

    from tests.support.worker import VISIBILITY_TIMEOUT, CeleryWorker

    db = connection.settings_dict
    if db["ENGINE"] != "django.db.backends.postgresql":
        service_missing("a separate worker process needs PostgreSQL (DATABASE_URL); SQLite test DBs are private")
    database_url = f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
    workdir = tmp_path_factory.mktemp("worker")
    env = {"DATABASE_URL": database_url, "CELERY_BROKER_URL": redis_url, "DATA_DIR": str(workdir / "data"),
           "S3_ENDPOINT": seaweed.endpoint, "S3_ACCESS_KEY": seaweed.access_key,
           "S3_SECRET_KEY": seaweed.secret_key, "S3_BUCKET": WORKER_BUCKET,
           "CELERY_VISIBILITY_TIMEOUT": str(VISIBILITY_TIMEOUT), "CELERY_KEY_PREFIX": celery_key_prefix,
           "REQUIRE_SERVICES": "", "DEMO_PASSWORD": ""}
    worker = CeleryWorker(env, workdir / "worker.log")
    worker.start()
    yield worker
    worker.stop()


@pytest.fixture
def live_pipeline(celery_worker_process, redis_url, celery_key_prefix, s3_settings, transactional_db):
    """Uploads go to SeaweedFS and are processed by the separate worker process (this test only:
    afterwards tasks run in-process again)."""
    from tests.support.worker import celery_sending_to

    s3_settings.S3_BUCKET = WORKER_BUCKET
    with celery_sending_to(redis_url, key_prefix=celery_key_prefix):
        yield celery_worker_process


@pytest.fixture
def letter():
    """letter(employee, title=...) -> bytes of a small PDF naming the employee (fresh bytes each call)."""
    from tests.support.letters import letter_pdf

    def make(employee, title: str = "SURAT KEPUTUSAN", **kwargs) -> bytes:
        return letter_pdf(title=title, nip=kwargs.pop("nip", employee.nip), nama=kwargs.pop("nama", employee.nama),
                          **kwargs)

    return make



@pytest.fixture
def publish_statistics(db):
    """publish(day=None) -> the approved statistics release of `day` for the data as it stands (the public
    API serves only approved releases: tests/support/statistics.py)."""
    from tests.support.statistics import publish_statistics as publish

    return publish
