"""Celery entry points: take an id, call one function, retry there. JSON messages only."""
from __future__ import annotations

import logging
import time

from celery import chord, shared_task
from celery.signals import task_postrun
from django.db import InterfaceError, OperationalError

from archive import pipeline
from archive.storage import StorageUnavailable

log = logging.getLogger(__name__)
TRANSIENT = (StorageUnavailable, OperationalError, InterfaceError)
# Single scans are read on `ocr`; what a scanned stack files (and its pages) on `intake`, which the
# workers consume beside `ocr`, taking turns: a 300-page stack cannot hold up a single scan.
OCR_QUEUE, BULK_QUEUE = "ocr", "intake"


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


def read_pages_in_parallel(version_id: int, pages: int, *, bulk: bool = False) -> None:
    """One `read_page` task per page, joined by `finish_reading` (a chord: its counter and the pages'
    results live in the result backend, Redis; in process on the embedded default)."""
    queue = BULK_QUEUE if bulk else OCR_QUEUE
    header = [read_page.si(version_id, number).set(queue=queue) for number in range(1, pages + 1)]
    chord(header)(finish_reading.s(version_id).set(queue=queue))


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
    try:
        from search.services import document_index
    except ImportError:  # search not installed yet in this build
        return
    started = time.perf_counter()
    try:
        document_index(document_id)
        pipeline.log_indexed(document_id, time.perf_counter() - started)
    except Exception as exc:
        # A broken index must never fail an ingest: retry the index write alone.
        raise self.retry(exc=exc, countdown=min(60, 2 ** (self.request.retries + 1)))


@shared_task(bind=True, acks_late=True, reject_on_worker_lost=True, max_retries=6)
def index_issued_document(self, issued_id: int) -> None:
    from archive.services.issuing import issued_document_search_index

    try:
        issued_document_search_index(issued_id)
    except Exception as exc:
        raise self.retry(exc=exc, countdown=min(60, 2 ** (self.request.retries + 1)))


@shared_task(bind=True, acks_late=True, reject_on_worker_lost=True, max_retries=6)
def index_employee_documents(self, employee_id: int) -> None:
    """An employee moved unit or changed name: their documents' entries follow (search scope)."""
    from archive.models import IssuedDocument
    from archive.services.issuing import issued_document_search_index
    from search.services import employee_documents_index

    try:
        employee_documents_index(employee_id)
        for issued_id in IssuedDocument.objects.filter(employee_id=employee_id).values_list("pk", flat=True):
            issued_document_search_index(issued_id)
    except Exception as exc:
        raise self.retry(exc=exc, countdown=min(60, 2 ** (self.request.retries + 1)))


@shared_task(bind=True, acks_late=True, reject_on_worker_lost=True, max_retries=6)
def issue_batch_items(self, batch_id: int, indexes: list[int]) -> None:
    """Some documents of a bulk issue, signed several at a time. Transient failures (TSA, storage,
    database) retry the items left; a bad item is recorded on the batch by the service."""
    from archive.services.issuing import issue_batch_run_items
    from signing.sign import SigningError

    try:
        issue_batch_run_items(batch_id, indexes)
    except (*TRANSIENT, SigningError) as exc:
        raise self.retry(exc=exc, countdown=min(60, 2 ** (self.request.retries + 1)))


@shared_task(bind=True, acks_late=True, reject_on_worker_lost=True, max_retries=6)
def issue_batch_item(self, batch_id: int, index: int) -> None:
    """One document of a bulk issue (messages queued before items were grouped)."""
    from archive.services.issuing import issue_batch_run_items
    from signing.sign import SigningError

    try:
        issue_batch_run_items(batch_id, [index])
    except (*TRANSIENT, SigningError) as exc:
        raise self.retry(exc=exc, countdown=min(60, 2 ** (self.request.retries + 1)))


def _retry_mail(task, exc: BaseException, what: str) -> None:
    """Retry a temporary mail failure with backoff (up to about an hour); drop a permanent one.
    Run in process (no broker: the embedded default) a retry happens at once, so only twice."""
    from archive.services.mail import mail_failure_is_temporary

    temporary = mail_failure_is_temporary(exc) or isinstance(exc, TRANSIENT)
    limit = 2 if task.request.is_eager else task.max_retries
    if not temporary or task.request.retries >= limit:
        log.error("giving up on %s: %s: %s", what, type(exc).__name__, exc)
        return
    raise task.retry(exc=exc, countdown=min(900, 30 * 2 ** task.request.retries))


