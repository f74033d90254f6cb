"""Hand a task to the queue by its name, without letting a broker outage undo work already committed.

Services enqueue through here by name ("documents.tasks.process_document"), never by importing a tasks
module: tasks call services, so a service importing its tasks would close an import circle."""
from __future__ import annotations

import logging

from celery import chord

from config.celery import app

log = logging.getLogger(__name__)

# Single scans are read on `ocr`; what a scanned stack files (and its pages) on `intake`, which the
# workers consume beside `ocr`, taking turns: a 300-page stack cannot hold up a single scan.
OCR_QUEUE, BULK_QUEUE = "ocr", "intake"
_tasks_loaded = False


def task_signature(name: str, *args, queue: str | None = None, **kwargs):
    """The task `name` with these arguments, ready to send (or to run in process on the embedded default,
    where tasks are eager: that needs the task registered, so the tasks modules are imported once)."""
    global _tasks_loaded
    if not _tasks_loaded:
        app.loader.import_default_modules()
        _tasks_loaded = True
    signature = app.signature(name, args=args, kwargs=kwargs)
    return signature.set(queue=queue) if queue else signature


def enqueue(name: str, *args, what: str, queue: str | None = None, **kwargs) -> bool:
    """Send the task `name`, or log a warning when the broker is down: the data is committed, and
    `manage.py resume_processing` (or `reindex`) picks up what was not queued."""
    try:
        task_signature(name, *args, queue=queue, **kwargs).apply_async()
    except Exception as exc:  # kombu OperationalError, redis ConnectionError, socket errors …
        log.warning("task queue unavailable (%s: %s); %s left for a later run", type(exc).__name__, exc, what)
        return False
    return True


def enqueue_pages(version_id: int, pages: int, *, bulk: bool = False) -> None:
    """One `read_page` task per page of a long scan, joined by `finish_reading` (a chord: its counter and
    the pages' results live in the result backend, Redis; in process on the embedded default)."""
    queue = BULK_QUEUE if bulk else OCR_QUEUE
    header = [task_signature("documents.tasks.read_page", version_id, number, queue=queue).set(immutable=True)
              for number in range(1, pages + 1)]
    chord(header)(task_signature("documents.tasks.finish_reading", version_id, queue=queue))
