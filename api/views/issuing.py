"""Issued documents: templates, issue, content, re-issue, revoke; public verification."""
from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import generics, serializers, status
from rest_framework.exceptions import ValidationError
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.throttling import AnonRateThrottle
from rest_framework.views import APIView

from api.errors import ServiceUnavailable, UnsupportedFile
from api.params import nip_refused
from api.uploads import read_upload
from api.permissions import IsAdministrator
from issuing.models import IssueBatch, IssuedDocument, RecordChange
from people.models import Employee
from archive.selectors import employee_get_visible, issued_documents_visible_to
from issuing.services.issuing import (issue_batch_create, issued_content, issued_document_issue, issued_document_preview,
                                      issued_document_revoke,
                                      templates_catalogue, verify_pdf, verify_url)
from documents.storage import StorageError


class TemplateFieldOut(serializers.Serializer):
    name = serializers.CharField()
    label = serializers.CharField()
    type = serializers.CharField(help_text="text, date, money, integer, pangkat, choice, image or nip")
    required = serializers.BooleanField()
    choices = serializers.ListField(child=serializers.CharField(), required=False)


class TemplateOut(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    layout = serializers.CharField(help_text="letter or card")
    fields = TemplateFieldOut(many=True)


class TemplateList(APIView):
    """Issuable templates with their required fields."""

    @extend_schema(responses={200: TemplateOut(many=True)})
    def get(self, request):
        return Response(templates_catalogue())


class IssueIn(serializers.Serializer):
    template = serializers.CharField()
    employee = serializers.CharField(help_text="NIP")
    fields = serializers.DictField(required=False, default=dict)


class IssueSignIn(IssueIn):
    passphrase = serializers.CharField(required=False, default="", write_only=True, trim_whitespace=False,
                                       style={"input_type": "password"},
                                       help_text="the passphrase of the signing official's BSrE certificate, typed "
                                                 "by the official now; never stored")


class IssuedOut(serializers.ModelSerializer):
    employee = serializers.CharField(source="employee.nip")
    verify_url = serializers.SerializerMethodField()
    record_change = serializers.SerializerMethodField(help_text="what the decree changed on the record, and "
                                                                "what revoking or correcting it undid")

    class Meta:
        model = IssuedDocument
        fields = ["id", "template", "title", "number", "version", "status", "employee", "sha256", "size",
                  "signer_name", "issued_at", "revoked_at", "revoked_reason", "verify_url", "record_change"]

    def get_verify_url(self, issued) -> str:
        return verify_url(issued)

    def get_record_change(self, issued) -> dict | None:
        change = RecordChange.objects.filter(issued_document=issued).first()
        if change is None:
            return None
        return {"summary": change.summary, "reverted_at": change.reverted_at, "revert_summary": change.revert_summary}


class PreviewIn(IssueIn):
    supersedes = serializers.IntegerField(required=False, help_text="id of the version a correction replaces")


class IssuedDocumentPreview(APIView):
    """The unsigned draft marked KONSEP, with the record's values now and after issuing on its last
    page; nothing stored, no number taken, refused (400) exactly as issuing would be.
    `?as=json` answers the changes as JSON instead of the PDF."""

    permission_classes = [IsAdministrator]

    @extend_schema(request=PreviewIn, responses={(200, "application/pdf"): bytes})
    def post(self, request):
        form = PreviewIn(data=request.data)
        form.is_valid(raise_exception=True)
        data = form.validated_data
        supersedes = _visible_issued(request, data["supersedes"]) if data.get("supersedes") else None
        try:
            employee = employee_get_visible(request.user, data["employee"])
        except Employee.DoesNotExist:
            nip_refused(data["employee"])
            raise ValidationError({"employee": _("No employee with this NIP.")}) from None
        pdf, plan = issued_document_preview(template=data["template"], employee=employee, fields=data["fields"],
                                            supersedes=supersedes)
        if request.query_params.get("as") == "json":
            return Response({"changes": [{"label": c.label, "now": c.before, "after": c.after} for c in plan]})
        response = HttpResponse(pdf, content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="konsep-{data["template"]}-{employee.nip}.pdf"'
        response["X-Content-Type-Options"] = "nosniff"
        return response


def _visible_issued(request, pk) -> IssuedDocument:
    """404 for a wrong id and for one outside the caller's scope alike."""
    return get_object_or_404(issued_documents_visible_to(request.user), pk=pk)


class IssuedDocumentListCreate(generics.ListAPIView):
    """GET: issued documents in scope. POST (administrator): render, sign and store a new document."""

    serializer_class = IssuedOut

    def get_queryset(self):
        return issued_documents_visible_to(self.request.user)

    def get_permissions(self):
        return [IsAdministrator()] if self.request.method == "POST" else super().get_permissions()

    @extend_schema(request=IssueSignIn, responses={201: IssuedOut, 400: OpenApiResponse(description="refused"),
                                                   409: OpenApiResponse(description="certificate expired/revoked"),
                                                   503: OpenApiResponse(description="BSrE unreachable")})
    def post(self, request):
        form = IssueSignIn(data=request.data)
        form.is_valid(raise_exception=True)
        try:
            employee = employee_get_visible(request.user, form.validated_data["employee"])
        except Employee.DoesNotExist:
            nip_refused(form.validated_data["employee"])
            raise ValidationError({"employee": _("No employee with this NIP.")}) from None
        issued = issued_document_issue(actor=request.user, template=form.validated_data["template"],
                                       employee=employee, fields=form.validated_data["fields"],
                                       passphrase=form.validated_data["passphrase"])
        return Response(IssuedOut(issued).data, status=status.HTTP_201_CREATED)


class IssuedDocumentDetail(generics.RetrieveAPIView):
    serializer_class = IssuedOut

    def get_object(self):
        return _visible_issued(self.request, self.kwargs["pk"])


class IssuedDocumentContent(APIView):
    @extend_schema(responses={(200, "application/pdf"): bytes})
    def get(self, request, pk):
        issued = _visible_issued(request, pk)
        content = issued_content(issued)
        response = HttpResponse(content, content_type="application/pdf")
        name = f"{issued.template}-{issued.employee.nip}-v{issued.version}.pdf"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        response["X-Content-Type-Options"] = "nosniff"
        return response


class ReasonIn(serializers.Serializer):
    reason = serializers.CharField()


class IssuedDocumentRevoke(APIView):
    permission_classes = [IsAdministrator]

    @extend_schema(request=ReasonIn, responses={200: IssuedOut})
    def post(self, request, pk):
        form = ReasonIn(data=request.data)
        form.is_valid(raise_exception=True)
        issued = issued_document_revoke(actor=request.user, issued=_visible_issued(request, pk),
                                        reason=form.validated_data["reason"])
        return Response(IssuedOut(issued).data)


class ReissueIn(serializers.Serializer):
    fields = serializers.DictField(required=False, default=dict)


class IssuedDocumentReissue(APIView):
    """A corrected new version under the same number; the old one is marked superseded."""

    permission_classes = [IsAdministrator]

    @extend_schema(request=ReissueIn, responses={201: IssuedOut})
    def post(self, request, pk):
        previous = _visible_issued(request, pk)
        form = ReissueIn(data=request.data)
        form.is_valid(raise_exception=True)
        issued = issued_document_issue(actor=request.user, template=previous.template, employee=previous.employee,
                                       fields=form.validated_data["fields"] or previous.fields,
                                       supersedes=previous)
        return Response(IssuedOut(issued).data, status=status.HTTP_201_CREATED)


class VerifyIn(serializers.Serializer):
    file = serializers.FileField(help_text="the PDF to check (another file type: 415)")


class VerifiedLineOut(serializers.Serializer):
    label = serializers.CharField()
    value = serializers.CharField()


class VerifiedOfficialOut(serializers.Serializer):
    name = serializers.CharField()
    title = serializers.CharField()
    nip = serializers.CharField()
    via = serializers.ChoiceField(choices=["BSrE", "server"])


class VerifiedDocumentOut(serializers.Serializer):
    type = serializers.CharField()
    number = serializers.CharField()
    version = serializers.IntegerField()
    issued_on = serializers.DateField()
    holder = serializers.CharField()
    nip = serializers.CharField(help_text="masked")
    signer = serializers.CharField()
    signing_official = VerifiedOfficialOut(allow_null=True, help_text="the named official who signed, as printed "
                                                                       "under the decree")
    status = serializers.ChoiceField(choices=["current", "superseded", "revoked"])
    revoked_reason = serializers.CharField()
    current_version = serializers.IntegerField(allow_null=True)
    verify_url = serializers.CharField()
    fields = VerifiedLineOut(many=True, help_text="what the document decides, as printed on it")
    page_image_url = serializers.CharField(help_text="the first page of the signed PDF, to compare with the paper")


class VerifyOut(serializers.Serializer):
    authentic = serializers.BooleanField(help_text="valid now: exactly the bytes issued, every signature valid, "
                                                   "and in force (false when superseded or revoked)")
    status = serializers.ChoiceField(
        choices=["current", "superseded", "revoked", "appended", "modified", "unknown"],
        help_text="appended: the signed document unchanged with bytes added after it (the file was altered "
                  "after signing); modified: changed inside what was signed; unknown: not issued by this system")
    signatures = serializers.ListField(child=serializers.DictField())
    document = VerifiedDocumentOut(allow_null=True)


class VerifyUpload(APIView):
    """Anyone (no login) uploads a PDF: is it a document this system issued, unchanged, still valid?"""

    permission_classes = [AllowAny]
    authentication_classes = []
    parser_classes = [MultiPartParser, FormParser]
    throttle_classes = [AnonRateThrottle]

    @extend_schema(request={"multipart/form-data": VerifyIn}, responses={200: VerifyOut})
    def post(self, request):
        form = VerifyIn(data=request.data)
        form.is_valid(raise_exception=True)
        content = read_upload(form.validated_data["file"], settings.VERIFY_MAX_BYTES)
        if not content.lstrip()[:5] == b"%PDF-":
            raise UnsupportedFile(_("Upload a PDF document issued by this system."))
        try:
            return Response(verify_pdf(content))
        except StorageError:
            raise ServiceUnavailable() from None




class BatchIn(serializers.Serializer):
    template = serializers.CharField()
    items = serializers.ListField(child=serializers.DictField(), min_length=1)


class BatchOut(serializers.ModelSerializer):
    finished = serializers.BooleanField(read_only=True)
    issued = serializers.PrimaryKeyRelatedField(many=True, read_only=True)

    class Meta:
        model = IssueBatch
        fields = ["id", "template", "total", "done", "failed", "finished", "errors", "issued", "created_at"]


class IssueBatchCreate(APIView):
    """Bulk issuing (administrator): one signed document per item, run by the signing queue."""

    permission_classes = [IsAdministrator]

    @extend_schema(request=BatchIn, responses={202: BatchOut})
    def post(self, request):
        form = BatchIn(data=request.data)
        form.is_valid(raise_exception=True)
        batch = issue_batch_create(actor=request.user, **form.validated_data)
        batch.refresh_from_db()
        return Response(BatchOut(batch).data, status=status.HTTP_202_ACCEPTED)


class IssueBatchDetail(generics.RetrieveAPIView):
    """Progress of a bulk issue: done, failed (with the reason per item), finished."""

    permission_classes = [IsAdministrator]
    serializer_class = BatchOut
    queryset = IssueBatch.objects.all()
