"""The quarterly report (administrator): produce it (signed, versioned), list, read, download."""
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import generics, serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from api.permissions import IsAdministrator
from issuing.models import IssuedDocument
from issuing.services.issuing import issued_content, verify_url
from reports.quarterly import quarterly_report_issue, quarterly_reports


class QuarterIn(serializers.Serializer):
    quarter = serializers.CharField(help_text="e.g. 2026Q3")


class QuarterlyReportOut(serializers.ModelSerializer):
    quarter = serializers.CharField(source="fields.quarter")
    verify_url = serializers.SerializerMethodField()

    class Meta:
        model = IssuedDocument
        fields = ["id", "quarter", "title", "number", "version", "status", "sha256", "size", "signer_name",
                  "issued_at", "verify_url"]

    def get_verify_url(self, issued) -> str:
        return verify_url(issued)


class QuarterlyReportListCreate(generics.ListAPIView):
    """GET: every version of every quarterly report. POST: produce (or re-produce) a quarter's report."""

    permission_classes = [IsAdministrator]
    serializer_class = QuarterlyReportOut
    pagination_class = None

    def get_queryset(self):
        return quarterly_reports()

    @extend_schema(request=QuarterIn, responses={201: QuarterlyReportOut})
    def post(self, request):
        form = QuarterIn(data=request.data)
        form.is_valid(raise_exception=True)
        issued = quarterly_report_issue(actor=request.user, quarter=form.validated_data["quarter"])
        return Response(QuarterlyReportOut(issued).data, status=status.HTTP_201_CREATED)


class QuarterlyReportDetail(generics.RetrieveAPIView):
    permission_classes = [IsAdministrator]
    serializer_class = QuarterlyReportOut

    def get_queryset(self):
        return quarterly_reports()


class QuarterlyReportContent(APIView):
    permission_classes = [IsAdministrator]

    @extend_schema(responses={(200, "application/pdf"): bytes})
    def get(self, request, pk):
        issued = get_object_or_404(quarterly_reports(), pk=pk)
        content = issued_content(issued)
        response = HttpResponse(content, content_type="application/pdf")
        response["Content-Disposition"] = (f'attachment; filename="laporan-triwulan-{issued.fields["quarter"]}'
                                           f'-v{issued.version}.pdf"')
        return response
