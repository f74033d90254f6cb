"""Paper intake: a scanned stack (one upload or one file from the scanner's drop folder) and the
parts it is split into, each filed into an employee's slot or waiting for a fasilitator to assign it."""
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class IntakeBatch(models.Model):
    class Status(models.TextChoices):
        RECEIVED = "received", _("Diterima")
        SPLITTING = "splitting", _("Sedang dipisah")
        DONE = "done", _("Selesai dipisah")
        FAILED = "failed", _("Gagal dibaca")

    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    source = models.CharField(max_length=20, default="upload")  # upload | drop_folder
    original_filename = models.CharField(max_length=255, blank=True)
    object_key = models.CharField(max_length=200)
    object_version = models.CharField(max_length=200)
    sha256 = models.CharField(max_length=64)
    size = models.PositiveBigIntegerField()
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.RECEIVED)
    pages = models.PositiveIntegerField(default=0)
    pages_read = models.PositiveIntegerField(default=0)
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]


class IntakePart(models.Model):
    """Pages first..last (1-based) of a batch: one document."""

    class Source(models.TextChoices):
        SEPARATOR = "separator", _("Lembar pemisah")
        PROPOSED = "proposed", _("Usulan sistem")
        MANUAL = "manual", _("Ditetapkan petugas")

    class Status(models.TextChoices):
        FILED = "filed", _("Diarsipkan")
        REVIEW = "review", _("Menunggu penetapan")

    batch = models.ForeignKey(IntakeBatch, on_delete=models.CASCADE, related_name="parts")
    index = models.PositiveIntegerField()
    first_page = models.PositiveIntegerField()
    last_page = models.PositiveIntegerField()
    employee = models.ForeignKey("archive.Employee", null=True, blank=True, on_delete=models.PROTECT,
                                 related_name="+")
    document_type = models.ForeignKey("archive.DocumentType", null=True, blank=True, on_delete=models.PROTECT,
                                      related_name="+")
    confidence = models.FloatField(default=0.0)
    source = models.CharField(max_length=12, choices=Source.choices)
    status = models.CharField(max_length=10, choices=Status.choices)
    reason = models.CharField(max_length=300, blank=True)  # why it waits (no NIP found, NIP outside scope …)
    text = models.TextField(blank=True)  # the first page's text, for the reviewer and the classifier
    document = models.ForeignKey("archive.Document", null=True, blank=True, on_delete=models.PROTECT,
                                 related_name="+")
    # the part's own bytes (a PDF, or a TIFF of page images), kept so a reviewer can file it later
    object_key = models.CharField(max_length=200)
    object_version = models.CharField(max_length=200)
    sha256 = models.CharField(max_length=64)
    content_type = models.CharField(max_length=60)

    class Meta:
        ordering = ["batch", "index"]
        constraints = [
            models.UniqueConstraint(fields=["batch", "index"], name="one_part_per_index"),
            models.CheckConstraint(condition=~Q(status="filed") | Q(document__isnull=False),
                                   name="filed_part_has_document"),
        ]
