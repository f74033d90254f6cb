from rest_framework import serializers

from archive.models import DocumentType, Employee, HistoryEntry
from archive.ranks import pangkat_label


class HistoryEntrySerializer(serializers.ModelSerializer):
    class Meta:
        model = HistoryEntry
        fields = ["id", "kind", "title", "effective_date", "reference_number", "details", "revoked_at"]


class EmployeeListSerializer(serializers.ModelSerializer):
    unit = serializers.CharField(source="unit.code")
    unit_name = serializers.CharField(source="unit.name")
    agency = serializers.CharField(source="unit.agency.code")
    pangkat_golongan = serializers.SerializerMethodField()

    class Meta:
        model = Employee
        fields = ["nip", "nama", "unit", "unit_name", "agency", "pangkat_golongan", "jabatan",
                  "status_kepegawaian", "status_aktif"]

    def get_pangkat_golongan(self, employee) -> str:
        return pangkat_label(employee.golongan)


class EmployeeDetailSerializer(EmployeeListSerializer):
    history = HistoryEntrySerializer(many=True, read_only=True)
    agency_name = serializers.CharField(source="unit.agency.name")

    class Meta(EmployeeListSerializer.Meta):
        fields = EmployeeListSerializer.Meta.fields + [
            "agency_name", "tempat_lahir", "tanggal_lahir", "jenis_kelamin", "agama", "status_perkawinan",
            "alamat", "email", "phone", "golongan", "pendidikan", "nomor_karpeg", "nomor_karis_karsu",
            "annual_leave_left", "history"]

    annual_leave_left = serializers.SerializerMethodField(help_text="working days of annual leave left this year")

    def get_annual_leave_left(self, employee) -> int:
        from django.utils import timezone

        from archive.selectors_record import leave_balance

        return leave_balance(employee, timezone.localdate().year)


class DocumentTypeSerializer(serializers.ModelSerializer):
    services = serializers.SerializerMethodField(help_text="codes of the active services that require it")

    class Meta:
        model = DocumentType
        fields = ["code", "name", "description", "supports", "per_history_entry", "confidential", "services"]

    def get_services(self, document_type) -> list[str]:
        return sorted(s.code for s in document_type.services.all() if s.active)
