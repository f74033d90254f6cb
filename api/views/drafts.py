"""Drafts awaiting an administrator: list, detail, issue (signs it), discard."""
from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework import generics, serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from api.permissions import IsAdministrator
from issuing.models import IssueDraft
from desk.selectors import issue_drafts_visible_to
from issuing.services.drafts import issue_draft_discard, issue_draft_issue


class DraftOut(serializers.ModelSerializer):
    employee = serializers.SerializerMethodField()
    document = serializers.SerializerMethodField()
    issued_document = serializers.SerializerMethodField()

    class Meta:
        model = IssueDraft
        fields = ["id", "template", "employee", "fields", "status", "document", "issued_document",
                  "discard_reason", "created_at", "decided_at"]

    def get_employee(self, draft) -> dict:
        return {"nip": draft.employee.nip, "nama": draft.employee.nama, "unit": draft.employee.unit.code}

    def get_document(self, draft) -> dict | None:
        decision = draft.decision
        if decision is None:
            return None
        return {"id": decision.version.document_id, "version": decision.version.number,
                "decision": decision.decision, "note": decision.note}

    def get_issued_document(self, draft) -> dict | None:
        issued = draft.issued_document
        return {"id": issued.pk, "number": issued.number, "status": issued.status} if issued else None


class DraftList(generics.ListAPIView):
    """Administrator: drafts, newest first (?status=draft|issued|discarded, ?template=)."""

    permission_classes = [IsAdministrator]
    serializer_class = DraftOut

    def get_queryset(self):
        drafts = issue_drafts_visible_to(self.request.user)
        if wanted := self.request.query_params.get("status"):
            drafts = drafts.filter(status=wanted)
        if template := self.request.query_params.get("template"):
            drafts = drafts.filter(template=template)
        return drafts.order_by("-created_at", "-id")


def _draft(request, pk) -> IssueDraft:
    draft = issue_drafts_visible_to(request.user).filter(pk=pk).first()
    if draft is None:
        raise Http404
    return draft


class DraftDetail(generics.RetrieveAPIView):
    permission_classes = [IsAdministrator]
    serializer_class = DraftOut

    def get_object(self):
        return _draft(self.request, self.kwargs["pk"])


class DraftIssueIn(serializers.Serializer):
    fields = serializers.DictField(required=False, default=dict, help_text="edited fields, e.g. alasan")


class DraftIssue(APIView):
    permission_classes = [IsAdministrator]

    @extend_schema(request=DraftIssueIn, responses={200: DraftOut})
    def post(self, request, pk):
        form = DraftIssueIn(data=request.data)
        form.is_valid(raise_exception=True)
        draft = issue_draft_issue(actor=request.user, draft=_draft(request, pk),
                                  fields=form.validated_data["fields"])
        return Response(DraftOut(draft).data)


class DraftDiscardIn(serializers.Serializer):
    reason = serializers.CharField()


class DraftDiscard(APIView):
    permission_classes = [IsAdministrator]

    @extend_schema(request=DraftDiscardIn, responses={200: DraftOut})
    def post(self, request, pk):
        form = DraftDiscardIn(data=request.data)
        form.is_valid(raise_exception=True)
        draft = issue_draft_discard(actor=request.user, draft=_draft(request, pk),
                                    reason=form.validated_data["reason"])
        return Response(DraftOut(draft).data)
