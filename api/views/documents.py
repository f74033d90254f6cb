"""Documents: upload, detail, content. Thin: the work is done in documents.services."""
import io

from django.conf import settings
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import FileResponse, HttpResponse
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, serializers, status
from rest_framework.exceptions import NotFound, PermissionDenied, ValidationError
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from api.errors import Conflict, FileTooLarge, ServiceUnavailable, UnsupportedFile
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from archive.input_guard import query_int
from api.permissions import IsAdministrator, IsFasilitatorOrAdministrator
from api.serializers_documents import DecisionOut, DocumentOut, DocumentStatusOut, DocumentUploadIn
from documents.models import Document, VerificationDecision
from archive.selectors import documents_visible_to, documents_with_history
from archive.services.audit import audit_record
from documents.services.verification import document_verify
from documents.services.upload import (UploadRefused, upload_too_large, document_reprocess, document_soft_delete, document_upload,
                                         document_upload_photos, parse_page_corners, thumbnail_content,
                                         version_content)
from documents.storage import StorageUnavailable

_REFUSAL_TO_ERROR = {
    "file_too_large": FileTooLarge,
    "unsupported_file_type": UnsupportedFile,
    "duplicate": Conflict,
    "employee_not_found": NotFound,
    "invalid_nip": ValidationError,
    "unknown_document_type": ValidationError,
    "unknown_history_entry": ValidationError,
    "invalid_corners": ValidationError,
    "corners_not_for_pdf": ValidationError,
    "photo_pages_invalid": ValidationError,
}
# Room for the multipart envelope around the file itself.
_MULTIPART_OVERHEAD = 64 * 1024


def _api_error(refusal: UploadRefused):
    error = _REFUSAL_TO_ERROR[refusal.code](detail=refusal.message_id, code=refusal.code)
    error.extra = {"code": refusal.code, "message_en": refusal.message_en, **refusal.extra}
    return error


def _visible_document(request, pk) -> Document:
    """404 for a wrong id and for one outside the caller's scope alike."""
    return get_object_or_404(documents_visible_to(request.user), pk=pk)


class DocumentListCreate(generics.ListAPIView):
    """GET: documents the caller may see. POST: upload a scan (multipart)."""

    serializer_class = DocumentOut
    parser_classes = [MultiPartParser, FormParser]

    def get_queryset(self):
        documents = documents_visible_to(self.request.user)
        if nip := self.request.query_params.get("employee"):
            documents = documents.filter(employee__nip=nip.replace(" ", ""))
        if doc_status := self.request.query_params.get("status"):
            documents = documents.filter(status=doc_status)
        return documents_with_history(documents.order_by("-updated_at", "-id"))

    @extend_schema(request={"multipart/form-data": DocumentUploadIn}, responses={201: DocumentOut})
    def post(self, request):
        declared = int(request.META.get("CONTENT_LENGTH") or 0)
        if declared > settings.UPLOAD_MAX_BYTES + _MULTIPART_OVERHEAD:  # refuse before reading the body
            raise _api_error(upload_too_large(settings.UPLOAD_MAX_BYTES))
        form = DocumentUploadIn(data=request.data)
        form.is_valid(raise_exception=True)
        upload = form.validated_data["file"]
        uploads = request.FILES.getlist("file")
        try:
            corners = parse_page_corners(form.validated_data.get("corners"))
            if len(uploads) > 1:  # photos of one document's pages, in page order: one document
                if corners is not None:
                    raise UploadRefused("photo_pages_invalid", gettext_noop("Page corners apply to a single photo."))
                result = document_upload_photos(uploader=request.user, employee_nip=form.validated_data["employee"],
                                                document_type_code=form.validated_data["document_type"],
                                                photos=[(u, u.name) for u in uploads],
                                                history_entry_id=form.validated_data.get("history_entry"))
            else:
                result = document_upload(uploader=request.user, employee_nip=form.validated_data["employee"],
                                         document_type_code=form.validated_data["document_type"], stream=upload,
                                         filename=upload.name,
                                         history_entry_id=form.validated_data.get("history_entry"),
                                         page_corners=corners)
        except UploadRefused as refusal:
            raise _api_error(refusal) from None
        except StorageUnavailable:
            raise ServiceUnavailable(_("The archive storage cannot be reached; the file was not stored. "
                                       "Upload it again in a little while.")) from None
        result.document.refresh_from_db()
        return Response(DocumentOut(result.document).data, status=status.HTTP_201_CREATED)


class DocumentStatusView(generics.RetrieveAPIView):
    """Status and legibility verdict only, for upload pages to poll: not an audited read of the file."""

    serializer_class = DocumentStatusOut

    def get_object(self):
        return _visible_document(self.request, self.kwargs["pk"])


class DeleteIn(serializers.Serializer):
    reason = serializers.CharField()


