"""Monitoring of file completeness and verification backlog, for fasilitators (their units) and BKD."""
import csv
import io

from django.http import HttpResponse
from drf_spectacular.utils import extend_schema
from rest_framework.response import Response
from rest_framework.views import APIView

from api.permissions import IsFasilitatorOrAdministrator
from archive.csv_safe import csv_safe_row
from archive.selectors_monitoring import file_completeness

CSV_COLUMNS = ["agency", "unit", "unit_name", "employees", "required", "present", "verified", "completeness",
               "backlog", "backlog_oldest_days", "backlog_median_days"]


class Monitoring(APIView):
    permission_classes = [IsFasilitatorOrAdministrator]

    @extend_schema(responses={200: dict})
    def get(self, request):
        return Response(file_completeness(request.user))


class MonitoringExport(APIView):
    permission_classes = [IsFasilitatorOrAdministrator]

    @extend_schema(responses={(200, "text/csv"): bytes})
    def get(self, request):
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(csv_safe_row(unit) for unit in file_completeness(request.user)["units"])
        response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="monitoring-berkas.csv"'
        return response
