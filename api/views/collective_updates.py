"""A collective update after it is proposed (issue 17, maker-checker): read it with its decree, and a second
person approves or returns it as a whole."""
import uuid

from django.http import Http404, HttpResponse
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from api.permissions import IsFasilitatorOrAdministrator
from api.views.data_updates import CollectiveUpdateOut
from desk.models import CollectiveDecree
from desk.selectors import data_updates_visible_to
from desk.services.collective_updates import (collective_decree_content, data_update_collective_approve,
                                                 data_update_collective_return)


def _collective(request, collective: str) -> uuid.UUID:
    """The collective id, when every one of its rows is within the caller's scope (else 404)."""
    try:
        collective_id = uuid.UUID(collective)
    except ValueError:
        raise Http404 from None
    rows = data_updates_visible_to(request.user).filter(collective=collective_id)
    from desk.models import DataUpdate

    total = DataUpdate.objects.filter(collective=collective_id).count()
    if not total or rows.count() != total:
        raise Http404
    return collective_id


def _body(collective_id, rows) -> dict:
    decree = CollectiveDecree.objects.filter(collective=collective_id).first()
    return {"collective": collective_id, "count": len(rows), "results": rows,
            "decree": {"reference_number": decree.reference_number, "sha256": decree.sha256,
                       "filename": decree.original_filename,
                       "uploaded_by": getattr(decree.uploaded_by, "username", None),
                       "uploaded_at": decree.uploaded_at} if decree else None}


class CollectiveOut(CollectiveUpdateOut):
    decree = serializers.DictField(allow_null=True)


class CollectiveReturnIn(serializers.Serializer):
    reason = serializers.CharField(max_length=2000)


class CollectiveDetail(APIView):
    permission_classes = [IsFasilitatorOrAdministrator]

    @extend_schema(responses=CollectiveOut)
    def get(self, request, collective):
        collective_id = _collective(request, collective)
        rows = list(data_updates_visible_to(request.user).filter(collective=collective_id).order_by("pk"))
        return Response(CollectiveOut(_body(collective_id, rows)).data)


class CollectiveApprove(APIView):
    """A second person (never the maker) applies every row, or none."""

    permission_classes = [IsFasilitatorOrAdministrator]

    @extend_schema(request=None, responses=CollectiveOut)
    def post(self, request, collective):
        done = data_update_collective_approve(actor=request.user, collective=_collective(request, collective))
        return Response(CollectiveOut(_body(done.collective, done.updates)).data)


class CollectiveReturn(APIView):
    permission_classes = [IsFasilitatorOrAdministrator]

    @extend_schema(request=CollectiveReturnIn, responses=CollectiveOut)
    def post(self, request, collective):
        collective_id = _collective(request, collective)
        form = CollectiveReturnIn(data=request.data)
        form.is_valid(raise_exception=True)
        done = data_update_collective_return(actor=request.user, collective=collective_id,
                                             reason=form.validated_data["reason"])
        return Response(CollectiveOut(_body(done.collective, done.updates)).data)


class CollectiveDecreeContent(APIView):
    permission_classes = [IsFasilitatorOrAdministrator]

    @extend_schema(responses={(200, "application/pdf"): bytes})
    def get(self, request, collective):
        decree = CollectiveDecree.objects.filter(collective=_collective(request, collective)).first()
        if decree is None:
            raise Http404
        response = HttpResponse(collective_decree_content(decree), content_type=decree.content_type)
        response["Content-Disposition"] = f'inline; filename="sk-kolektif-{decree.pk}"'
        return response