class DocumentDetail(generics.RetrieveAPIView):
    """GET the document; DELETE (administrator) is a soft delete with a reason, audited."""

    serializer_class = DocumentOut

    def get_object(self):
        return _visible_document(self.request, self.kwargs["pk"])

    @extend_schema(request=DeleteIn, responses={204: None})
    def delete(self, request, pk):
        if not IsAdministrator().has_permission(request, self):
            raise PermissionDenied(_("Only a BKD administrator may delete a document."))
        document = self.get_object()
        form = DeleteIn(data=request.data)
        form.is_valid(raise_exception=True)
        document_soft_delete(actor=request.user, document=document, reason=form.validated_data["reason"])
        return Response(status=status.HTTP_204_NO_CONTENT)


class DocumentThumbnail(APIView):
    """A small JPEG of the first page of the newest version (404 until processing made one)."""

    @extend_schema(responses={(200, "image/jpeg"): bytes})
    def get(self, request, pk):
        document = _visible_document(request, pk)
        version = document.versions.order_by("-number").first()
        content = thumbnail_content(version)
        if content is None:
            raise NotFound(_("No preview yet; the document is still being processed or cannot be read."))
        response = HttpResponse(content, content_type="image/jpeg")
        response["X-Content-Type-Options"] = "nosniff"
        response["Cache-Control"] = "private, max-age=3600"
        return response


class DocumentContent(APIView):
    """The stored bytes of a version (default: the newest), integrity-checked, as an attachment."""

    @extend_schema(parameters=[OpenApiParameter("version", int),
                               OpenApiParameter("rendition", enum=["pdf"], description="pdf: the searchable PDF "
                                                "made from the scan (text layer); without it, the original")],
                   responses={(200, "application/octet-stream"): bytes})
    def get(self, request, pk):
        rendition = request.query_params.get("rendition")
        if rendition not in (None, "", "pdf"):
            raise ValidationError({"rendition": _("Choose rendition=pdf, or no rendition for the original file.")})
        document = _visible_document(request, pk)
        versions = document.versions.order_by("-number")
        number = request.query_params.get("version")
        wanted = query_int(number)
        if number and wanted is None:
            raise ValidationError({"version": _("The version number must be a whole number.")})
        version = versions.filter(number=wanted).first() if wanted else versions.first()
        if version is None:
            raise NotFound(_("This document has no version %(number)s.") % {"number": number})
        content = version_content(version)  # damaged or missing: api.errors answers integrity_error
        if rendition == "pdf":
            from documents.services.renditions import searchable_pdf

            content = searchable_pdf(version)
            audit_record(actor=request.user, action="document.download", target=f"document:{document.pk}",
                         details={"version": version.number, "rendition": "pdf"})
            response = FileResponse(io.BytesIO(content), as_attachment=True, content_type="application/pdf",
                                    filename=f"{document.document_type.code}-{document.employee.nip}-v{version.number}"
                                             "-teks.pdf")
            response["X-Content-Type-Options"] = "nosniff"
            return response
        audit_record(actor=request.user, action="document.download", target=f"document:{document.pk}",
                     details={"version": version.number})
        extension = {"application/pdf": "pdf", "image/jpeg": "jpg", "image/png": "png", "image/tiff": "tif", "image/heic": "heic"}
        filename = f"{document.document_type.code}-{document.employee.nip}-v{version.number}.{extension.get(version.content_type, 'bin')}"
        response = FileResponse(io.BytesIO(content), as_attachment=True, filename=filename,
                                content_type=version.content_type)
        response["X-Content-Type-Options"] = "nosniff"
        response["X-Content-SHA256"] = version.sha256
        return response


class DocumentReprocess(APIView):
    permission_classes = [IsAdministrator]

    @extend_schema(request=None, responses={202: DocumentOut})
    def post(self, request, pk):
        document = _visible_document(request, pk)
        document_reprocess(actor=request.user, document=document)
        document.refresh_from_db()
        return Response(DocumentOut(document).data, status=status.HTTP_202_ACCEPTED)


class VerificationIn(serializers.Serializer):
    decision = serializers.ChoiceField(choices=VerificationDecision.Decision.choices)
    note = serializers.CharField(required=False, allow_blank=True, default="")


class DocumentVerification(APIView):
    """A fasilitator (of the employee's unit) or an administrator decides on the newest version."""

    permission_classes = [IsFasilitatorOrAdministrator]

    @extend_schema(request=VerificationIn, responses={201: DecisionOut})
    def post(self, request, pk):
        document = _visible_document(request, pk)
        form = VerificationIn(data=request.data)
        form.is_valid(raise_exception=True)
        try:
            decision = document_verify(actor=request.user, document=document, **form.validated_data)
        except DjangoValidationError as exc:
            raise ValidationError({"decision": exc.messages}) from None
        return Response(DecisionOut(decision).data, status=status.HTTP_201_CREATED)
