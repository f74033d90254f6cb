"""Reconciliation data set: export (CSV/JSON), and import as a diff applied only on confirmation."""
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from api.agency import AGENCY_AUTHENTICATION, AdministratorOrScope
from api.params import past_day_param
from api.permissions import IsAdministrator
from reports.exchange import FORMATS, ReconciliationRefused, reconciliation_apply, reconciliation_diff, reconciliation_export
from reports.models import ReconciliationImport

CONTENT_TYPES = {"csv": "text/csv; charset=utf-8", "json": "application/json"}


class ReconciliationExport(APIView):
    """The data set: nama, NIP, pangkat/golongan, pendidikan, jabatan, unit (code). An administrator,
    or another agency's system with a token carrying `reconciliation:read`."""

    authentication_classes = AGENCY_AUTHENTICATION

    def get_permissions(self):
        return [AdministratorOrScope("reconciliation:read")]

    @extend_schema(parameters=[OpenApiParameter("as", OpenApiTypes.STR, enum=list(FORMATS), default="csv"),
                               OpenApiParameter("on", OpenApiTypes.DATE, description=(
                                   "only the employees on the books that day, with their golongan that day "
                                   "(default: every employee as they are today)"))],
                   responses={(200, "text/csv"): bytes, (200, "application/json"): OpenApiTypes.OBJECT})
    def get(self, request):
        file_format = request.query_params.get("as", "csv")
        text = reconciliation_export(file_format=file_format, on=past_day_param(request, "on"))
        response = HttpResponse(text, content_type=CONTENT_TYPES[file_format])
        response["Content-Disposition"] = f'attachment; filename="rekonsiliasi-pegawai.{file_format}"'
        return response


class ImportIn(serializers.Serializer):
    file = serializers.FileField()
    format = serializers.ChoiceField(choices=FORMATS, required=False, help_text="default: from the file name")


class ReconciliationOut(serializers.ModelSerializer):
    class Meta:
        model = ReconciliationImport
        fields = ["id", "fingerprint", "status", "source_name", "file_format", "diff", "created_at", "applied_at"]


class ReconciliationImportCreate(APIView):
    """Upload a file: the diff (new, changed field old -> new, missing, bad lines) is computed and
    kept; nothing is applied until confirmed with POST .../apply/ {fingerprint}."""

    permission_classes = [IsAdministrator]
    parser_classes = [MultiPartParser, FormParser]

    @extend_schema(request={"multipart/form-data": ImportIn}, responses={201: ReconciliationOut})
    def post(self, request):
        form = ImportIn(data=request.data)
        form.is_valid(raise_exception=True)
        upload = form.validated_data["file"]
        file_format = form.validated_data.get("format") or upload.name.rsplit(".", 1)[-1].lower()
        try:
            text = upload.read().decode("utf-8-sig")
            reconciliation = reconciliation_diff(actor=request.user, text=text, file_format=file_format,
                                                 source_name=upload.name)
        except UnicodeDecodeError:
            raise ReconciliationRefused(_("The file must be UTF-8 text."), errors={"file": _("not UTF-8")}) from None
        return Response(ReconciliationOut(reconciliation).data, status=status.HTTP_201_CREATED)


class ReconciliationImportDetail(APIView):
    permission_classes = [IsAdministrator]

    @extend_schema(responses={200: ReconciliationOut})
    def get(self, request, pk):
        return Response(ReconciliationOut(get_object_or_404(ReconciliationImport, pk=pk)).data)


class ApplyIn(serializers.Serializer):
    fingerprint = serializers.CharField(help_text="the fingerprint of the diff that was shown")


class ReconciliationImportApply(APIView):
    """Apply exactly the stored diff; 409 when the fingerprint is not its own or the data changed since."""

    permission_classes = [IsAdministrator]

    @extend_schema(request=ApplyIn, responses={200: ReconciliationOut})
    def post(self, request, pk):
        reconciliation = get_object_or_404(ReconciliationImport, pk=pk)
        form = ApplyIn(data=request.data)
        form.is_valid(raise_exception=True)
        reconciliation = reconciliation_apply(actor=request.user, reconciliation=reconciliation,
                                              fingerprint=form.validated_data["fingerprint"])
        return Response(ReconciliationOut(reconciliation).data)
