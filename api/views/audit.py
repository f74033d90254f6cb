"""GET /api/v1/audit/ (administrator): the hash-chained audit log, filtered; and its CSV export.

Read only: there is no route that edits or deletes an entry.
"""
from __future__ import annotations

import csv
import json

from django.http import StreamingHttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, serializers
from rest_framework.views import APIView

from api.permissions import IsAdministrator
from archive.csv_safe import csv_safe_row
from archive.models import AuditEvent


class AuditFilter(serializers.Serializer):
    action = serializers.CharField(required=False, allow_blank=True, default="",
                                   help_text="exact action, or a prefix ending in '.', e.g. 'auth.'")
    actor = serializers.CharField(required=False, allow_blank=True, default="", help_text="username")
    target = serializers.CharField(required=False, allow_blank=True, default="")
    date_from = serializers.DateField(required=False, default=None)
    date_to = serializers.DateField(required=False, default=None)


class AuditEventOut(serializers.ModelSerializer):
    actor = serializers.CharField(source="actor.username", default=None, allow_null=True,
                                  help_text="null for the system (commands, scheduled tasks)")

    class Meta:
        model = AuditEvent
        fields = ["id", "at", "actor", "action", "target", "details", "previous_hash", "entry_hash"]


def audit_events_filtered(params) -> "QuerySet[AuditEvent]":  # noqa: F821
    form = AuditFilter(data=params)
    form.is_valid(raise_exception=True)
    f = form.validated_data
    events = AuditEvent.objects.select_related("actor").order_by("-id")
    if f["action"]:
        events = (events.filter(action__startswith=f["action"]) if f["action"].endswith(".")
                  else events.filter(action=f["action"]))
    if f["actor"]:
        events = events.filter(actor__username=f["actor"])
    if f["target"]:
        events = events.filter(target=f["target"])
    if f["date_from"]:
        events = events.filter(at__date__gte=f["date_from"])
    if f["date_to"]:
        events = events.filter(at__date__lte=f["date_to"])
    return events


FILTER_PARAMETERS = [OpenApiParameter("action", str), OpenApiParameter("actor", str), OpenApiParameter("target", str),
                     OpenApiParameter("date_from", OpenApiTypes.DATE), OpenApiParameter("date_to", OpenApiTypes.DATE)]


class AuditList(generics.ListAPIView):
    """The audit log, newest first; filter by action, actor, target, date."""

    permission_classes = [IsAdministrator]
    serializer_class = AuditEventOut

    @extend_schema(parameters=FILTER_PARAMETERS)
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        return audit_events_filtered(self.request.query_params)


class _Echo:
    def write(self, value):
        return value


class AuditExport(APIView):
    """The same filters, as CSV (oldest first, so the chain reads top to bottom)."""

    permission_classes = [IsAdministrator]

    @extend_schema(parameters=FILTER_PARAMETERS, responses={(200, "text/csv"): bytes})
    def get(self, request):
        events = audit_events_filtered(request.query_params).order_by("id")
        writer = csv.writer(_Echo())

        def rows():
            yield "\ufeff" + writer.writerow(["id", "at", "actor", "action", "target", "details",
                                               "previous_hash", "entry_hash"])
            for e in events.iterator():
                yield writer.writerow(csv_safe_row([
                    e.id, e.at.isoformat(), e.actor.username if e.actor else "", e.action, e.target,
                    json.dumps(e.details, ensure_ascii=False, sort_keys=True), e.previous_hash, e.entry_hash]))

        response = StreamingHttpResponse(rows(), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="audit-log.csv"'
        response["X-Content-Type-Options"] = "nosniff"
        return response
