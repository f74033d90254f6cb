"""Redis (the Celery broker) goes down: uploads are still stored and answered 201, the scan waits
as `received`; when Redis is back, `manage.py resume_processing` enqueues it and the worker
processes it. Uses a Redis server of its own (the machine's Redis is shared and stays up)."""
from __future__ import annotations

import io
import socket
import subprocess
import time

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from documents.models import DocumentStatus, DocumentVersion
from archive.services.demo import DEMO_PEGAWAI_NIP
from tests.security.conftest import tiny_png
from tests.support.services import service_missing

pytestmark = pytest.mark.services


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class OwnRedis:
    def __init__(self, workdir):
        self.port, self.workdir, self.process = _free_port(), workdir, None
        self.url = f"redis://127.0.0.1:{self.port}/0"

    def start(self):
        try:
            self.process = subprocess.Popen(
                ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
                 "--daemonize", "no", "--dir", str(self.workdir)], stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
        except FileNotFoundError:
            service_missing("redis-server is not installed (Debian package redis-server)")
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.2).close()
                return
            except OSError:
                time.sleep(0.05)
        raise RuntimeError("own redis-server did not start")

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(10)


@pytest.fixture
def queue_and_worker(seaweed, s3_settings, transactional_db, tmp_path):
    from tests.support.worker import CeleryWorker, celery_sending_to

    db = connection.settings_dict
    if db["ENGINE"] != "django.db.backends.postgresql":
        service_missing("a separate worker process needs PostgreSQL (DATABASE_URL)")
    redis = OwnRedis(tmp_path)
    redis.start()
    env = {"DATABASE_URL": f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}",
           "CELERY_BROKER_URL": redis.url, "DATA_DIR": str(tmp_path / "worker-data"),
           "S3_ENDPOINT": seaweed.endpoint, "S3_ACCESS_KEY": seaweed.access_key, "S3_SECRET_KEY": seaweed.secret_key,
           "S3_BUCKET": s3_settings.S3_BUCKET, "CELERY_KEY_PREFIX": "", "REQUIRE_SERVICES": "", "DEMO_PASSWORD": ""}
    worker = CeleryWorker(env, tmp_path / "worker.log", queues="default,ocr,index")
    with celery_sending_to(redis.url):
        worker.start()
        yield redis, worker
        worker.stop()
    redis.stop()


def _upload(api_client_for, user, seed):
    body = {"file": io.BytesIO(tiny_png(seed)), "employee": DEMO_PEGAWAI_NIP, "document_type": "ktp"}
    body["file"].name = "ktp.png"
    return api_client_for(user).post("/api/v1/documents/", body, format="multipart")


def _wait_final(version_id, worker, timeout=120):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        status = DocumentVersion.objects.get(pk=version_id).status
        if status not in (DocumentStatus.RECEIVED, DocumentStatus.PROCESSING):
            return status
        time.sleep(0.5)
    pytest.fail(f"version {version_id} still {status} after {timeout}s; worker log:\n{worker.tail()}")


def test_upload_with_the_broker_down_is_stored_and_resumes(queue_and_worker, users, api_client_for):
    redis, worker = queue_and_worker
    redis.stop()
    started = time.monotonic()
    response = _upload(api_client_for, users["pegawai"], 1)
    elapsed = time.monotonic() - started
    assert response.status_code == 201, response.content
    assert elapsed < 20, f"the upload waited {elapsed:.1f}s for a broker that is down"
    version = DocumentVersion.objects.get(document_id=response.json()["id"], number=1)
    assert version.status == DocumentStatus.RECEIVED
    assert api_client_for(users["pegawai"]).get(f"/api/v1/documents/{version.document_id}/content/").status_code == 200

    with pytest.raises(CommandError, match="still unreachable"):
        call_command("resume_processing", "--older-than", "0")

    redis.start()  # an empty Redis: the message was never sent, nothing was persisted
    time.sleep(1)
    call_command("resume_processing", "--older-than", "0")
    assert _wait_final(version.pk, worker) in (DocumentStatus.NEEDS_RESCAN, DocumentStatus.AWAITING_VERIFICATION)


def test_resume_leaves_recent_and_finished_versions_alone(queue_and_worker, users, api_client_for):
    from io import StringIO

    redis, worker = queue_and_worker
    response = _upload(api_client_for, users["pegawai"], 2)
    version_id = DocumentVersion.objects.get(document_id=response.json()["id"], number=1).pk
    _wait_final(version_id, worker)
    out = StringIO()
    call_command("resume_processing", "--older-than", "0", stdout=out)
    assert "Enqueued 0" in out.getvalue()
