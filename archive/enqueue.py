"""Hand a task to the queue without letting a broker outage undo work already committed."""
import logging

log = logging.getLogger(__name__)


def enqueue(task, *args, what: str, queue: str | None = None, **kwargs) -> bool:
    """`task.delay(*args, **kwargs)` (on `queue` instead of the task's own, when given), or a warning
    when the broker is down: the data is committed, and `manage.py resume_processing` (or `reindex`)
    picks up what was not queued."""
    try:
        task.apply_async(args, kwargs, **({"queue": queue} if queue else {}))
    except Exception as exc:  # kombu OperationalError, redis ConnectionError, socket errors …
        log.warning("task queue unavailable (%s: %s); %s left for a later run", type(exc).__name__, exc, what)
        return False
    return True
