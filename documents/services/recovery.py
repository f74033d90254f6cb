"""Recovery after the task queue was down: scans stored but never (or never fully) processed."""
from __future__ import annotations

import datetime as dt

from django.db.models import QuerySet
from django.utils import timezone

from archive.enqueue import BULK_QUEUE, task_signature
from documents.models import DocumentStatus, DocumentVersion
from intake.models import IntakePart


def versions_stuck(*, older_than: dt.timedelta) -> QuerySet[DocumentVersion]:
    """Versions still `received` or `processing` this long after upload: their task was never
    enqueued (broker down at upload) or was lost (broker restarted without persistence)."""
    return (DocumentVersion.objects
            .filter(status__in=[DocumentStatus.RECEIVED, DocumentStatus.PROCESSING],
                    uploaded_at__lte=timezone.now() - older_than, document__deleted_at__isnull=True)
            .order_by("uploaded_at", "pk"))


def processing_resume(*, older_than: dt.timedelta) -> list[int]:
    """Enqueue every stuck version again (the pipeline is idempotent, a duplicate run is harmless), each on
    the queue it was first sent to: a version filed from a scanned stack goes back on the stacks' queue, so
    a resumed 300-page stack cannot hold up single scans. Returns the ids enqueued; raises the broker's
    error if the queue is still down."""
    stuck = list(versions_stuck(older_than=older_than).values_list("pk", "document_id"))
    from_stacks = set(IntakePart.objects.filter(document_id__in={document for _, document in stuck})
                      .values_list("document_id", flat=True))
    enqueued = []
    for version_id, document_id in stuck:
        bulk = document_id in from_stacks
        task_signature("documents.tasks.process_document", version_id, bulk=bulk,
                       queue=BULK_QUEUE if bulk else None).apply_async()
        enqueued.append(version_id)
    return enqueued
