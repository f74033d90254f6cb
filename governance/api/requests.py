"""The data request register over the API: a letter in, a decision, an answer (token or export); overdue listed."""
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from api.permissions import IsAdministrator
from documents.objectstore import object_storage
from governance.models import DataRequest
from governance.selectors import data_requests_overdue
from governance.services import requests as register


class DataRequestOut(serializers.ModelSerializer):
    answer_token = serializers.SerializerMethodField()
    overdue = serializers.SerializerMethodField()
    answered_by_export = serializers.SerializerMethodField()

    class Meta:
        model = DataRequest
        fields = ["id", "number", "letter_date", "requester", "requester_agency", "service_type", "data_asked",
                  "purpose", "legal_basis", "letter_sha256", "received_at", "due_date", "status", "decided_at",
                  "decision_reason", "answer_token", "answered_by_export", "answered_at", "overdue"]

    def get_answer_token(self, request) -> dict | None:
        token = request.answer_token
        return {"id": token.pk, "prefix": token.prefix, "scopes": token.scopes} if token else None

    def get_overdue(self, request) -> bool:
        from django.utils import timezone

        return request.status in ("received", "approved") and request.due_date < timezone.localdate()

    def get_answered_by_export(self, request) -> bool:
        return bool(request.answer_key)


class DataRequestIn(serializers.Serializer):
    letter = serializers.FileField(help_text="the signed letter, scanned (PDF, JPEG, PNG)")
    number = serializers.CharField(max_length=100)
    letter_date = serializers.DateField()
    requester = serializers.CharField(max_length=200)
    requester_agency = serializers.CharField(max_length=200)
    service_type = serializers.ChoiceField(choices=DataRequest.Service.choices)
    data_asked = serializers.CharField()
    purpose = serializers.CharField()
    legal_basis = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")


class DataRequestDecisionIn(serializers.Serializer):
    approve = serializers.BooleanField()
    reason = serializers.CharField()


class DataRequestTokenAnswerIn(serializers.Serializer):
    name = serializers.CharField(max_length=120)
    scopes = serializers.ListField(child=serializers.CharField(), min_length=1)
    recipient = serializers.CharField(max_length=80)
    purpose = serializers.CharField(max_length=80)
    agreement_reference = serializers.CharField(max_length=200)
    expires_at = serializers.DateTimeField()
    legal_basis = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")


class DataRequestTokenAnswerOut(DataRequestOut):
    token = serializers.CharField(help_text="shown this once")

    class Meta(DataRequestOut.Meta):
        fields = DataRequestOut.Meta.fields + ["token"]


class DataRequestExportIn(serializers.Serializer):
    export = serializers.FileField()


class DataRequests(APIView):
    permission_classes = [IsAdministrator]
    parser_classes = [MultiPartParser, FormParser]

    @extend_schema(parameters=[OpenApiParameter("overdue", bool)], responses={200: DataRequestOut(many=True)})
    def get(self, request):
        rows = (data_requests_overdue() if request.query_params.get("overdue") in ("1", "true")
                else DataRequest.objects.all()).select_related("answer_token")[:500]
        return Response(DataRequestOut(rows, many=True).data)

    @extend_schema(request={"multipart/form-data": DataRequestIn}, responses={201: DataRequestOut})
    def post(self, request):
        form = DataRequestIn(data=request.data)
        form.is_valid(raise_exception=True)
        data = dict(form.validated_data)
        letter = data.pop("letter").read()
        made = register.data_request_register(actor=request.user, letter=letter, **data)
        return Response(DataRequestOut(made).data, status=status.HTTP_201_CREATED)


class DataRequestDetail(APIView):
    permission_classes = [IsAdministrator]

    @extend_schema(responses={200: DataRequestOut})
    def get(self, request, pk):
        return Response(DataRequestOut(get_object_or_404(DataRequest, pk=pk)).data)


class DataRequestLetter(APIView):
    permission_classes = [IsAdministrator]

    @extend_schema(responses={(200, "application/octet-stream"): bytes})
    def get(self, request, pk):
        made = get_object_or_404(DataRequest, pk=pk)
        content = object_storage().get(made.letter_key, version_id=made.letter_version, sha256=made.letter_sha256)
        return HttpResponse(content, content_type=made.letter_content_type)


class DataRequestDecide(APIView):
    permission_classes = [IsAdministrator]
    parser_classes = [JSONParser, FormParser, MultiPartParser]

    @extend_schema(request=DataRequestDecisionIn, responses={200: DataRequestOut})
    def post(self, request, pk):
        form = DataRequestDecisionIn(data=request.data)
        form.is_valid(raise_exception=True)
        made = register.data_request_decide(actor=request.user, request=get_object_or_404(DataRequest, pk=pk),
                                            **form.validated_data)
        return Response(DataRequestOut(made).data)


class DataRequestAnswerToken(APIView):
    permission_classes = [IsAdministrator]
    parser_classes = [JSONParser]

    @extend_schema(request=DataRequestTokenAnswerIn,
                   responses={201: DataRequestTokenAnswerOut})
    def post(self, request, pk):
        form = DataRequestTokenAnswerIn(data=request.data)
        form.is_valid(raise_exception=True)
        made, _token, key = register.data_request_answer_with_token(
            actor=request.user, request=get_object_or_404(DataRequest, pk=pk), **form.validated_data)
        return Response({**DataRequestOut(made).data, "token": key}, status=status.HTTP_201_CREATED)


class DataRequestAnswerExport(APIView):
    permission_classes = [IsAdministrator]
    parser_classes = [MultiPartParser, FormParser]

    @extend_schema(request={"multipart/form-data": DataRequestExportIn},
                   responses={200: DataRequestOut})
    def post(self, request, pk):
        form = DataRequestExportIn(data=request.data)
        form.is_valid(raise_exception=True)
        made = register.data_request_answer_with_export(actor=request.user,
                                                        request=get_object_or_404(DataRequest, pk=pk),
                                                        export=form.validated_data["export"].read())
        return Response(DataRequestOut(made).data)
