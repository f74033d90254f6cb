"""National integration: the officials who sign decrees (and how: the deployment's key or BSrE),
their signing queues, and the pulls of employee data from SI-ASN."""
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from desk.models import DataUpdate
from issuing.models import IssuedDocument
from people.models import Employee


class SigningOfficial(models.Model):
    """A named official who signs decrees (Kepala BKD, Sekda, Gubernur), with their own back end."""

    class Backend(models.TextChoices):
        SERVER = "server", _("Kunci server (DOCUMENT_SIGNER_BACKEND)")
        BSRE = "bsre", _("BSrE (sertifikat elektronik pejabat)")

    name = models.CharField(max_length=200)  # as printed under the decree, with titles
    title = models.CharField(max_length=200)  # the position: "Kepala Badan Kepegawaian Daerah"
    nip = models.CharField(max_length=18, blank=True)
    nik = models.CharField(max_length=16, blank=True)  # identifies the certificate at BSrE
    backend = models.CharField(max_length=10, choices=Backend.choices, default=Backend.SERVER)
    certificate = models.TextField(blank=True)  # PEM of the official's certificate, for reference
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="signing_officials")  # the login that signs as this official
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["name"]
        constraints = [models.CheckConstraint(condition=~Q(backend="bsre") | ~Q(nik=""), name="bsre_official_has_nik")]

    def __str__(self) -> str:
        return f"{self.name} ({self.title})"


class DecreeSigner(models.Model):
    """Which official signs which decree type (template)."""

    template = models.CharField(max_length=40, unique=True)
    official = models.ForeignKey(SigningOfficial, on_delete=models.PROTECT, related_name="decree_types")


class IssuedSignature(models.Model):
    """Who signed an issued document, and through which back end."""

    issued = models.OneToOneField(IssuedDocument, on_delete=models.PROTECT, related_name="official_signature")
    official = models.ForeignKey(SigningOfficial, on_delete=models.PROTECT, related_name="signatures")
    backend = models.CharField(max_length=10)
    name = models.CharField(max_length=200)  # as they were when signing
    title = models.CharField(max_length=200)
    nip = models.CharField(max_length=18, blank=True)
    signed_at = models.DateTimeField(auto_now_add=True)


class SigningRequest(models.Model):
    """A decree waiting in an official's signing queue: signed with the passphrase typed once for a batch."""

    class Status(models.TextChoices):
        WAITING = "waiting", _("Menunggu tanda tangan")
        SIGNED = "signed", _("Ditandatangani")
        FAILED = "failed", _("Gagal")
        CANCELLED = "cancelled", _("Dibatalkan")

    official = models.ForeignKey(SigningOfficial, on_delete=models.PROTECT, related_name="requests")
    template = models.CharField(max_length=40)
    employee = models.ForeignKey(Employee, on_delete=models.PROTECT, related_name="signing_requests")
    fields = models.JSONField(default=dict)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.WAITING)
    detail = models.TextField(blank=True)  # why it failed
    issued = models.ForeignKey(IssuedDocument, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    signed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [models.CheckConstraint(condition=~Q(status="signed") | Q(issued__isnull=False),
                                              name="signed_request_has_document")]


class SiasnPull(models.Model):
    """A pull of employees' data and histories from SI-ASN, resumable: each record is kept as it
    arrives (SiasnRecord, one per NIP), and a resumed pull asks only for the NIPs not yet fetched."""

    class Status(models.TextChoices):
        RUNNING = "running", _("Berjalan")
        INTERRUPTED = "interrupted", _("Terputus (dapat dilanjutkan)")
        DONE = "done", _("Selesai")

    nips = models.JSONField()  # the NIPs asked for, in order
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.RUNNING)
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.TextField(blank=True)
    reconciliation = models.ForeignKey("reports.ReconciliationImport", null=True, blank=True,
                                       on_delete=models.PROTECT, related_name="+")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]


class SiasnRecord(models.Model):
    """One employee as SI-ASN gave it during a pull (the record in the reconciliation columns, its
    histories, and SI-ASN's own answer), or that SI-ASN does not know the NIP (`found` false)."""

    pull = models.ForeignKey(SiasnPull, on_delete=models.CASCADE, related_name="records")
    nip = models.CharField(max_length=18)
    found = models.BooleanField(default=True)
    record = models.JSONField(default=dict)
    raw = models.JSONField(default=dict)
    fetched_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["pull", "id"]
        constraints = [models.UniqueConstraint(fields=["pull", "nip"], name="siasn_record_once_per_pull")]


class SiasnPush(models.Model):
    """An approved data update sent to SI-ASN, and what SI-ASN answered."""

    class Status(models.TextChoices):
        SENT = "sent", _("Terkirim")
        REFUSED = "refused", _("Ditolak SI-ASN")
        NOT_SUPPORTED = "unsupported", _("Tidak didukung API")

    data_update = models.ForeignKey(DataUpdate, on_delete=models.PROTECT, related_name="siasn_pushes")
    status = models.CharField(max_length=12, choices=Status.choices)
    answer = models.JSONField(default=dict)
    pushed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    pushed_at = models.DateTimeField(auto_now_add=True)
