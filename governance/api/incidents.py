"""The incident register over the API (administrators)."""
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from api.permissions import IsAdministrator
from governance.models import Incident
from governance.services.incidents import incident_close, incident_record


class IncidentOut(serializers.ModelSerializer):
    audit_events = serializers.PrimaryKeyRelatedField(many=True, read_only=True)

    class Meta:
        model = Incident
        fields = ["id", "title", "description", "category", "severity", "occurred_at", "reported_at",
                  "diskominfo_notified_to", "status", "lessons", "closed_at", "audit_events"]


class IncidentIn(serializers.Serializer):
    title = serializers.CharField(max_length=200)
    description = serializers.CharField()
    category = serializers.ChoiceField(choices=Incident.Category.choices)
    severity = serializers.ChoiceField(choices=Incident.Severity.choices)
    occurred_at = serializers.DateTimeField()
    audit_event_ids = serializers.ListField(child=serializers.IntegerField(min_value=1, max_value=2**62),
                                            required=False, default=list, max_length=1000)


class IncidentCloseIn(serializers.Serializer):
    lessons = serializers.CharField()


class Incidents(APIView):
    permission_classes = [IsAdministrator]

    @extend_schema(responses={200: IncidentOut(many=True)})
    def get(self, request):
        return Response(IncidentOut(Incident.objects.prefetch_related("audit_events")[:500], many=True).data)

    @extend_schema(request=IncidentIn, responses={201: IncidentOut})
    def post(self, request):
        form = IncidentIn(data=request.data)
        form.is_valid(raise_exception=True)
        return Response(IncidentOut(incident_record(actor=request.user, **form.validated_data)).data,
                        status=status.HTTP_201_CREATED)


class IncidentClose(APIView):
    permission_classes = [IsAdministrator]

    @extend_schema(request=IncidentCloseIn, responses={200: IncidentOut})
    def post(self, request, pk):
        form = IncidentCloseIn(data=request.data)
        form.is_valid(raise_exception=True)
        return Response(IncidentOut(incident_close(actor=request.user, incident=get_object_or_404(Incident, pk=pk),
                                                   lessons=form.validated_data["lessons"])).data)
