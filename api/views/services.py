"""Services and service requests. Thin: input serializer, a service call, output serializer."""
from django.http import Http404
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import generics, serializers, status
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from api.permissions import IsAdministrator
from archive.models import Employee, Service, ServiceRequest
from archive.selectors import employee_get_visible
from archive.selectors_services import service_checklist, service_requests_visible_to, services_catalogue
from archive.services.issuing import verify_url
from archive.services.requests import (service_request_approve, service_request_create, service_request_return,
                                       service_request_submit, service_update)


class RequirementOut(serializers.Serializer):
    document_type = serializers.CharField(source="document_type.code")
    name = serializers.CharField(source="document_type.name")
    must_be_verified = serializers.BooleanField()


class ServiceOut(serializers.ModelSerializer):
    required_document_types = RequirementOut(source="requirements", many=True)

    class Meta:
        model = Service
        fields = ["code", "name", "description", "active", "output_template", "required_document_types"]


class ServiceList(generics.ListAPIView):
    """The service catalogue; employees and fasilitators see only the services that are open."""

    serializer_class = ServiceOut

    def get_queryset(self):
        admin = IsAdministrator().has_permission(self.request, self)
        return services_catalogue(include_inactive=admin).order_by("name")


class RequirementIn(serializers.Serializer):
    document_type = serializers.CharField()
    must_be_verified = serializers.BooleanField(default=True)


class ServiceUpdateIn(serializers.Serializer):
    active = serializers.BooleanField(required=False)
    name = serializers.CharField(required=False)
    requirements = RequirementIn(many=True, required=False)


class ServiceDetail(APIView):
    """GET one service; PATCH (administrator): switch on/off, rename, replace requirements."""

    def _service(self, code) -> Service:
        service = services_catalogue().filter(code=code).first()
        if service is None or (not service.active and not IsAdministrator().has_permission(self.request, self)):
            raise Http404
        return service

    @extend_schema(responses={200: ServiceOut})
    def get(self, request, code):
        return Response(ServiceOut(self._service(code)).data)

    @extend_schema(request=ServiceUpdateIn, responses={200: ServiceOut})
    def patch(self, request, code):
        if not IsAdministrator().has_permission(request, self):
            raise PermissionDenied("Hanya administrator BKD yang dapat mengubah layanan.")
        form = ServiceUpdateIn(data=request.data, partial=True)
        form.is_valid(raise_exception=True)
        service = service_update(actor=request.user, service=self._service(code), **form.validated_data)
        return Response(ServiceOut(services_catalogue().get(pk=service.pk)).data)


class ServiceRequestIn(serializers.Serializer):
    service = serializers.CharField(help_text="service code, e.g. kenaikan_pangkat")
    employee = serializers.CharField(help_text="NIP")


class ServiceRequestOut(serializers.ModelSerializer):
    service = serializers.CharField(source="service.code")
    service_name = serializers.CharField(source="service.name")
    employee = serializers.CharField(source="employee.nip")
    checklist = serializers.SerializerMethodField()
    issued_document = serializers.SerializerMethodField()

    class Meta:
        model = ServiceRequest
        fields = ["id", "service", "service_name", "employee", "status", "checklist", "issued_document",
                  "return_reason", "created_at", "submitted_at", "decided_at"]

    def get_checklist(self, request) -> list:
        if request.status == ServiceRequest.Status.APPROVED:
            return request.checklist  # as it stood when approved
        return service_checklist(service=request.service, employee=request.employee)

    def get_issued_document(self, request) -> dict | None:
        issued = request.issued_document
        if issued is None:
            return None
        return {"id": issued.pk, "number": issued.number, "title": issued.title, "version": issued.version,
                "status": issued.status, "verify_url": verify_url(issued)}


class ServiceRequestListCreate(generics.ListAPIView):
    """GET: requests in scope (?status=, ?service=, ?employee=NIP). POST {service, employee}: a draft with its checklist."""

    serializer_class = ServiceRequestOut

    def get_queryset(self):
        requests = service_requests_visible_to(self.request.user)
        if wanted := self.request.query_params.get("status"):
            requests = requests.filter(status=wanted)
        if code := self.request.query_params.get("service"):
            requests = requests.filter(service__code=code)
        if nip := self.request.query_params.get("employee"):
            requests = requests.filter(employee__nip=nip.replace(" ", ""))
        return requests.order_by("-created_at", "-id")

    @extend_schema(request=ServiceRequestIn, responses={201: ServiceRequestOut})
    def post(self, request):
        form = ServiceRequestIn(data=request.data)
        form.is_valid(raise_exception=True)
        service = services_catalogue().filter(code=form.validated_data["service"]).first()
        if service is None:
            raise ValidationError({"service": "Layanan tidak dikenal; lihat /api/v1/services/."})
        try:
            employee = employee_get_visible(request.user, form.validated_data["employee"])
        except Employee.DoesNotExist:
            raise Http404 from None
        made = service_request_create(actor=request.user, service=service, employee=employee)
        return Response(ServiceRequestOut(made).data, status=status.HTTP_201_CREATED)


def _visible_request(request, pk) -> ServiceRequest:
    """404 for a wrong id and for one outside the caller's scope alike."""
    return get_object_or_404(service_requests_visible_to(request.user), pk=pk)


class ServiceRequestDetail(generics.RetrieveAPIView):
    serializer_class = ServiceRequestOut

    def get_object(self):
        return _visible_request(self.request, self.kwargs["pk"])


class ServiceRequestSubmit(APIView):
    @extend_schema(request=None, responses={200: ServiceRequestOut})
    def post(self, request, pk):
        submitted = service_request_submit(actor=request.user, request=_visible_request(request, pk))
        return Response(ServiceRequestOut(submitted).data)


class ApproveIn(serializers.Serializer):
    fields = serializers.DictField(required=False, default=dict,
                                   help_text="the output template's fields (images as base64)")


class ServiceRequestApprove(APIView):
    permission_classes = [IsAdministrator]

    @extend_schema(request=ApproveIn, responses={200: ServiceRequestOut})
    def post(self, request, pk):
        form = ApproveIn(data=request.data)
        form.is_valid(raise_exception=True)
        approved = service_request_approve(actor=request.user, request=_visible_request(request, pk),
                                           fields=form.validated_data["fields"])
        return Response(ServiceRequestOut(approved).data)


class ServiceRequestReturnIn(serializers.Serializer):
    reason = serializers.CharField()


class ServiceRequestReturn(APIView):
    permission_classes = [IsAdministrator]

    @extend_schema(request=ServiceRequestReturnIn, responses={200: ServiceRequestOut})
    def post(self, request, pk):
        form = ServiceRequestReturnIn(data=request.data)
        form.is_valid(raise_exception=True)
        returned = service_request_return(actor=request.user, request=_visible_request(request, pk),
                                          reason=form.validated_data["reason"])
        return Response(ServiceRequestOut(returned).data)
