from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, serializers
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from api.params import employee_not_found
from api.serializers import DocumentTypeSerializer, EmployeeDetailSerializer, EmployeeListSerializer
from people.models import Employee, EmploymentStatus
from people.services.employees import employee_contact_update
from archive.selectors import document_types_active, employee_get_visible, employees_visible_to


@extend_schema(parameters=[
    OpenApiParameter("unit", OpenApiTypes.STR, description="unit code"),
    OpenApiParameter("q", OpenApiTypes.STR, description="part of the name, or the start of the NIP"),
    OpenApiParameter("status", OpenApiTypes.STR, description=(
        "status in force today, several separated by commas: " + ", ".join(EmploymentStatus.values)))])
class EmployeeList(generics.ListAPIView):
    """Employees the caller may see: themself, their units', or everyone (administrator)."""

    serializer_class = EmployeeListSerializer

    def get_queryset(self):
        employees = employees_visible_to(self.request.user)
        if unit := self.request.query_params.get("unit"):
            employees = employees.filter(unit__code=unit)
        if status := self.request.query_params.get("status"):
            wanted = [s.strip() for s in status.split(",") if s.strip()]
            if unknown := [s for s in wanted if s not in EmploymentStatus.values]:
                raise ValidationError({"status": _("unknown status: %(unknown)s; choose from %(choices)s") % {
                    "unknown": ", ".join(unknown), "choices": ", ".join(EmploymentStatus.values)}})
            employees = employees.filter(status__in=wanted)
        if q := self.request.query_params.get("q"):
            employees = employees.filter(nama__icontains=q) | employees.filter(nip__startswith=q.replace(" ", ""))
        return employees.order_by("nama", "nip")


class ContactIn(serializers.Serializer):
    email = serializers.EmailField(required=False, allow_blank=True)
    phone = serializers.RegexField(r"^\+?[0-9 ()-]{6,30}$", required=False, allow_blank=True)


class PendingContactOut(serializers.Serializer):
    detail = serializers.CharField()
    pending = serializers.ListField(child=serializers.DictField())


class EmployeeDetail(generics.RetrieveAPIView):
    """GET the record; PATCH email/phone (the employee themself or an administrator only)."""

    serializer_class = EmployeeDetailSerializer

    def get_object(self):
        try:
            return employee_get_visible(self.request.user, self.kwargs["nip"])
        except Employee.DoesNotExist:
            raise employee_not_found(self.kwargs["nip"]) from None  # outside one's scope: existence is not revealed

    @extend_schema(request=ContactIn, responses={200: EmployeeDetailSerializer, 202: PendingContactOut})
    def patch(self, request, nip):
        """Only the employee themself (any manager: 403, audited). A change waits for the link sent to
        confirm it (202, `pending`); nothing to change: 200 with the record."""
        employee = self.get_object()
        unknown = sorted(set(request.data) - set(ContactIn().fields))
        form = ContactIn(data=request.data)
        form.is_valid(raise_exception=True)
        pending = employee_contact_update(actor=request.user, employee=employee,
                                          **{f: None for f in unknown}, **form.validated_data)
        if pending:
            return Response({"detail": _("A confirmation link has been sent. The change takes effect when it is "
                                         "opened."),
                             "pending": [{"field": c.field, "sent_to": c.sent_to} for c in pending]}, status=202)
        return Response(EmployeeDetailSerializer(employee).data)


@extend_schema(summary="The document-type catalogue")
class DocumentTypeList(generics.ListAPIView):
    serializer_class = DocumentTypeSerializer
    pagination_class = None

    def get_queryset(self):
        return document_types_active().prefetch_related("services")
