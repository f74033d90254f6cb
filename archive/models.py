"""The archive app's own tables: the audit chain and the scheduled duties' last runs.

The domain models (people, documents, issuing, desk, notifications) keep this app label
too, in their own packages: see docs/architecture.md."""
from __future__ import annotations


from django.conf import settings
from django.db import models
from django.utils import timezone



class AuditEvent(models.Model):
    """Append-only log of who did what; each entry carries the hash of the one before."""

    at = models.DateTimeField(default=timezone.now, editable=False)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)
    action = models.CharField(max_length=60)
    target = models.CharField(max_length=200, blank=True)
    details = models.JSONField(default=dict, blank=True)
    previous_hash = models.CharField(max_length=64)
    entry_hash = models.CharField(max_length=64, unique=True)

    class Meta:
        ordering = ["id"]


class AuditChainHead(models.Model):
    """One row that appenders to the audit chain lock in turn (archive.services.audit.audit_record).
    Locking the newest entry instead let two appenders read the same newest entry and fork the chain."""

    appends = models.BigIntegerField(default=0)



class ScheduledRun(models.Model):
    """When each scheduled duty last ran (the in-process scheduler of the embedded default keeps its
    place here across restarts; Celery beat keeps its own)."""

    name = models.CharField(max_length=80, unique=True)
    last_run_at = models.DateTimeField()
    last_outcome = models.TextField(blank=True)
