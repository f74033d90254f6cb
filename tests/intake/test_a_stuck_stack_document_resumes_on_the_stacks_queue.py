"""The resume duty sends a stuck scan back to the queue it first went to (bug: a document filed from a
scanned stack was resent on `ocr`, where it would queue ahead of single scans). Real Redis broker, no
worker consuming: the messages are counted where they wait."""
from __future__ import annotations

import base64
import datetime as dt
import io
import json

import pytest
import redis
from django.utils import timezone

from archive.services.demo import DEMO_PEGAWAI_NIP
from documents.models import DocumentStatus, DocumentVersion
from documents.services.recovery import processing_resume
from documents.services.upload import document_upload
from intake.models import IntakeBatch, IntakePart
from tests.security.conftest import tiny_png
from tests.support.worker import celery_sending_to

pytestmark = [pytest.mark.django_db, pytest.mark.services]


def _stuck_version(user, seed: int) -> DocumentVersion:
    result = document_upload(uploader=user, employee_nip=DEMO_PEGAWAI_NIP, document_type_code="ktp" if seed else "ijazah",
                             stream=io.BytesIO(tiny_png(seed)), filename="scan.png")
    DocumentVersion.objects.filter(pk=result.version.pk).update(
        status=DocumentStatus.RECEIVED, uploaded_at=timezone.now() - dt.timedelta(hours=2))
    return result.version


def test_a_stack_document_goes_back_on_the_stacks_queue_and_a_single_scan_on_ocr(users, redis_url, celery_key_prefix):
    single = _stuck_version(users["admin"], 0)
    from_stack = _stuck_version(users["admin"], 1)
    batch = IntakeBatch.objects.create(object_key="intake/x", object_version="1", sha256="0" * 64, size=1, pages=1)
    IntakePart.objects.create(batch=batch, index=1, first_page=1, last_page=1, source="separator", status="filed",
                              document=from_stack.document, object_key="intake-parts/x", object_version="1",
                              sha256="0" * 64, content_type="application/pdf")

    prefix = f"{celery_key_prefix}resume-"
    with celery_sending_to(redis_url, key_prefix=prefix):
        resumed = processing_resume(older_than=dt.timedelta(minutes=30))

    assert sorted(resumed) == sorted([single.pk, from_stack.pk])
    broker = redis.Redis.from_url(redis_url)
    waiting = {queue: [_task_call(m) for m in broker.lrange(f"{prefix}{queue}", 0, -1)] for queue in ("ocr", "intake")}
    for queue in waiting:
        broker.delete(f"{prefix}{queue}")
    assert waiting["ocr"] == [("documents.tasks.process_document", [single.pk], {"bulk": False})]
    assert waiting["intake"] == [("documents.tasks.process_document", [from_stack.pk], {"bulk": True})]


def _task_call(message: bytes) -> tuple[str, list, dict]:
    """A Celery message as it waits in Redis: (task name, args, kwargs)."""
    envelope = json.loads(message)
    args, kwargs, _embed = json.loads(base64.b64decode(envelope["body"]))
    return envelope["headers"]["task"], args, kwargs
