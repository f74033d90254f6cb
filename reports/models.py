"""Reconciliation imports (their diff, kept until confirmed) and the values they replaced."""
from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from people.models import Employee


class ReconciliationImport(models.Model):
    """One reconciliation file compared with the database: the diff shown, and whether it was applied.

    `fingerprint` is the sha256 of the diff as shown; applying names it, and is refused when the
    database has changed since (the diff would no longer be what was shown)."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Menunggu konfirmasi")
        APPLIED = "applied", _("Diterapkan")

    fingerprint = models.CharField(max_length=64, db_index=True)
    source_name = models.CharField(max_length=255, blank=True)
    file_format = models.CharField(max_length=4)  # csv | json
    records = models.JSONField()  # the file's good rows, cleaned: what applying writes
    diff = models.JSONField()  # {new[], changed[], missing[], errors[], summary{}}
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    applied_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    applied_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [models.CheckConstraint(condition=~Q(status="applied") | Q(applied_at__isnull=False),
                                              name="applied_reconciliation_has_time")]


class ReconciliationChange(models.Model):
    """One field of one employee changed by a reconciliation: its value before and after."""

    reconciliation = models.ForeignKey(ReconciliationImport, on_delete=models.PROTECT, related_name="changes")
    employee = models.ForeignKey(Employee, on_delete=models.PROTECT, related_name="reconciliation_changes")
    field = models.CharField(max_length=40)  # "created" for a new employee
    previous_value = models.TextField(blank=True)
    new_value = models.TextField(blank=True)
    applied_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["employee", "applied_at", "id"]


class AgencyToken(models.Model):
    """An API token for another agency's system (Pergub Jatim 73/2020 Pasal 26), limited by scopes:
    `statistics:read`, `reconciliation:read`, `employees:read:<agency code>`. Only its sha256 is
    kept; the token itself is shown once, when it is made."""

    name = models.CharField(max_length=120)  # the system, e.g. "SIMPEG Kabupaten Sidoarjo"
    prefix = models.CharField(max_length=12, db_index=True)  # shown in lists, to tell tokens apart
    key_hash = models.CharField(max_length=64, unique=True)
    scopes = models.JSONField(default=list)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"
