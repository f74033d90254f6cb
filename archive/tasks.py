"""Celery entry points of the house: the nightly backup, and the record of when each scheduled duty ran."""
from __future__ import annotations

from celery import shared_task
from celery.signals import task_postrun
from django.conf import settings
from django.utils import timezone

from archive.models import ScheduledRun
from archive.services.backup import backup_scheduled
from notifications.services.notifications import administrators, notification_send


@shared_task(acks_late=False)  # a backup is long: a redelivery would start a second one
def nightly_backup() -> str:
    """BACKUP_DIR set: back up, rotate, test-restore; administrators hear when the test restore fails."""
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
    names = [name for name, entry in settings.CELERY_BEAT_SCHEDULE.items() if entry["task"] == getattr(sender, "name", "")]
    for name in names:
        outcome = str(retval) if state == "SUCCESS" else f"failed: {retval!r}"
        ScheduledRun.objects.update_or_create(name=name, defaults={"last_run_at": timezone.now(),
                                                                   "last_outcome": outcome[:2000]})
