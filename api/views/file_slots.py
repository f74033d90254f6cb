from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from api.params import employee_not_found
from people.models import Employee
from archive.selectors import document_slots, employee_get_visible


class SlotOut(serializers.Serializer):
    document_type = serializers.CharField()
    name = serializers.CharField()
    status = serializers.CharField()
    confidential = serializers.BooleanField()
    document = serializers.IntegerField(allow_null=True, help_text="null: confidential, not for the caller")
    history_entry = serializers.IntegerField(allow_null=True)


@extend_schema(responses=SlotOut(many=True), summary="Which document slots of an employee's file are filled")
class EmployeeFileSlots(APIView):
    """Every filled slot with its status; a confidential document is listed for a fasilitator without its id
    (its detail and content answer 404 to them)."""

    def get(self, request, nip):
        try:
            employee = employee_get_visible(request.user, nip)
        except Employee.DoesNotExist:
            raise employee_not_found(nip) from None
        return Response(document_slots(request.user, employee))
