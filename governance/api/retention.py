"""Retention over the API: rules, items awaiting a decision, the decision; deleted documents and their restore."""
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from api.permissions import IsAdministrator
from documents.models import DocumentType
from governance.models import RetentionItem, RetentionRule
from governance.selectors import documents_deleted
from governance.services.retention import document_restore, retention_decide, retention_rule_set


class RetentionRuleOut(serializers.ModelSerializer):
    document_type = serializers.CharField(source="document_type.code", allow_null=True, default=None)

    class Meta:
        model = RetentionRule
        fields = ["id", "record_kind", "document_type", "years", "counted_from", "end_action", "note"]


class RetentionRuleIn(serializers.Serializer):
    record_kind = serializers.CharField(max_length=30)
    document_type = serializers.CharField(max_length=40, required=False, allow_blank=True, default="")
    years = serializers.IntegerField(min_value=0, max_value=200)
    counted_from = serializers.ChoiceField(choices=RetentionRule.CountedFrom.choices, required=False,
                                           default=RetentionRule.CountedFrom.CREATED)
    note = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")


class RetentionItemOut(serializers.ModelSerializer):
    rule = RetentionRuleOut()

    class Meta:
        model = RetentionItem
        fields = ["id", "rule", "target", "ended_on", "found_at", "decision", "decree", "reason", "decided_at"]


class RetentionDecisionIn(serializers.Serializer):
    decision = serializers.ChoiceField(choices=["keep", "destroy"])
    decree = serializers.CharField(max_length=200)
    reason = serializers.CharField(required=False, allow_blank=True, default="")


class RetentionRules(APIView):
    permission_classes = [IsAdministrator]

    @extend_schema(responses={200: RetentionRuleOut(many=True)})
    def get(self, request):
        return Response(RetentionRuleOut(RetentionRule.objects.select_related("document_type"), many=True).data)

    @extend_schema(request=RetentionRuleIn, responses={200: RetentionRuleOut})
    def post(self, request):
        form = RetentionRuleIn(data=request.data)
        form.is_valid(raise_exception=True)
        data = dict(form.validated_data)
        code = data.pop("document_type")
        document_type = None
        if code:
            document_type = DocumentType.objects.filter(code=code).first()
            if document_type is None:
                raise serializers.ValidationError({"document_type": _("unknown")})
        return Response(RetentionRuleOut(retention_rule_set(actor=request.user, document_type=document_type,
                                                            **data)).data)


class RetentionItems(APIView):
    permission_classes = [IsAdministrator]

    @extend_schema(responses={200: RetentionItemOut(many=True)})
    def get(self, request):
        items = RetentionItem.objects.select_related("rule__document_type")
        if request.query_params.get("decision", "pending") != "all":
            items = items.filter(decision=RetentionItem.Decision.PENDING)
        return Response(RetentionItemOut(items[:1000], many=True).data)


class RetentionItemDecide(APIView):
    permission_classes = [IsAdministrator]

    @extend_schema(request=RetentionDecisionIn, responses={200: RetentionItemOut})
    def post(self, request, pk):
        form = RetentionDecisionIn(data=request.data)
        form.is_valid(raise_exception=True)
        item = retention_decide(actor=request.user, item=get_object_or_404(RetentionItem, pk=pk),
                                **form.validated_data)
        return Response(RetentionItemOut(item).data)


class DeletedDocumentOut(serializers.Serializer):
    id = serializers.IntegerField()
    employee = serializers.CharField(source="employee.nip")
    nama = serializers.CharField(source="employee.nama")
    document_type = serializers.CharField(source="document_type.code")
    deleted_at = serializers.DateTimeField()
    versions = serializers.IntegerField(source="versions.count")


class RestoreIn(serializers.Serializer):
    reason = serializers.CharField(max_length=1000)


class DeletedDocuments(APIView):
    permission_classes = [IsAdministrator]

    @extend_schema(responses={200: DeletedDocumentOut(many=True)})
    def get(self, request):
        return Response(DeletedDocumentOut(documents_deleted()[:500], many=True).data)


class DeletedDocumentRestore(APIView):
    permission_classes = [IsAdministrator]

    @extend_schema(request=RestoreIn, responses={200: DeletedDocumentOut})
    def post(self, request, pk):
        form = RestoreIn(data=request.data)
        form.is_valid(raise_exception=True)
        document = document_restore(actor=request.user, document=get_object_or_404(documents_deleted(), pk=pk),
                                    reason=form.validated_data["reason"])
        return Response(DeletedDocumentOut(document).data)
