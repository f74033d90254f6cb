"""Document types, documents and their immutable versions, the processing log and fasilitators' decisions.

Each model keeps the `archive` app label, so its table (archive_<model>) and its migrations
(archive/migrations) stay where they are: the code moved, no data did.
"""
from __future__ import annotations


from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from people.models import Employee, HistoryEntry


class DocumentType(models.Model):
    """The catalogue of supporting documents (SK CPNS, Ijazah, KTP …)."""

    code = models.CharField(max_length=40, unique=True)
    name = models.CharField(max_length=120)
    description = models.TextField(blank=True)
    # Which employee data the document supports: a history kind, or "identitas"/"keluarga".
    supports = models.CharField(max_length=40, blank=True)
    per_history_entry = models.BooleanField(
        default=False, help_text="One document per history entry (which SK Pangkat, which diploma)."
    )
    active = models.BooleanField(default=True)
    # Discipline, divorce …: the owner and administrators see these; a fasilitator sees only that the slot is filled.
    confidential = models.BooleanField(default=False)

    class Meta:
        app_label = "archive"
        ordering = ["name"]
        verbose_name = _("jenis dokumen")

    def __str__(self) -> str:
        return self.name


class DocumentStatus(models.TextChoices):
    RECEIVED = "received", _("Diterima")
    PROCESSING = "processing", _("Sedang diproses")
    NEEDS_RESCAN = "needs_rescan", _("Perlu pindai ulang")
    AWAITING_VERIFICATION = "awaiting_verification", _("Menunggu verifikasi")
    VERIFIED = "verified", _("Terverifikasi")
    REJECTED = "rejected", _("Ditolak")
    NOT_AUTHENTIC = "not_authentic", _("Tidak autentik")
    FAILED = "failed", _("Gagal diproses")


FINAL_STATUSES = {
    DocumentStatus.NEEDS_RESCAN,
    DocumentStatus.AWAITING_VERIFICATION,
    DocumentStatus.VERIFIED,
    DocumentStatus.REJECTED,
    DocumentStatus.NOT_AUTHENTIC,
    DocumentStatus.FAILED,
}


class Document(models.Model):
    """A slot in an employee's file: (employee, document type, history entry)."""

    employee = models.ForeignKey(Employee, on_delete=models.PROTECT, related_name="documents")
    document_type = models.ForeignKey(DocumentType, on_delete=models.PROTECT, related_name="documents")
    history_entry = models.ForeignKey(
        HistoryEntry, null=True, blank=True, on_delete=models.PROTECT, related_name="documents"
    )
    status = models.CharField(max_length=24, choices=DocumentStatus.choices, default=DocumentStatus.RECEIVED)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    deleted_at = models.DateTimeField(null=True, blank=True)  # soft delete; nothing is removed

    class Meta:
        app_label = "archive"
        ordering = ["-updated_at"]
        verbose_name = _("dokumen")
        constraints = [
            models.UniqueConstraint(
                fields=["employee", "document_type", "history_entry"],
                condition=Q(deleted_at__isnull=True, history_entry__isnull=False),
                name="one_live_document_per_history_slot",
            ),
            models.UniqueConstraint(
                fields=["employee", "document_type"],
                condition=Q(deleted_at__isnull=True, history_entry__isnull=True),
                name="one_live_document_per_plain_slot",
            ),
        ]
        indexes = [models.Index(fields=["status", "updated_at"])]

    def __str__(self) -> str:
        return f"{self.document_type} — {self.employee}"


class DocumentVersion(models.Model):
    """One uploaded file, immutable once stored; results of processing sit beside it."""

    document = models.ForeignKey(Document, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField()
    object_key = models.CharField(max_length=200)
    object_version = models.CharField(max_length=200)
    sha256 = models.CharField(max_length=64, db_index=True)
    size = models.PositiveBigIntegerField()
    content_type = models.CharField(max_length=60)  # detected from the bytes
    original_filename = models.CharField(max_length=255, blank=True)  # display only
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)
    uploaded_at = models.DateTimeField(auto_now_add=True)
    status = models.CharField(max_length=24, choices=DocumentStatus.choices, default=DocumentStatus.RECEIVED)
    pages = models.PositiveIntegerField(null=True)
    text = models.TextField(blank=True)
    legibility = models.JSONField(default=dict, blank=True)  # {legible, score, reasons[]}
    fields = models.JSONField(default=dict, blank=True)  # extracted candidates
    field_checks = models.JSONField(default=dict, blank=True)  # {nip: match|mismatch|absent, ...}
    flags = models.JSONField(default=list, blank=True)  # duplicates, possible forgery …
    perceptual_hash = models.CharField(max_length=64, blank=True, db_index=True)
    thumbnail_key = models.CharField(max_length=200, blank=True)
    thumbnail_version = models.CharField(max_length=200, blank=True)
    thumbnail_sha256 = models.CharField(max_length=64, blank=True)
    error = models.JSONField(default=dict, blank=True)  # {code, message} when failed
    processed_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveIntegerField(default=0)
    # The page's corners in a photo as the uploader placed them ([[x, y]] x4: tl tr br bl, pixels of
    # the upright image); the pipeline flattens along them instead of finding the page itself.
    page_corners = models.JSONField(null=True, blank=True)
    # A long document's pages are read by one task each: {"1": {legible, score, reasons}, …} as each is
    # known, so the first page's verdict shows before the last page is read.
    page_verdicts = models.JSONField(default=dict, blank=True)

    class Meta:
        app_label = "archive"
        ordering = ["document", "number"]
        constraints = [
            models.UniqueConstraint(fields=["document", "number"], name="version_number_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.document} v{self.number}"


class ProcessingEvent(models.Model):
    """The processing log of a version: which step ran, how it ended, how long it took."""

    version = models.ForeignKey(DocumentVersion, on_delete=models.CASCADE, related_name="events")
    step = models.CharField(max_length=40)
    outcome = models.CharField(max_length=20)  # ok | failed | skipped | retry
    message = models.TextField(blank=True)
    seconds = models.FloatField(null=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        app_label = "archive"
        ordering = ["at", "id"]


class VerificationDecision(models.Model):
    """A fasilitator's decision on a version. Never edited: a change is a new decision."""

    class Decision(models.TextChoices):
        VERIFIED = "verified", _("Terverifikasi")
        REJECTED = "rejected", _("Ditolak")
        NOT_AUTHENTIC = "not_authentic", _("Tidak autentik")

    version = models.ForeignKey(DocumentVersion, on_delete=models.PROTECT, related_name="decisions")
    decision = models.CharField(max_length=20, choices=Decision.choices)
    note = models.TextField(blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    decided_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        app_label = "archive"
        ordering = ["decided_at", "id"]


