"""Services and service requests. Thin: input serializer, a service call, output serializer."""
from django.http import Http404
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import generics, serializers, status
from rest_framework.exceptions import NotFound, PermissionDenied, ValidationError
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from api.params import nip_refused
from api.permissions import IsAdministrator
from django.utils.translation import gettext as _
from desk.models import Service, ServiceRequest
from people.models import Employee
from archive.selectors import employee_get_visible
from desk.selectors import service_checklist, service_requests_visible_to, services_catalogue
from issuing.services.issuing import verify_url
from desk.services.requests import (service_create, service_request_approve, service_request_attach_reply,
                                       service_request_create, service_request_forward, service_request_return,
                                       service_request_submit, service_update)


class RequirementOut(serializers.Serializer):
    document_type = serializers.CharField(source="document_type.code")
    name = serializers.CharField(source="document_type.name")
    must_be_verified = serializers.BooleanField()


class ServiceOut(serializers.ModelSerializer):
    required_document_types = RequirementOut(source="requirements", many=True)

    class Meta:
        model = Service
        fields = ["code", "name", "description", "active", "output_template", "decided_by", "agency_review",
                  "legal_basis", "required_document_types"]


class RequirementIn(serializers.Serializer):
    document_type = serializers.CharField()
    must_be_verified = serializers.BooleanField(default=True)


class ServiceCreateIn(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    description = serializers.CharField(required=False, default="", allow_blank=True)
    output_template = serializers.CharField(help_text="a template code from /api/v1/templates/")
    decided_by = serializers.CharField(required=False, default="", allow_blank=True,
                                       help_text="an outside body that decides (then output_template is surat_usul)")
    agency_review = serializers.BooleanField(required=False, default=True)
    legal_basis = serializers.CharField(required=False, default="", allow_blank=True)
    requirements = RequirementIn(many=True)


class ServiceList(generics.ListAPIView):
    """The service catalogue; employees and fasilitators see only the services that are open.
    POST (administrator): add a service."""

    serializer_class = ServiceOut

    def get_queryset(self):
        admin = IsAdministrator().has_permission(self.request, self)
        return services_catalogue(include_inactive=admin).order_by("name")

    def get_permissions(self):
        return [IsAdministrator()] if self.request.method == "POST" else super().get_permissions()

    @extend_schema(request=ServiceCreateIn, responses={201: ServiceOut})
    def post(self, request):
        form = ServiceCreateIn(data=request.data)
        form.is_valid(raise_exception=True)
        service = service_create(actor=request.user, **form.validated_data)
        return Response(ServiceOut(services_catalogue(include_inactive=True).get(pk=service.pk)).data,
                        status=status.HTTP_201_CREATED)


class ServiceUpdateIn(serializers.Serializer):
    active = serializers.BooleanField(required=False)
    name = serializers.CharField(required=False)
    requirements = RequirementIn(many=True, required=False)
    output_template = serializers.CharField(required=False)
    decided_by = serializers.CharField(required=False, allow_blank=True)
    agency_review = serializers.BooleanField(required=False)
    legal_basis = serializers.CharField(required=False, allow_blank=True)


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
            raise PermissionDenied(_("Only a BKD administrator may change a service."))
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
                  "return_reason", "created_at", "submitted_at", "forwarded_at", "decided_at", "reply",
                  "completed_at", "record_change"]

    reply = serializers.SerializerMethodField()
    record_change = serializers.SerializerMethodField()

    def get_checklist(self, request) -> list:
        if request.status in DECIDED:
            return request.checklist  # as it stood when approved
        return service_checklist(service=request.service, employee=request.employee)

    def get_issued_document(self, request) -> dict | None:
        issued = request.issued_document
        if issued is None:
            return None
        return {"id": issued.pk, "number": issued.number, "title": issued.title, "version": issued.version,
                "status": issued.status, "verify_url": verify_url(issued)}

    def get_reply(self, request) -> dict | None:
        if request.reply_document_id is None:
            return None
        return {**request.reply_details, "document": request.reply_document_id}

    def get_record_change(self, request) -> dict | None:
        change = getattr(request.issued_document, "record_change", None) if request.issued_document else None
        if change is None:
            return None
        return {"summary": change.summary, "reverted_at": change.reverted_at, "revert_summary": change.revert_summary}


DECIDED = (ServiceRequest.Status.APPROVED, ServiceRequest.Status.SENT, ServiceRequest.Status.COMPLETED)


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
            raise ValidationError({"service": _("Unknown service; see /api/v1/services/.")})
        try:
            employee = employee_get_visible(request.user, form.validated_data["employee"])
        except Employee.DoesNotExist:
            nip_refused(form.validated_data["employee"])
            raise NotFound(_("No employee with NIP %(nip)s within your access.") % {
                "nip": form.validated_data["employee"]}) from None
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
    # Checked by the service, after who may return it: an employee is refused before being asked for a reason.
    reason = serializers.CharField(required=False, default="", allow_blank=True)


class ServiceRequestForward(APIView):
    """The agency step: the unit's fasilitator (or BKD) forwards a submitted request to BKD."""

    @extend_schema(request=None, responses={200: ServiceRequestOut})
    def post(self, request, pk):
        forwarded = service_request_forward(actor=request.user, request=_visible_request(request, pk))
        return Response(ServiceRequestOut(forwarded).data)


class ReplyIn(serializers.Serializer):
    file = serializers.FileField()
    number = serializers.CharField(help_text="the reply letter's number")
    date = serializers.DateField(help_text="the reply letter's date")
    result = serializers.CharField(required=False, default="", allow_blank=True,
                                   help_text="what it decides, e.g. 'lulus', 'angka kredit 112,5'")


class ServiceRequestReply(APIView):
    """An outside body's reply to a sent request (administrator): attached, recorded, request completed."""

    permission_classes = [IsAdministrator]
    parser_classes = [MultiPartParser, FormParser]

    @extend_schema(request={"multipart/form-data": ReplyIn}, responses={200: ServiceRequestOut})
    def post(self, request, pk):
        form = ReplyIn(data=request.data)
        form.is_valid(raise_exception=True)
        upload = form.validated_data["file"]
        completed = service_request_attach_reply(
            actor=request.user, request=_visible_request(request, pk), stream=upload.file,
            filename=upload.name or "", number=form.validated_data["number"], date=form.validated_data["date"],
            result=form.validated_data["result"])
        return Response(ServiceRequestOut(completed).data)


class ServiceRequestReturn(APIView):
    """Back to the employee with a reason (the unit's fasilitator at the agency step, or BKD)."""

    @extend_schema(request=ServiceRequestReturnIn, responses={200: ServiceRequestOut})
    def post(self, request, pk):
        service_request = _visible_request(request, pk)
        form = ServiceRequestReturnIn(data=request.data)
        form.is_valid(raise_exception=True)
        returned = service_request_return(actor=request.user, request=service_request,
                                          reason=form.validated_data["reason"])
        return Response(ServiceRequestOut(returned).data)
