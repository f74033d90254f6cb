"""API of the national integration: an official's signing queue (one passphrase for a batch) and
SI-ASN pulls into the reconciliation diff."""
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from api.params import nip_refused
from api.permissions import IsAdministrator
from people.models import Employee
from archive.selectors import employee_get_visible
from national.models import SiasnPull, SigningRequest
from national.selectors import officials_signing_as, signing_queue_of
from national.services.signing_queue import signing_queue_sign, signing_request_create
from national.services.siasn import siasn_pull_start


class SigningRequestOut(serializers.ModelSerializer):
    official = serializers.CharField(source="official.name")
    employee = serializers.CharField(source="employee.nip")
    employee_name = serializers.CharField(source="employee.nama")

    class Meta:
        model = SigningRequest
        fields = ["id", "official", "template", "employee", "employee_name", "fields", "status", "detail", "issued",
                  "created_at", "signed_at"]


class SigningRequestIn(serializers.Serializer):
    template = serializers.CharField()
    employee = serializers.CharField(help_text="NIP")
    fields = serializers.DictField(required=False, default=dict)


class SigningQueue(APIView):
    """GET: the decrees waiting for the officials this login signs for. POST (administrator): put a
    decree in the queue of the official assigned to its type."""

    def get_permissions(self):
        return [IsAdministrator()] if self.request.method == "POST" else [IsAuthenticated()]

    @extend_schema(responses={200: SigningRequestOut(many=True)})
    def get(self, request):
        return Response(SigningRequestOut(signing_queue_of(request.user), many=True).data)

    @extend_schema(request=SigningRequestIn, responses={
        201: SigningRequestOut, 400: OpenApiResponse(description="fields not valid, or no official for the type")})
    def post(self, request):
        form = SigningRequestIn(data=request.data)
        form.is_valid(raise_exception=True)
        try:
            employee = employee_get_visible(request.user, form.validated_data["employee"])
        except Employee.DoesNotExist:
            nip_refused(form.validated_data["employee"])
            raise ValidationError({"employee": _("No employee has this NIP.")}) from None
        signing_request = signing_request_create(actor=request.user, template=form.validated_data["template"],
                                                 employee=employee, fields=form.validated_data["fields"])
        return Response(SigningRequestOut(signing_request).data, status=status.HTTP_201_CREATED)


class SignBatchIn(serializers.Serializer):
    passphrase = serializers.CharField(write_only=True, trim_whitespace=False, style={"input_type": "password"},
                                       help_text="typed by the official now for the whole batch; never stored")
    official = serializers.IntegerField(required=False, help_text="which official (when this login signs for several)")
    requests = serializers.ListField(child=serializers.IntegerField(), required=False,
                                     help_text="the waiting requests to sign (default: all of them, oldest first)")


class SignedItemOut(serializers.Serializer):
    id = serializers.IntegerField()
    issued = serializers.IntegerField()
    number = serializers.CharField()


class FailedItemOut(serializers.Serializer):
    id = serializers.IntegerField()
    detail = serializers.CharField()


class SignBatchOut(serializers.Serializer):
    signed = SignedItemOut(many=True)
    failed = FailedItemOut(many=True)
    waiting = serializers.IntegerField()


class SigningQueueSign(APIView):
    """The official signs their waiting decrees with one passphrase entry. A wrong passphrase (400),
    an expired or revoked certificate (409) or BSrE unreachable (503) signs and numbers nothing."""

    permission_classes = [IsAuthenticated]

    @extend_schema(request=SignBatchIn, responses={
        200: SignBatchOut, 400: OpenApiResponse(description="wrong or missing passphrase"),
        403: OpenApiResponse(description="this login signs for no official"),
        409: OpenApiResponse(description="certificate expired or revoked, or a batch of this official is running"),
        503: OpenApiResponse(description="BSrE unreachable")})
    def post(self, request):
        form = SignBatchIn(data=request.data)
        form.is_valid(raise_exception=True)
        officials = officials_signing_as(request.user)
        if "official" in form.validated_data:
            officials = [o for o in officials if o.pk == form.validated_data["official"]]
        if not officials:
            raise PermissionDenied(_("This login signs for no official."))
        result = signing_queue_sign(actor=request.user, official=officials[0],
                                    passphrase=form.validated_data["passphrase"],
                                    request_ids=form.validated_data.get("requests"))
        return Response(SignBatchOut(result).data)


class SiasnPullOut(serializers.ModelSerializer):
    fetched = serializers.SerializerMethodField()

    class Meta:
        model = SiasnPull
        fields = ["id", "status", "nips", "fetched", "attempts", "last_error", "reconciliation", "created_at",
                  "finished_at"]

    def get_fetched(self, pull) -> int:
        return pull.records.count()


class SiasnPullIn(serializers.Serializer):
    nips = serializers.ListField(child=serializers.CharField(), min_length=1, max_length=20000,
                                 help_text="the employees to pull from SI-ASN")


class SiasnPullCreate(APIView):
    """Pull employees' data and histories from SI-ASN (in the background); when done, the pull names
    the reconciliation diff, applied only when confirmed (POST /api/v1/reconciliation/imports/{id}/apply/)."""

    permission_classes = [IsAdministrator]

    @extend_schema(request=SiasnPullIn, responses={202: SiasnPullOut, 400: OpenApiResponse(description="bad NIPs"),
                                                   409: OpenApiResponse(description="SI-ASN not configured")})
    def post(self, request):
        form = SiasnPullIn(data=request.data)
        form.is_valid(raise_exception=True)
        pull = siasn_pull_start(actor=request.user, nips=form.validated_data["nips"])
        return Response(SiasnPullOut(pull).data, status=status.HTTP_202_ACCEPTED)


class SiasnPullDetail(APIView):
    permission_classes = [IsAdministrator]

    @extend_schema(responses={200: SiasnPullOut, 404: OpenApiResponse(description="no such pull")})
    def get(self, request, pk):
        return Response(SiasnPullOut(get_object_or_404(SiasnPull, pk=pk)).data)


class SiasnPullResume(APIView):
    """Resume an interrupted pull: only the NIPs not fetched yet are asked for."""

    permission_classes = [IsAdministrator]

    @extend_schema(request=None, responses={202: SiasnPullOut, 404: OpenApiResponse(description="no such pull"),
                                            409: OpenApiResponse(description="already finished, or SI-ASN not "
                                                                             "configured")})
    def post(self, request, pk):
        from national.services.siasn import siasn_pull_resume

        pull = siasn_pull_resume(actor=request.user, pull=get_object_or_404(SiasnPull, pk=pk))
        return Response(SiasnPullOut(pull).data, status=status.HTTP_202_ACCEPTED)

