"""Celery entry points for issuing: bulk batches, the search entries of issued documents, stale numbers."""
from __future__ import annotations

from celery import shared_task

from archive.transient import TRANSIENT
from issuing.services.issuing import issue_batch_run_items
from issuing.services.numbering import number_reservations_void_stale
from search.services import issued_documents_index
from signing.sign import SigningError


@shared_task(bind=True, acks_late=True, reject_on_worker_lost=True, max_retries=6)
def index_issued_document(self, issued_id: int) -> None:
    """One issued version (messages queued before versions were indexed together)."""
    try:
        issued_documents_index([issued_id])
    except Exception as exc:
        raise self.retry(exc=exc, countdown=min(60, 2 ** (self.request.retries + 1)))


@shared_task(bind=True, acks_late=True, reject_on_worker_lost=True, max_retries=6)
def index_issued_documents(self, issued_ids: list[int]) -> None:
    """Several issued versions in one write (a bulk batch, or every version of a re-issued series)."""
    try:
        issued_documents_index(issued_ids)
    except Exception as exc:
        raise self.retry(exc=exc, countdown=min(60, 2 ** (self.request.retries + 1)))


@shared_task(bind=True, acks_late=True, reject_on_worker_lost=True, max_retries=6)
def issue_batch_items(self, batch_id: int, indexes: list[int]) -> None:
    """Some documents of a bulk issue, signed several at a time. Transient failures (TSA, storage,
    database) retry the items left; a bad item is recorded on the batch by the service."""
    try:
        issue_batch_run_items(batch_id, indexes)
    except (*TRANSIENT, SigningError) as exc:
        raise self.retry(exc=exc, countdown=min(60, 2 ** (self.request.retries + 1)))


@shared_task(bind=True, acks_late=True, reject_on_worker_lost=True, max_retries=6)
def issue_batch_item(self, batch_id: int, index: int) -> None:
    """One document of a bulk issue (messages queued before items were grouped)."""
    try:
        issue_batch_run_items(batch_id, [index])
    except (*TRANSIENT, SigningError) as exc:
        raise self.retry(exc=exc, countdown=min(60, 2 ** (self.request.retries + 1)))


@shared_task(acks_late=True)
def void_stale_reservations() -> int:
    """Reserved numbers whose document was never recorded (the process stopped): void, with the reason."""
    return number_reservations_void_stale()
