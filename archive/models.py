"""The personnel file: agencies and units, employees and their histories, roles,
document types, documents and their immutable versions.

Models hold data and constraints; behaviour lives in services.py (writes) and
selectors.py (reads).
"""
from __future__ import annotations

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from archive.ranks import GOLONGAN_CHOICES
from ocr.nip import InvalidNip, parse_nip


def validate_nip_structure(value: str) -> None:
    try:
        parse_nip(value)
    except InvalidNip as exc:
        raise ValidationError(exc.message, code=exc.code) from None


class Agency(models.Model):
    """Perangkat Daerah (OPD): a provincial agency."""

    code = models.CharField(max_length=32, unique=True)
    name = models.CharField(max_length=200)

    class Meta:
        ordering = ["name"]
        verbose_name = _("perangkat daerah")

    def __str__(self) -> str:
        return self.name


class Unit(models.Model):
    """Unit kerja within an agency; fasilitators are assigned units."""

    code = models.CharField(max_length=32, unique=True)
    name = models.CharField(max_length=200)
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="units")

    class Meta:
        ordering = ["agency__name", "name"]
        verbose_name = _("unit kerja")

    def __str__(self) -> str:
        return f"{self.name} ({self.agency.code})"


class Employee(models.Model):
    """A civil servant (Pegawai ASN) and the master data the regulation names."""

    class Sex(models.IntegerChoices):
        MALE = 1, _("Laki-laki")
        FEMALE = 2, _("Perempuan")

    class EmploymentType(models.TextChoices):
        CPNS = "CPNS", "CPNS"
        PNS = "PNS", "PNS"
        PPPK = "PPPK", "PPPK"

    class ActiveStatus(models.TextChoices):
        ACTIVE = "aktif", _("Aktif")
        RETIRED = "pensiun", _("Pensiun")
        LEFT = "berhenti", _("Berhenti")

    class MaritalStatus(models.TextChoices):
        SINGLE = "belum_kawin", _("Belum kawin")
        MARRIED = "kawin", _("Kawin")
        DIVORCED = "cerai_hidup", _("Cerai hidup")
        WIDOWED = "cerai_mati", _("Cerai mati")

    nip = models.CharField(max_length=18, unique=True, validators=[validate_nip_structure])
    nama = models.CharField(max_length=200)
    tempat_lahir = models.CharField(max_length=100, blank=True)
    tanggal_lahir = models.DateField()
    jenis_kelamin = models.PositiveSmallIntegerField(choices=Sex.choices)
    agama = models.CharField(max_length=30, blank=True)
    status_perkawinan = models.CharField(max_length=20, choices=MaritalStatus.choices, blank=True)
    alamat = models.TextField(blank=True)
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=30, blank=True)
    status_kepegawaian = models.CharField(
        max_length=4, choices=EmploymentType.choices, default=EmploymentType.PNS
    )
    status_aktif = models.CharField(
        max_length=10, choices=ActiveStatus.choices, default=ActiveStatus.ACTIVE
    )
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="employees")
    golongan = models.CharField(max_length=5, choices=GOLONGAN_CHOICES, blank=True)
    jabatan = models.CharField(max_length=200, blank=True)
    pendidikan = models.CharField(max_length=100, blank=True)
    # The status in force today, kept in step with StatusPeriod (archive.services.employee_status):
    # the dated history is the truth, this is what filters and lists read.
    status = models.CharField(max_length=24, default="pns")
    nomor_karpeg = models.CharField(max_length=40, blank=True)
    nomor_karis_karsu = models.CharField(max_length=40, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["nama"]
        verbose_name = _("pegawai")
        constraints = [
            models.CheckConstraint(condition=Q(jenis_kelamin__in=[1, 2]), name="employee_sex_1_or_2"),
        ]

    def __str__(self) -> str:
        return f"{self.nama} ({self.nip})"


class HistoryEntry(models.Model):
    """One line of an employee's riwayat; supporting documents attach to it."""

    class Kind(models.TextChoices):
        PANGKAT = "pangkat", _("Riwayat pangkat")
        JABATAN = "jabatan", _("Riwayat jabatan")
        PENDIDIKAN = "pendidikan", _("Riwayat pendidikan")
        DIKLAT = "diklat", _("Riwayat diklat")
        PENGHARGAAN = "penghargaan", _("Riwayat penghargaan")
        GAJI_BERKALA = "gaji_berkala", _("Riwayat gaji berkala")
        SKP = "skp", _("Riwayat SKP")
        DISIPLIN = "disiplin", _("Riwayat hukuman disiplin")
        CUTI = "cuti", _("Riwayat cuti")
        UJIAN = "ujian", _("Riwayat ujian")
        ANGKA_KREDIT = "angka_kredit", _("Riwayat angka kredit")
        KELUARGA = "keluarga", _("Riwayat keluarga")
        LAYANAN = "layanan", _("Riwayat layanan")

    employee = models.ForeignKey(Employee, on_delete=models.PROTECT, related_name="history")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    title = models.CharField(max_length=200)  # e.g. "Penata, III/c", "S1 Ilmu Hukum", "SKP 2025"
    effective_date = models.DateField(null=True, blank=True)  # TMT, date of graduation, year end
    reference_number = models.CharField(max_length=100, blank=True)  # nomor SK / ijazah
    details = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    # Set when the decree that wrote this line is revoked: the line stays for the record, and
    # no longer counts (latest rank, leave taken, next KGB).
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["employee", "kind", "-effective_date"]
        verbose_name = _("riwayat")

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.title}"


