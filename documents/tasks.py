"""Celery entry points for scans: take an id, call one function, retry there. JSON messages only."""
from __future__ import annotations

import datetime as dt
import logging
import time

from celery import shared_task
from django.conf import settings

from archive.transient import TRANSIENT
from documents import pipeline
from documents.services.integrity import integrity_check_and_alert
from documents.services.recovery import processing_resume
from search.services import document_index

log = logging.getLogger(__name__)


@shared_task(bind=True, acks_late=True, reject_on_worker_lost=True, max_retries=6)
def process_document(self, version_id: int, force: bool = False, bulk: bool = False) -> str:
    try:
        return pipeline.process_version(version_id, force=force, bulk=bulk)
    except TRANSIENT as exc:
        if self.request.retries >= self.max_retries:
            pipeline.mark_failed(version_id, f"{type(exc).__name__}: {exc}")
            return "failed"
        raise self.retry(exc=exc, countdown=min(60, 2 ** (self.request.retries + 1)))
    except Exception as exc:  # a bug or an unexpected file: never leave it "processing" for ever
        log.exception("processing version %s failed", version_id)
        pipeline.mark_failed(version_id, f"{type(exc).__name__}: {exc}")
        return "failed"


@shared_task(bind=True, acks_late=True, reject_on_worker_lost=True, max_retries=4)
def read_page(self, version_id: int, number: int) -> dict:
    """Never raises: a page that cannot be read is returned as such, so the chord still joins."""
    try:
        return pipeline.read_page(version_id, number)
    except TRANSIENT as exc:
        if self.request.retries < self.max_retries:
            raise self.retry(exc=exc, countdown=min(30, 2 ** (self.request.retries + 1)))
        error = f"{type(exc).__name__}: {exc}"
    except Exception as exc:  # a bug or a page no library can read
        log.exception("reading page %s of version %s failed", number, version_id)
        error = f"{type(exc).__name__}: {exc}"
    return pipeline.page_not_read(version_id, number, error)


@shared_task(bind=True, acks_late=True, reject_on_worker_lost=True, max_retries=6)
def finish_reading(self, pages: list[dict], version_id: int) -> str:
    try:
        return pipeline.finish_reading(version_id, pages)
    except TRANSIENT as exc:
        if self.request.retries >= self.max_retries:
            pipeline.mark_failed(version_id, f"{type(exc).__name__}: {exc}")
            return "failed"
        raise self.retry(exc=exc, countdown=min(60, 2 ** (self.request.retries + 1)))
    except Exception as exc:
        log.exception("joining the pages of version %s failed", version_id)
        pipeline.mark_failed(version_id, f"{type(exc).__name__}: {exc}")
        return "failed"


@shared_task(bind=True, acks_late=True, reject_on_worker_lost=True, max_retries=6)
def index_document(self, document_id: int) -> None:
    started = time.perf_counter()
    try:
        document_index(document_id)
        pipeline.log_indexed(document_id, time.perf_counter() - started)
    except Exception as exc:
        # A broken index must never fail an ingest: retry the index write alone.
        raise self.retry(exc=exc, countdown=min(60, 2 ** (self.request.retries + 1)))


# --- Scheduled duties (config.settings.CELERY_BEAT_SCHEDULE) ---------------------------------

@shared_task(acks_late=True)
def resume_stuck_processing() -> int:
    """Scans left `received` or `processing` past the bound (a broker that was down, a killed worker)."""
    return len(processing_resume(older_than=dt.timedelta(minutes=settings.RESUME_PROCESSING_AFTER_MINUTES)))


@shared_task(acks_late=True)
def check_integrity() -> str:
    """Weekly: every stored object against its checksum, and the audit chain; administrators hear of a problem."""
    return integrity_check_and_alert()
