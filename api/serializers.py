from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from documents.models import DocumentType
from people.models import Employee, EmploymentStatus, HistoryEntry
from people.ranks import pangkat_label
from people.selectors_status import status_history, status_label


class HistoryEntrySerializer(serializers.ModelSerializer):
    class Meta:
        model = HistoryEntry
        fields = ["id", "kind", "title", "effective_date", "reference_number", "details", "revoked_at"]


class StatusPeriodSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=EmploymentStatus.choices)
    label = serializers.CharField()
    # "from" is a Python keyword: the field is named in __init__.
    reason = serializers.CharField()
    issued_number = serializers.CharField(help_text="the decree that recorded it, if any")
    revoked = serializers.BooleanField(help_text="recorded by a decree since revoked: no longer counts")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["from"] = serializers.DateField(help_text="the day it takes effect")


class EmployeeListSerializer(serializers.ModelSerializer):
    unit = serializers.CharField(source="unit.code")
    unit_name = serializers.CharField(source="unit.name")
    agency = serializers.CharField(source="unit.agency.code")
    pangkat_golongan = serializers.SerializerMethodField()
    status = serializers.ChoiceField(choices=EmploymentStatus.choices, read_only=True,
                                     help_text="the status in force today (from the dated status history)")
    status_label = serializers.SerializerMethodField()

    class Meta:
        model = Employee
        fields = ["nip", "nama", "unit", "unit_name", "agency", "pangkat_golongan", "jabatan",
                  "status", "status_label", "status_kepegawaian", "status_aktif"]

    def get_pangkat_golongan(self, employee) -> str:
        return pangkat_label(employee.golongan)

    def get_status_label(self, employee) -> str:
        return status_label(employee.status)


class AnnualLeaveSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    entitlement = serializers.IntegerField()
    carried_over = serializers.IntegerField()
    taken = serializers.IntegerField()
    cuti_bersama = serializers.IntegerField()
    left = serializers.IntegerField()


class EmployeeDetailSerializer(EmployeeListSerializer):
    history = HistoryEntrySerializer(many=True, read_only=True)
    agency_name = serializers.CharField(source="unit.agency.name")
    status_history = serializers.SerializerMethodField(help_text="every status period, oldest first")

    class Meta(EmployeeListSerializer.Meta):
        fields = EmployeeListSerializer.Meta.fields + [
            "agency_name", "tempat_lahir", "tanggal_lahir", "jenis_kelamin", "agama", "status_perkawinan",
            "alamat", "email", "phone", "golongan", "pendidikan", "nomor_karpeg", "nomor_karis_karsu",
            "akhir_perjanjian_kerja", "annual_leave_left", "annual_leave", "history", "status_history"]

    annual_leave_left = serializers.SerializerMethodField(help_text="working days of annual leave left this year")
    annual_leave = serializers.SerializerMethodField(
        help_text="this year's annual leave: the year's own 12 working days, what earlier years carried over "
                  "(PP 11/2017 Pasal 312), taken, cuti bersama charged, left")

    def _leave(self, employee):
        from django.utils import timezone

        from people.selectors_record import leave_account

        if getattr(self, "_leave_of", (None,))[0] != employee.pk:
            self._leave_of = (employee.pk, leave_account(employee, timezone.localdate().year))
        return self._leave_of[1]

    def get_annual_leave_left(self, employee) -> int:
        return self._leave(employee).left

    @extend_schema_field(AnnualLeaveSerializer)
    def get_annual_leave(self, employee) -> dict:
        account = self._leave(employee)
        return {"year": account.year, "entitlement": account.entitlement, "carried_over": account.carried,
                "taken": account.taken, "cuti_bersama": account.joint_leave, "left": account.left}

    @extend_schema_field(StatusPeriodSerializer(many=True))
    def get_status_history(self, employee) -> list[dict]:
        return StatusPeriodSerializer(status_history(employee), many=True).data


class DocumentTypeSerializer(serializers.ModelSerializer):
    services = serializers.SerializerMethodField(help_text="codes of the active services that require it")

    class Meta:
        model = DocumentType
        fields = ["code", "name", "description", "supports", "per_history_entry", "confidential", "services"]

    def get_services(self, document_type) -> list[str]:
        return sorted(s.code for s in document_type.services.all() if s.active)