@shared_task(acks_late=True, reject_on_worker_lost=True)
def dispatch_password_reset(identifier: str, ip: str) -> None:
    from archive.services.password_reset import password_reset_dispatch

    password_reset_dispatch(identifier, ip)


@shared_task(bind=True, acks_late=True, reject_on_worker_lost=True, max_retries=8)
def send_password_reset_email(self, user_id: int) -> None:
    from archive.services.password_reset import password_reset_email_send

    try:
        password_reset_email_send(user_id)
    except Exception as exc:
        _retry_mail(self, exc, f"the password reset email for user {user_id}")


@shared_task(bind=True, acks_late=True, reject_on_worker_lost=True, max_retries=8)
def send_notification_email(self, notification_id: int) -> None:
    from archive.services.notifications import notification_email_deliver

    try:
        notification_email_deliver(notification_id)
    except Exception as exc:
        _retry_mail(self, exc, f"the email for notification {notification_id}")


# --- Scheduled duties (config.settings.CELERY_BEAT_SCHEDULE) ---------------------------------

@shared_task(acks_late=True)
def resume_stuck_processing() -> int:
    """Scans left `received` or `processing` past the bound (a broker that was down, a killed worker)."""
    import datetime as dt

    from django.conf import settings

    from archive.services.recovery import processing_resume

    return len(processing_resume(older_than=dt.timedelta(minutes=settings.RESUME_PROCESSING_AFTER_MINUTES)))


@shared_task(acks_late=True)
def void_stale_reservations() -> int:
    """Reserved numbers whose document was never recorded (the process stopped): void, with the reason."""
    from archive.services.numbering import number_reservations_void_stale

    return number_reservations_void_stale()


@shared_task(acks_late=True)
def send_weekly_digests() -> int:
    from archive.services.digests import digests_send

    return digests_send()


@shared_task(acks_late=True)
def check_integrity() -> str:
    """Weekly: every stored object against its checksum, and the audit chain; administrators hear of a problem."""
    from archive.services.integrity import integrity_check_and_alert

    return integrity_check_and_alert()


@shared_task(bind=True, acks_late=True, reject_on_worker_lost=True, max_retries=6)
def apply_status_changes(self, day: str | None = None) -> int:
    """Daily: statuses whose date has come take effect (a pensiun TMT today makes the employee
    pensiun). `day` is an ISO date; default today."""
    import datetime as dt

    from archive.services.employee_status import employee_statuses_take_effect

    try:
        return employee_statuses_take_effect(today=dt.date.fromisoformat(day) if day else None)
    except TRANSIENT as exc:
        raise self.retry(exc=exc, countdown=min(300, 2 ** (self.request.retries + 3)))


@shared_task(acks_late=False)  # a backup is long: a redelivery would start a second one
def nightly_backup() -> str:
    """BACKUP_DIR set: back up, rotate, test-restore; administrators hear when the test restore fails."""
    from django.conf import settings

    from archive.services.backup import backup_scheduled
    from archive.services.notifications import administrators, notification_send

    if not settings.BACKUP_DIR:
        return "skipped: BACKUP_DIR not set"
    result = backup_scheduled(root=settings.BACKUP_DIR)
    if not result["test_restore"]["ok"]:
        notification_send(recipients=administrators(), kind="integrity.failed",
                          message=f"Cadangan {result['folder']} gagal diuji-pulihkan: "
                                  f"{result['test_restore']['detail']}")
    return f"{result['folder']}: test restore {'ok' if result['test_restore']['ok'] else 'FAILED'}"


@task_postrun.connect
def _record_scheduled_duty(sender=None, retval=None, state=None, **kwargs):
    """Whoever ran a scheduled duty (Celery beat's worker, or the embedded scheduler), monitoring shows
    when it last ran and how it ended."""
    from django.conf import settings
    from django.utils import timezone

    from archive.models import ScheduledRun

    names = [name for name, entry in settings.CELERY_BEAT_SCHEDULE.items() if entry["task"] == getattr(sender, "name", "")]
    for name in names:
        outcome = str(retval) if state == "SUCCESS" else f"failed: {retval!r}"
        ScheduledRun.objects.update_or_create(name=name, defaults={"last_run_at": timezone.now(),
                                                                   "last_outcome": outcome[:2000]})
