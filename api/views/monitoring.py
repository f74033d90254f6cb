"""Monitoring of file completeness and verification backlog, for fasilitators (their units) and BKD."""
import csv
import io

from django.http import HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.response import Response
from rest_framework.views import APIView

from api.params import past_day_param
from api.permissions import IsFasilitatorOrAdministrator
from archive.csv_safe import csv_safe_row
from archive.selectors_monitoring import file_completeness

ON_PARAMETER = OpenApiParameter("on", OpenApiTypes.DATE, description=(
    "as it stood at the end of this day (YYYY-MM-DD): the employees on the books then, the scans uploaded "
    "and decided by then; default: now"))
CSV_COLUMNS = ["agency", "unit", "unit_name", "employees", "required", "present", "verified", "completeness",
               "backlog", "backlog_oldest_days", "backlog_median_days"]


class Monitoring(APIView):
    permission_classes = [IsFasilitatorOrAdministrator]

    @extend_schema(parameters=[ON_PARAMETER], responses={200: dict})
    def get(self, request):
        return Response(file_completeness(request.user, on=past_day_param(request, "on")))


class MonitoringExport(APIView):
    permission_classes = [IsFasilitatorOrAdministrator]

    @extend_schema(parameters=[ON_PARAMETER], responses={(200, "text/csv"): bytes})
    def get(self, request):
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, extrasaction="ignore")
        writer.writeheader()
        units = file_completeness(request.user, on=past_day_param(request, "on"))["units"]
        writer.writerows(csv_safe_row(unit) for unit in units)
        response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="monitoring-berkas.csv"'
        return response
