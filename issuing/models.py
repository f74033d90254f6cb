"""What BKD issues: number sequences and reservations, issued documents, the record changes they make, drafts and bulk batches.

Each model keeps the `archive` app label, so its table (archive_<model>) and its migrations
(archive/migrations) stay where they are: the code moved, no data did.
"""
from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from documents.models import VerificationDecision
from people.models import Employee


class DocumentNumberSequence(models.Model):
    """The last number given per template and year; incremented atomically (see issuing)."""

    template = models.CharField(max_length=40)
    year = models.PositiveIntegerField()
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        app_label = "archive"
        constraints = [models.UniqueConstraint(fields=["template", "year"], name="one_sequence_per_template_year")]


class NumberReservation(models.Model):
    """A document number taken before signing (see issuing.services.numbering). Signing happens
    outside database transactions, so a number is first reserved (committed at once), then the
    document is signed, then recorded; a number whose document never came to be is marked void
    with the reason, so every gap in a register is explained and no number is ever given twice."""

    class Status(models.TextChoices):
        RESERVED = "reserved", _("Reserved, being signed")
        ISSUED = "issued", _("Issued")
        VOID = "void", _("Void")

    template = models.CharField(max_length=40)
    year = models.PositiveIntegerField()
    number = models.CharField(max_length=80, unique=True)
    # what the number is for ("service_request:12", "draft:3"): one open reservation per purpose, so
    # two administrators approving one request at once do not both sign
    purpose = models.CharField(max_length=80, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.RESERVED)
    reserved_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    reserved_at = models.DateTimeField(default=timezone.now)
    issued_document = models.OneToOneField("IssuedDocument", null=True, blank=True, on_delete=models.PROTECT,
                                           related_name="reservation")
    voided_at = models.DateTimeField(null=True, blank=True)
    void_reason = models.TextField(blank=True)
    # a signed PDF put in object storage but never recorded (refused at the record step): kept
    # (the store is append-only), never current, named here so an auditor can find it
    discarded_object_key = models.CharField(max_length=200, blank=True)

    class Meta:
        app_label = "archive"
        ordering = ["-reserved_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["purpose"], condition=Q(status="reserved") & ~Q(purpose=""),
                                    name="one_open_reservation_per_purpose"),
            models.CheckConstraint(condition=~Q(status="void") | ~Q(void_reason=""), name="void_reservation_has_reason"),
        ]
        indexes = [models.Index(fields=["status", "reserved_at"], name="reservation_status_idx")]

    def __str__(self) -> str:
        return f"{self.number} ({self.status})"


class IssuedDocument(models.Model):
    """One version of a decree or card the system issued: a signed, immutable PDF."""

    class Status(models.TextChoices):
        CURRENT = "current", _("Berlaku")
        SUPERSEDED = "superseded", _("Digantikan versi baru")
        REVOKED = "revoked", _("Dicabut")

    series = models.UUIDField(default=uuid.uuid4, db_index=True)  # all versions of one document
    version = models.PositiveIntegerField(default=1)
    template = models.CharField(max_length=40)
    title = models.CharField(max_length=200)
    number = models.CharField(max_length=80)
    year = models.PositiveIntegerField()
    # null: a document about no one employee (the quarterly report, reports.quarterly)
    employee = models.ForeignKey(Employee, null=True, blank=True, on_delete=models.PROTECT,
                                 related_name="issued_documents")
    fields = models.JSONField(default=dict)
    token = models.CharField(max_length=64, unique=True)  # the QR code's /verify/{token}
    object_key = models.CharField(max_length=200)
    object_version = models.CharField(max_length=200)
    sha256 = models.CharField(max_length=64, unique=True)
    size = models.PositiveBigIntegerField()
    # sha256 of the signature's CMS blob: unchanged when bytes elsewhere in a copy are altered,
    # so a modified copy can still be traced to the document it was.
    signature_fingerprint = models.CharField(max_length=64, db_index=True, blank=True)
    signer_name = models.CharField(max_length=200, blank=True)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.CURRENT)
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    issued_at = models.DateTimeField(default=timezone.now)
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_reason = models.TextField(blank=True)
    revoked_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")

    class Meta:
        app_label = "archive"
        ordering = ["-issued_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["series", "version"], name="issued_version_unique"),
            # Versions of one document share its number; two documents never do.
            models.UniqueConstraint(fields=["number", "version"], name="issued_number_unique"),
            models.UniqueConstraint(fields=["series"], condition=Q(status="current"),
                                    name="one_current_version_per_series"),
        ]

    def __str__(self) -> str:
        return f"{self.title} {self.number} v{self.version}"


class RecordChange(models.Model):
    """What one issued decree changed on the employee's record, applied in the issuing transaction.
    `changes` lists each change with its before value, so revoking the decree reverts exactly these:
    {"fields": {name: [before, after]}, "history": [entry ids], "statuses": [period ids]}."""

    issued_document = models.OneToOneField(IssuedDocument, on_delete=models.PROTECT, related_name="record_change")
    employee = models.ForeignKey(Employee, on_delete=models.PROTECT, related_name="record_changes")
    changes = models.JSONField(default=dict)
    summary = models.TextField(blank=True)  # what changed, in words, for pages and notifications
    applied_at = models.DateTimeField(auto_now_add=True)
    reverted_at = models.DateTimeField(null=True, blank=True)
    reverted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    revert_summary = models.TextField(blank=True)

    class Meta:
        app_label = "archive"
        ordering = ["-applied_at", "-id"]


# --- Services (layanan kepegawaian), requests, data updates, drafts, notifications -----------


class IssueDraft(models.Model):
    """A document prepared by the system for an administrator to review and issue, e.g. the
    written warning (teguran tertulis) drafted when a scan is decided not authentic."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draf")
        ISSUED = "issued", _("Diterbitkan")
        DISCARDED = "discarded", _("Dibatalkan")

    template = models.CharField(max_length=40)
    employee = models.ForeignKey(Employee, on_delete=models.PROTECT, related_name="issue_drafts")
    fields = models.JSONField(default=dict)
    decision = models.ForeignKey(VerificationDecision, null=True, blank=True, on_delete=models.PROTECT,
                                 related_name="issue_drafts")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    created_at = models.DateTimeField(auto_now_add=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)
    discard_reason = models.TextField(blank=True)
    issued_document = models.ForeignKey(IssuedDocument, null=True, blank=True, on_delete=models.PROTECT,
                                        related_name="+")

    class Meta:
        app_label = "archive"
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=~Q(status="issued") | Q(issued_document__isnull=False),
                                   name="issued_draft_links_document"),
        ]



class IssueBatch(models.Model):
    """A bulk issuing job (e.g. this month's KGB notices): one task per item, progress kept here.
    A failing item is recorded and does not stop or undo the others."""

    template = models.CharField(max_length=40)
    items = models.JSONField()  # [{"employee": NIP, "fields": {...}}]
    total = models.PositiveIntegerField()
    done = models.PositiveIntegerField(default=0)
    failed = models.PositiveIntegerField(default=0)
    errors = models.JSONField(default=list)  # [{"index", "employee", "detail"}]
    done_items = models.JSONField(default=list)  # indexes issued, so a redelivered task is not issued twice
    issued = models.ManyToManyField(IssuedDocument, blank=True, related_name="batches")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    @property
    def finished(self) -> bool:
        return self.done + self.failed >= self.total

    class Meta:
        app_label = "archive"


