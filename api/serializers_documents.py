from rest_framework import serializers

from documents.models import Document, DocumentVersion, ProcessingEvent, VerificationDecision
from archive.selectors import document_latest_version
from documents.selectors import flags_seen_by


class DocumentUploadIn(serializers.Serializer):
    file = serializers.FileField(  # an empty file is refused by type, with a reason
        allow_empty_file=True,
        help_text="the scan; or repeat the field with photos of one document's pages, in page order (JPEG, PNG, "
                  "TIFF, HEIC): they become one document, a page per photo")
    employee = serializers.CharField(help_text="NIP of the employee the document belongs to")
    document_type = serializers.CharField(help_text="code from /api/v1/document-types/")
    history_entry = serializers.IntegerField(required=False, allow_null=True,
                                             help_text="the riwayat this document supports, where it applies")
    corners = serializers.CharField(
        required=False, allow_blank=True,
        help_text="photos only: JSON of the page's four corners [[x, y]] x4 (top-left, top-right, bottom-right, "
                  "bottom-left) in the upright photo's pixels; the page is flattened along them")


class ProcessingEventOut(serializers.ModelSerializer):
    class Meta:
        model = ProcessingEvent
        fields = ["step", "outcome", "message", "seconds", "at"]


class DecisionOut(serializers.ModelSerializer):
    decided_by = serializers.CharField(source="decided_by.username")
    version = serializers.IntegerField(source="version.number")

    class Meta:
        model = VerificationDecision
        fields = ["decision", "note", "decided_by", "decided_at", "version"]


def _viewer(serializer):
    request = serializer.context.get("request")
    return request.user if request is not None else None


class VersionOut(serializers.ModelSerializer):
    uploaded_by = serializers.CharField(source="uploaded_by.username", default=None)
    filename = serializers.CharField(source="original_filename")
    flags = serializers.SerializerMethodField()

    def get_flags(self, v) -> list:
        return flags_seen_by(_viewer(self), v.flags)

    class Meta:
        model = DocumentVersion
        fields = ["number", "status", "sha256", "size", "content_type", "filename", "uploaded_by", "uploaded_at",
                  "pages", "legibility", "fields", "field_checks", "flags", "error", "processed_at", "page_corners"]


def _prefetched_versions(document) -> list[DocumentVersion] | None:
    """The versions in number order when the listing fetched them (selectors.documents_with_history)."""
    cache = getattr(document, "_prefetched_objects_cache", {})
    return list(cache["versions"]) if "versions" in cache else None


class DocumentSummaryOut(serializers.ModelSerializer):
    """Who, what and the newest version's state: the part every document listing shows."""

    employee = serializers.SerializerMethodField()
    document_type = serializers.SerializerMethodField()
    version = serializers.SerializerMethodField()
    legibility = serializers.SerializerMethodField()

    class Meta:
        model = Document
        fields = ["id", "employee", "document_type", "version", "legibility"]

    def _latest(self, document) -> DocumentVersion:
        cache = self.context.setdefault("_latest", {})
        if document.pk not in cache:
            prefetched = _prefetched_versions(document)
            cache[document.pk] = prefetched[-1] if prefetched else document_latest_version(document)
        return cache[document.pk]

    def get_employee(self, d) -> dict:
        return {"nip": d.employee.nip, "nama": d.employee.nama, "unit": d.employee.unit.code}

    def get_document_type(self, d) -> dict:
        return {"code": d.document_type.code, "name": d.document_type.name}

    def get_version(self, d) -> int:
        return self._latest(d).number

    def get_legibility(self, d) -> dict:
        return self._latest(d).legibility


class DocumentOut(DocumentSummaryOut):
    sha256 = serializers.SerializerMethodField()
    fields = serializers.SerializerMethodField(method_name="extracted_fields")
    field_checks = serializers.SerializerMethodField()
    flags = serializers.SerializerMethodField()
    error = serializers.SerializerMethodField()
    versions = serializers.SerializerMethodField()
    verification = serializers.SerializerMethodField()
    processing_log = serializers.SerializerMethodField()

    class Meta:
        model = Document
        fields = ["id", "employee", "document_type", "history_entry", "status", "version", "sha256", "legibility",
                  "fields", "field_checks", "flags", "error", "versions", "verification", "processing_log",
                  "created_at", "updated_at"]

    def get_sha256(self, d) -> str:
        return self._latest(d).sha256

    def extracted_fields(self, d) -> dict:
        return self._latest(d).fields

    def get_field_checks(self, d) -> dict:
        return self._latest(d).field_checks

    def get_flags(self, d) -> list:
        return flags_seen_by(_viewer(self), self._latest(d).flags)

    def get_error(self, d) -> dict:
        return self._latest(d).error

    def get_versions(self, d) -> list:
        versions = _prefetched_versions(d) or d.versions.order_by("number").select_related("uploaded_by")
        return VersionOut(versions, many=True, context=self.context).data

    def get_verification(self, d) -> dict | None:
        if prefetched := _prefetched_versions(d):
            decisions = [decision for version in prefetched for decision in version.decisions.all()]
            decision = max(decisions, key=lambda x: (x.decided_at, x.id), default=None)
        else:
            decision = (VerificationDecision.objects.filter(version__document=d)
                        .select_related("decided_by", "version").order_by("-decided_at", "-id").first())
        return DecisionOut(decision).data if decision else None

    def get_processing_log(self, d) -> list:
        return ProcessingEventOut(self._latest(d).events.all(), many=True).data


class DocumentStatusOut(DocumentSummaryOut):
    """What an upload page polls for: where the newest version stands and, once read, the verdict."""

    error = serializers.SerializerMethodField()
    status_display = serializers.CharField(source="get_status_display")
    field_checks = serializers.SerializerMethodField(help_text="nip/nama: match | mismatch | absent (issue 18: the "
                                                               "upload page warns at once on a mismatch)")
    progress = serializers.SerializerMethodField()

    class Meta:
        model = Document
        fields = ["id", "status", "status_display", "version", "legibility", "field_checks", "error", "progress"]

    def get_error(self, d) -> dict:
        return self._latest(d).error

    def get_field_checks(self, d) -> dict:
        return self._latest(d).field_checks

    def get_progress(self, d) -> dict | None:
        """A long document, read one page per task: how many pages are read, and the first page's
        verdict ({legible, score, reasons}) as soon as it is known. None for a document read whole."""
        version = self._latest(d)
        if not version.page_verdicts:
            return None
        return {"pages": version.pages, "pages_read": len(version.page_verdicts),
                "first_page": version.page_verdicts.get("1")}
