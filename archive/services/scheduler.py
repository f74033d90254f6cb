"""The embedded default's scheduler: the same duties as Celery beat (settings.CELERY_BEAT_SCHEDULE),
run in process, their last runs kept in the database (ScheduledRun) so a restart neither repeats nor
skips one. Production runs `celery -A config beat` instead (`make beat`)."""
from __future__ import annotations

import copy
import datetime as dt
import logging


from django.conf import settings
from django.utils import timezone

from archive.models import ScheduledRun

log = logging.getLogger(__name__)


def duties_due(*, now: dt.datetime | None = None) -> list[str]:
    """The names of the scheduled duties due now (a duty never run is due at its next slot, not at once)."""
    from config.celery import app  # its timezone (CELERY_TIMEZONE) places the crontab slots, as beat does

    now = now or timezone.now()
    last = dict(ScheduledRun.objects.values_list("name", "last_run_at"))
    due = []
    for name, entry in settings.CELERY_BEAT_SCHEDULE.items():
        # a copy: the schedule in settings is shared with beat and must not keep this run's clock
        schedule = copy.copy(entry["schedule"])
        # crontab compares in local time (beat's app.now() is local too)
        schedule.app, schedule.nowfun = app, (lambda: timezone.localtime(now))
        if name not in last:  # first sight: start counting from now
            ScheduledRun.objects.create(name=name, last_run_at=now)
            continue
        if schedule.is_due(timezone.localtime(last[name])).is_due:
            due.append(name)
    return due


def duty_run(name: str, *, now: dt.datetime | None = None) -> str:
    """Run one duty in this process and record it (its outcome in words, or the error)."""
    entry = settings.CELERY_BEAT_SCHEDULE[name]
    from importlib import import_module

    module, _, task_name = entry["task"].rpartition(".")
    task = getattr(import_module(module), task_name)
    try:
        outcome = str(task.apply(args=entry.get("args", ())).get(propagate=True))
    except Exception as exc:  # one failing duty must not stop the others
        log.exception("scheduled duty %s failed", name)
        outcome = f"failed: {type(exc).__name__}: {exc}"
    # its slot: the time it was due (archive.tasks records the outcome for beat's runs too)
    ScheduledRun.objects.update_or_create(name=name, defaults={"last_run_at": now or timezone.now(),
                                                               "last_outcome": outcome[:2000]})
    return outcome


def scheduler_tick(*, now: dt.datetime | None = None) -> dict[str, str]:
    return {name: duty_run(name, now=now) for name in duties_due(now=now)}
