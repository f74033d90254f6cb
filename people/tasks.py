"""Celery entry points for the record: dated statuses taking effect, search entries following an employee."""
from __future__ import annotations

import datetime as dt

from celery import shared_task

from archive.transient import TRANSIENT
from issuing.models import IssuedDocument
from people.services.status import employee_statuses_take_effect
from search.services import employee_documents_index, issued_documents_index


@shared_task(bind=True, acks_late=True, reject_on_worker_lost=True, max_retries=6)
def index_employee_documents(self, employee_id: int) -> None:
    """An employee moved unit or changed name: their documents' entries follow (search scope)."""
    try:
        employee_documents_index(employee_id)
        issued_ids = IssuedDocument.objects.filter(employee_id=employee_id).values_list("pk", flat=True)
        issued_documents_index(list(issued_ids))
    except Exception as exc:
        raise self.retry(exc=exc, countdown=min(60, 2 ** (self.request.retries + 1)))


@shared_task(bind=True, acks_late=True, reject_on_worker_lost=True, max_retries=6)
def apply_status_changes(self, day: str | None = None) -> int:
    """Daily: statuses whose date has come take effect (a pensiun TMT today makes the employee
    pensiun). `day` is an ISO date; default today."""
    try:
        return employee_statuses_take_effect(today=dt.date.fromisoformat(day) if day else None)
    except TRANSIENT as exc:
        raise self.retry(exc=exc, countdown=min(300, 2 ** (self.request.retries + 3)))
