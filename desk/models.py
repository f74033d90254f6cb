"""The service desk: services and what they require, service requests, data updates, collective decrees.

Each model keeps the `archive` app label, so its table (archive_<model>) and its migrations
(archive/migrations) stay where they are: the code moved, no data did.
"""
from __future__ import annotations


from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from documents.models import Document, DocumentType
from issuing.models import IssuedDocument
from people.models import Employee, HistoryEntry


class Service(models.Model):
    """A personnel service an employee may request (kenaikan pangkat, Karis/Karsu, cuti …)."""

    code = models.CharField(max_length=40, unique=True)
    name = models.CharField(max_length=160)
    description = models.TextField(blank=True)
    active = models.BooleanField(default=True)
    # The signing template issued on approval (templates/documents/<code>.toml); blank: none.
    output_template = models.CharField(max_length=40, blank=True)
    # Who decides: "" (BKD itself) or an outside body (BKN, Taspen …): then the output is a signed
    # surat usul to that body, and the request completes when its reply is attached.
    decided_by = models.CharField(max_length=200, blank=True)
    # The unit's fasilitator reviews (forwards or returns) before BKD decides (SI-ASN "verifikasi instansi").
    agency_review = models.BooleanField(default=True)
    legal_basis = models.CharField(max_length=300, blank=True)  # SOP / regulation the service follows
    document_types = models.ManyToManyField(DocumentType, through="ServiceRequirement", related_name="services")

    class Meta:
        app_label = "archive"
        ordering = ["name"]
        verbose_name = _("layanan")

    def __str__(self) -> str:
        return self.name


class ServiceRequirement(models.Model):
    """A document a service requires; `must_be_verified`: uploaded is not enough."""

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="requirements")
    document_type = models.ForeignKey(DocumentType, on_delete=models.PROTECT, related_name="+")
    must_be_verified = models.BooleanField(default=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        app_label = "archive"
        ordering = ["service", "position", "id"]
        constraints = [models.UniqueConstraint(fields=["service", "document_type"], name="one_requirement_per_type")]


class ServiceRequest(models.Model):
    """One employee's request for a service:
    draft -> submitted -> forwarded (agency step) -> approved (output issued, record changed)
                                                   | sent (surat usul to an outside body) -> completed (reply attached)
    and returned (with a reason) from submitted or forwarded, back to submitted."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draf")
        SUBMITTED = "submitted", _("Diajukan")
        FORWARDED = "forwarded", _("Diteruskan ke BKD")
        RETURNED = "returned", _("Dikembalikan")
        APPROVED = "approved", _("Selesai")
        SENT = "sent", _("Dikirim ke instansi pemutus")
        COMPLETED = "completed", _("Selesai (balasan dilampirkan)")

    service = models.ForeignKey(Service, on_delete=models.PROTECT, related_name="requests")
    employee = models.ForeignKey(Employee, on_delete=models.PROTECT, related_name="service_requests")
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.DRAFT)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    checklist = models.JSONField(default=list, blank=True)  # as it stood at the last submission
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)
    return_reason = models.TextField(blank=True)
    issued_document = models.ForeignKey(IssuedDocument, null=True, blank=True, on_delete=models.PROTECT,
                                        related_name="service_requests")
    forwarded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="+")
    forwarded_at = models.DateTimeField(null=True, blank=True)
    # The outside body's reply (e.g. BKN's SK pensiun, Taspen's card), a scan in the employee's file.
    reply_document = models.ForeignKey("Document", null=True, blank=True, on_delete=models.PROTECT,
                                       related_name="+")
    reply_details = models.JSONField(default=dict, blank=True)  # {number, date, note} of the reply
    completed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        app_label = "archive"
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["service", "employee"],
                                    condition=Q(status__in=["draft", "submitted", "forwarded", "returned"]),
                                    name="one_open_request_per_service_employee"),
            models.CheckConstraint(condition=~Q(status="returned") | ~Q(return_reason=""),
                                   name="returned_request_has_reason"),
        ]

    def __str__(self) -> str:
        return f"{self.service} — {self.employee} ({self.status})"


class DataUpdate(models.Model):
    """An employee's proposed change to their record, with its supporting scan; a fasilitator
    approves (the record changes, the previous value is kept here) or returns it with a reason."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Diusulkan")
        APPROVED = "approved", _("Disetujui")
        RETURNED = "returned", _("Dikembalikan")

    class Owner(models.TextChoices):
        AGENCY = "agency", _("Perangkat daerah (fasilitator)")
        BKD = "bkd", _("BKD (administrator)")

    employee = models.ForeignKey(Employee, on_delete=models.PROTECT, related_name="data_updates")
    field = models.CharField(max_length=40, blank=True)  # an Employee field, or blank for a history entry
    history_entry = models.ForeignKey(HistoryEntry, null=True, blank=True, on_delete=models.PROTECT,
                                      related_name="data_updates")  # an existing entry to change
    history_kind = models.CharField(max_length=20, blank=True)  # a new entry of this kind (history_entry once made)
    value = models.JSONField()  # a string for a field; {title, effective_date, reference_number} for history
    previous_value = models.JSONField(null=True, blank=True)
    # The supporting scan; a collective update (one decree for many NIPs) cites its decree number instead.
    document = models.ForeignKey(Document, null=True, blank=True, on_delete=models.PROTECT,
                                 related_name="data_updates")
    collective = models.UUIDField(null=True, blank=True, db_index=True)  # the rows of one collective update
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PROPOSED)
    # Whose data this is, fixed when proposed (settings.DATA_OWNED_BY_BKD): who may decide on it.
    owner = models.CharField(max_length=10, choices=Owner.choices, default=Owner.AGENCY)
    proposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    proposed_at = models.DateTimeField(auto_now_add=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)
    reason = models.TextField(blank=True)

    class Meta:
        app_label = "archive"
        ordering = ["-proposed_at", "-id"]
        constraints = [
            # One target: a field, an existing history entry, or a new entry's kind (linked once made).
            models.CheckConstraint(
                condition=(Q(field__gt="", history_entry__isnull=True, history_kind="")
                           | Q(field="", history_entry__isnull=False, history_kind="")
                           | Q(field="", history_kind__gt="")),
                name="data_update_has_one_target"),
            models.CheckConstraint(condition=~Q(status="returned") | ~Q(reason=""), name="returned_update_has_reason"),
            models.CheckConstraint(condition=Q(document__isnull=False) | Q(collective__isnull=False),
                                   name="data_update_has_scan_or_is_collective"),
        ]


class CollectiveDecree(models.Model):
    """The scanned decree a collective update rests on (one file for many NIPs), stored like a scan: an
    immutable object with its sha256. The rows of the update share its `collective` id (issue 17: maker-checker)."""

    collective = models.UUIDField(unique=True)
    reference_number = models.CharField(max_length=100)
    object_key = models.CharField(max_length=200)
    object_version = models.CharField(max_length=200)
    sha256 = models.CharField(max_length=64)
    size = models.PositiveBigIntegerField()
    content_type = models.CharField(max_length=60)
    original_filename = models.CharField(max_length=255, blank=True)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        app_label = "archive"
        ordering = ["-uploaded_at", "-id"]