class EmploymentStatus(models.TextChoices):
    """An employee's status in the service, held as a dated history (StatusPeriod)."""

    CPNS = "cpns", _("CPNS")
    PNS = "pns", _("PNS")
    PPPK = "pppk", _("PPPK")
    CLTN = "cltn", _("Cuti di luar tanggungan negara")
    TUGAS_BELAJAR = "tugas_belajar", _("Tugas belajar")
    DIBERHENTIKAN_SEMENTARA = "diberhentikan_sementara", _("Diberhentikan sementara")
    PENSIUN = "pensiun", _("Pensiun")
    MENINGGAL = "meninggal", _("Meninggal dunia")
    PINDAH_KELUAR = "pindah_keluar", _("Pindah keluar")
    DIBERHENTIKAN = "diberhentikan", _("Diberhentikan")


# Still on the province's books (counted in headcounts), though not all at work.
ON_ROLL_STATUSES = frozenset({"cpns", "pns", "pppk", "cltn", "tugas_belajar", "diberhentikan_sementara"})


class StatusPeriod(models.Model):
    """From `effective_from` on, the employee's status is `status` (until a later period starts).
    Never edited; a revoked decree's period is marked revoked and no longer counts."""

    employee = models.ForeignKey(Employee, on_delete=models.PROTECT, related_name="status_history")
    status = models.CharField(max_length=24, choices=EmploymentStatus.choices)
    effective_from = models.DateField()
    reason = models.CharField(max_length=300, blank=True)
    issued_document = models.ForeignKey("IssuedDocument", null=True, blank=True, on_delete=models.PROTECT,
                                        related_name="status_periods")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["employee", "effective_from", "id"]
        indexes = [models.Index(fields=["employee", "effective_from"])]

    def __str__(self) -> str:
        return f"{self.employee_id}: {self.status} from {self.effective_from}"


class Role(models.TextChoices):
    EMPLOYEE = "employee", _("Pegawai")
    FASILITATOR = "fasilitator", _("Fasilitator")
    ADMINISTRATOR = "administrator", _("Administrator BKD")


class UserProfile(models.Model):
    """What a login may do: its role, the employee it is, the units it serves."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile")
    role = models.CharField(max_length=20, choices=Role.choices)
    employee = models.OneToOneField(
        Employee, null=True, blank=True, on_delete=models.PROTECT, related_name="user_profile"
    )
    units = models.ManyToManyField(Unit, blank=True, related_name="fasilitators")

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=~Q(role="employee") | Q(employee__isnull=False),
                name="employee_role_needs_employee",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.role})"


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
        ordering = ["decided_at", "id"]


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


def new_object_key(prefix: str) -> str:
    """Object keys are ours, never derived from a user's filename."""
    return f"{prefix}/{uuid.uuid4().hex}"


class DocumentNumberSequence(models.Model):
    """The last number given per template and year; incremented atomically (see issuing)."""

    template = models.CharField(max_length=40)
    year = models.PositiveIntegerField()
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["template", "year"], name="one_sequence_per_template_year")]


class NumberReservation(models.Model):
    """A document number taken before signing (see archive.services.numbering). Signing happens
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
        ordering = ["-applied_at", "-id"]


# --- Services (layanan kepegawaian), requests, data updates, drafts, notifications -----------

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
        ordering = ["-uploaded_at", "-id"]


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
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=~Q(status="issued") | Q(issued_document__isnull=False),
                                   name="issued_draft_links_document"),
        ]


class Notification(models.Model):
    """A message to one user (request returned, update approved, draft to review …)."""

    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    kind = models.CharField(max_length=40)
    message = models.TextField()
    target = models.CharField(max_length=200, blank=True)  # e.g. "service_request:12"
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)  # also delivered by email (see services.mail)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["recipient", "read_at"])]


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


class DigestSent(models.Model):
    """A periodic digest sent to one user for one period (e.g. "2026-W49"): sent once, whoever asks again."""

    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    period = models.CharField(max_length=20)
    notification = models.ForeignKey(Notification, null=True, on_delete=models.SET_NULL, related_name="+")
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["recipient", "period"], name="one_digest_per_period")]


class ScheduledRun(models.Model):
    """When each scheduled duty last ran (the in-process scheduler of the embedded default keeps its
    place here across restarts; Celery beat keeps its own)."""

    name = models.CharField(max_length=80, unique=True)
    last_run_at = models.DateTimeField()
    last_outcome = models.TextField(blank=True)
