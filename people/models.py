"""The people on the books: agencies and units, employees, their history and dated status, roles and the units a fasilitator serves.

Each model keeps the `archive` app label, so its table (archive_<model>) and its migrations
(archive/migrations) stay where they are: the code moved, no data did.
"""
from __future__ import annotations


from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from people.ranks import GOLONGAN_CHOICES
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
        app_label = "archive"
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
        app_label = "archive"
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
    # The status in force today, kept in step with StatusPeriod (people.services.status):
    # the dated history is the truth, this is what filters and lists read.
    status = models.CharField(max_length=24, default="pns")
    nomor_karpeg = models.CharField(max_length=40, blank=True)
    nomor_karis_karsu = models.CharField(max_length=40, blank=True)
    # A PPPK's current perjanjian kerja runs until this day (PP 49/2018 Pasal 37); extensions move it.
    akhir_perjanjian_kerja = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        app_label = "archive"
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
        app_label = "archive"
        ordering = ["employee", "kind", "-effective_date"]
        verbose_name = _("riwayat")
        # the first leave on record (people.selectors_record.leave_records_since) without reading every line
        indexes = [models.Index(fields=["kind", "effective_date"], name="history_kind_date")]

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
        app_label = "archive"
        ordering = ["employee", "effective_from", "id"]
        indexes = [models.Index(fields=["employee", "effective_from"])]

    def __str__(self) -> str:
        return f"{self.employee_id}: {self.status} from {self.effective_from}"


class Holiday(models.Model):
    """A day off for the whole civil service that the fixed national holidays (people.calendar) do not
    cover: the year's moving holidays and cuti bersama, as the SKB of the three ministers and the
    President's cuti bersama decision set them. Leave is counted in working days without them."""

    class Kind(models.TextChoices):
        NATIONAL = "libur_nasional", _("Libur nasional")
        JOINT_LEAVE = "cuti_bersama", _("Cuti bersama")

    day = models.DateField(unique=True)
    name = models.CharField(max_length=120)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.NATIONAL)
    # a cuti bersama whose decision says it counts against the year's annual leave (recent decisions say
    # it does not; the flag keeps the year's own rule)
    reduces_annual_leave = models.BooleanField(default=False)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        app_label = "archive"
        ordering = ["day"]

    def __str__(self) -> str:
        return f"{self.day}: {self.name}"


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
        app_label = "archive"
        constraints = [
            models.CheckConstraint(
                condition=~Q(role="employee") | Q(employee__isnull=False),
                name="employee_role_needs_employee",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.role})"


