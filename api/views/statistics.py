"""Public statistics (no login): aggregated counts, small cells suppressed (reports.statistics), served from
the releases an administrator approved only (governance; Pergub Jatim 73/2020 Pasal 18): without `as_of`
the newest approved release, with it that day's; no approved release, 404."""
import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.response import Response
from rest_framework.throttling import AnonRateThrottle
from rest_framework.views import APIView

from api.agency import AGENCY_AUTHENTICATION, PublicOrScope
from governance.selectors import approved_release, release_cube, release_values
from reports.statistics import (DIMENSIONS, UnknownValue, employee_statistics, fixed_dimension_values,
                                statistics_catalogue)


class StatisticsAnonThrottle(AnonRateThrottle):
    scope = "statistics"


class PublicStatisticsView(APIView):
    """No login needed; an agency token presented here must carry `statistics:read`."""

    authentication_classes = AGENCY_AUTHENTICATION
    throttle_classes = [StatisticsAnonThrottle]

    def get_permissions(self):
        return [PublicOrScope("statistics:read")]


def _release(request):
    """The approved release asked for. A well-formed day without one (a future day, a day that is not a month
    end, a month not yet approved) is 404 like any day without a release, saying why: nothing unapproved is
    ever served, and releases are made only for the days statistics_day accepts. Only a malformed date is 400."""
    text = request.query_params.get("as_of")
    try:
        as_of = dt.date.fromisoformat(text) if text else None
    except ValueError:
        raise ValidationError(
            {"as_of": _("date %(text)r not understood; write YYYY-MM-DD, e.g. 2026-09-30") % {"text": text}}) from None
    release = approved_release(as_of)
    if release is None:
        detail, today = _("No statistics release approved by an administrator for this day yet."), timezone.localdate()
        if as_of is not None and as_of > today:
            detail = f"{detail} {_('a date in the future; choose today or earlier')}"
        elif as_of is not None and as_of != today and (as_of + dt.timedelta(days=1)).day != 1:
            detail = f"{detail} {_('Releases are made for the last day of a month (e.g. 2026-09-30).')}"
        raise NotFound(detail)
    return release


class CountOut(serializers.Serializer):
    count = serializers.IntegerField(allow_null=True, help_text="null when suppressed")
    suppressed = serializers.BooleanField()


class RowOut(CountOut):
    value = serializers.CharField()
    label = serializers.CharField()


class EmployeeStatisticsOut(serializers.Serializer):
    population = serializers.CharField()
    as_of = serializers.DateField()
    min_cell = serializers.IntegerField(help_text="cells counting 1 to min_cell-1 people are never shown")
    release = serializers.IntegerField(help_text="the approved release the figures come from")
    filters = serializers.DictField(child=serializers.CharField())
    by = serializers.CharField(allow_null=True)
    total = CountOut()
    rows = RowOut(many=True)


class AgencyDocumentsOut(serializers.Serializer):
    agency = serializers.CharField()
    name = serializers.CharField()
    suppressed = serializers.BooleanField()
    employees = serializers.IntegerField(allow_null=True)
    required = serializers.IntegerField(allow_null=True)
    present = serializers.IntegerField(allow_null=True)
    verified = serializers.IntegerField(allow_null=True)
    completeness = serializers.FloatField(allow_null=True, help_text="verified core documents, % of required")
    backlog = serializers.IntegerField(allow_null=True, help_text="scans awaiting verification")


class DocumentStatisticsOut(serializers.Serializer):
    as_of = serializers.DateField()
    release = serializers.IntegerField()
    min_cell = serializers.IntegerField()
    core_document_types = serializers.ListField(child=serializers.CharField(), help_text="a PNS's core documents")
    core_document_types_by_status = serializers.DictField(required=False,
        child=serializers.ListField(child=serializers.CharField()),
        help_text="the core documents each appointment (cpns, pns, pppk) is asked for")
    agencies = AgencyDocumentsOut(many=True)
    totals = serializers.DictField()


AS_OF_PARAMETER = OpenApiParameter(
    "as_of", OpenApiTypes.DATE, pattern=r"^[1-9][0-9]{3}-[0-9]{2}-[0-9]{2}$",
    description="the approved release of this day (releases are made for the last day of a month, or the day "
    "they were prepared); default: the newest approved release. A day without an approved release: 404")

# Every dimension but agency has fixed values (the agencies are reference data: an unknown one is 400, named).
FIXED_VALUES = {name: [value for value, _label in values] for name, values in fixed_dimension_values().items()}
FILTER_PARAMETERS = [OpenApiParameter(name, OpenApiTypes.STR, enum=FIXED_VALUES.get(name),
                                      description=f"saring menurut {name}; nilai: lihat /api/v1/statistics/")
                     for name in DIMENSIONS]


class StatisticsCatalogue(PublicStatisticsView):
    """The dimensions and the values each can take (for filters and breakdowns)."""

    @extend_schema(summary="Statistics: dimensions and values", responses={200: OpenApiTypes.OBJECT})
    def get(self, request):
        return Response(statistics_catalogue())


class EmployeeStatistics(PublicStatisticsView):
    """Active employees counted with any combination of filters, broken down by one dimension.
    A count of fewer than STATISTICS_MIN_CELL people, and any count that would let one be worked
    out by subtraction from the others, is answered as `{"count": null, "suppressed": true}`."""

    @extend_schema(summary="Statistics: employee counts (small cells suppressed)",
                   parameters=[OpenApiParameter("by", OpenApiTypes.STR, enum=list(DIMENSIONS),
                                                description="dimension to break the count down by"),
                               AS_OF_PARAMETER, *FILTER_PARAMETERS],
                   responses={200: EmployeeStatisticsOut})
    def get(self, request):
        filters = {name: value for name, value in request.query_params.items()
                   if name not in ("by", "format", "as_of")}
        try:
            release = _release(request)
            answer = employee_statistics(filters=filters, by=request.query_params.get("by") or None,
                                         cube=release_cube(release), values=release_values(release))
        except UnknownValue as exc:
            raise ValidationError(exc.errors) from None
        return Response({**answer, "release": release.pk})


class DocumentStatistics(PublicStatisticsView):
    """Core-document completeness and verification backlog by agency (small agencies suppressed)."""

    @extend_schema(summary="Statistics: document completeness and verification backlog by agency",
                   parameters=[AS_OF_PARAMETER],
                   responses={200: DocumentStatisticsOut})
    def get(self, request):
        release = _release(request)
        return Response({**release.documents, "release": release.pk})
