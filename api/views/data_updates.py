"""Data updates: propose (multipart, with the supporting scan), list, detail, approve, return;
collective update (one change for many NIPs)."""
import uuid

from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework import generics, serializers, status
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from api.params import nip_refused
from api.permissions import IsFasilitatorOrAdministrator
from django.utils.translation import gettext as _
from api.views.documents import _api_error as upload_error
from desk.models import DataUpdate
from people.models import Employee, HistoryEntry
from archive.selectors import employee_get_visible
from desk.selectors import data_updates_visible_to
from desk.services.collective_updates import data_update_collective
from desk.services.data_updates import data_update_approve, data_update_propose, data_update_return
from documents.services.upload import UploadRefused


class DataUpdateIn(serializers.Serializer):
    employee = serializers.CharField(help_text="NIP")
    field = serializers.CharField(required=False, default="", help_text="an employee field, e.g. pendidikan")
    history_entry = serializers.IntegerField(required=False, allow_null=True, help_text="an existing riwayat")
    history_kind = serializers.CharField(required=False, default="", help_text="a new riwayat of this kind")
    value = serializers.CharField()
    effective_date = serializers.CharField(required=False, allow_blank=True, default="")
    reference_number = serializers.CharField(required=False, allow_blank=True, default="")
    document_type = serializers.CharField(required=False, allow_blank=True, default="",
                                          help_text="the scan's type; defaults to the one the target needs")
    file = serializers.FileField()


class DataUpdateOut(serializers.ModelSerializer):
    employee = serializers.CharField(source="employee.nip")
    proposed_by = serializers.CharField(source="proposed_by.username", default=None)
    decided_by = serializers.CharField(source="decided_by.username", default=None)

    class Meta:
        model = DataUpdate
        fields = ["id", "employee", "field", "history_entry", "history_kind", "value", "previous_value", "document",
                  "owner", "collective", "status", "reason", "proposed_by", "proposed_at", "decided_by", "decided_at"]


class DataUpdateListCreate(generics.ListAPIView):
    """GET: updates in scope (?status=proposed&owner=agency|bkd). POST: propose a change with its supporting scan."""

    serializer_class = DataUpdateOut
    parser_classes = [MultiPartParser, FormParser]

    def get_queryset(self):
        updates = data_updates_visible_to(self.request.user)
        if wanted := self.request.query_params.get("status"):
            updates = updates.filter(status=wanted)
        if owner := self.request.query_params.get("owner"):  # agency | bkd: whose decision it awaits
            updates = updates.filter(owner=owner)
        if collective := self.request.query_params.get("collective"):  # the rows of one collective update
            try:
                updates = updates.filter(collective=uuid.UUID(collective))
            except ValueError:
                raise ValidationError({"collective": _("not a UUID")}) from None
        return updates.order_by("-proposed_at", "-id")

    @extend_schema(request={"multipart/form-data": DataUpdateIn}, responses={201: DataUpdateOut})
    def post(self, request):
        form = DataUpdateIn(data=request.data)
        form.is_valid(raise_exception=True)
        data = form.validated_data
        try:
            employee = employee_get_visible(request.user, data["employee"])
        except Employee.DoesNotExist:
            nip_refused(data["employee"])
            raise NotFound(_("No employee with NIP %(nip)s within your access.") % {
                "nip": data["employee"]}) from None
        entry = None
        if data.get("history_entry") is not None:
            entry = HistoryEntry.objects.filter(pk=data["history_entry"], employee=employee).first()
            if entry is None:
                raise ValidationError({"history_entry": _("That history entry does not belong to this employee.")})
        try:
            update = data_update_propose(
                actor=request.user, employee=employee, stream=data["file"], filename=data["file"].name,
                field=data["field"], history_entry=entry, history_kind=data["history_kind"], value=data["value"],
                effective_date=data["effective_date"] or None, reference_number=data["reference_number"],
                document_type=data["document_type"])
        except UploadRefused as refusal:
            raise upload_error(refusal) from None
        return Response(DataUpdateOut(update).data, status=status.HTTP_201_CREATED)


def _visible(request, pk) -> DataUpdate:
    update = data_updates_visible_to(request.user).filter(pk=pk).first()
    if update is None:
        raise Http404
    return update


class DataUpdateDetail(generics.RetrieveAPIView):
    serializer_class = DataUpdateOut

    def get_object(self):
        return _visible(self.request, self.kwargs["pk"])


class DataUpdateApprove(APIView):
    permission_classes = [IsFasilitatorOrAdministrator]

    @extend_schema(request=None, responses={200: DataUpdateOut})
    def post(self, request, pk):
        update = data_update_approve(actor=request.user, update=_visible(request, pk))
        return Response(DataUpdateOut(update).data)


class DataUpdateReturnIn(serializers.Serializer):
    reason = serializers.CharField()


class DataUpdateReturn(APIView):
    permission_classes = [IsFasilitatorOrAdministrator]

    @extend_schema(request=DataUpdateReturnIn, responses={200: DataUpdateOut})
    def post(self, request, pk):
        update = _visible(request, pk)  # scope first: an outsider learns nothing, not even what is missing
        form = DataUpdateReturnIn(data=request.data)
        form.is_valid(raise_exception=True)
        update = data_update_return(actor=request.user, update=update, reason=form.validated_data["reason"])
        return Response(DataUpdateOut(update).data)


class CollectiveUpdateIn(serializers.Serializer):
    nips = serializers.ListField(child=serializers.CharField(), allow_empty=False, max_length=1000)
    field = serializers.CharField(required=False, default="", help_text="an employee field, e.g. jabatan")
    history_kind = serializers.CharField(required=False, default="", help_text="a new riwayat of this kind")
    value = serializers.CharField()
    effective_date = serializers.CharField(required=False, allow_blank=True, default="")
    reference_number = serializers.CharField(help_text="the collective decree (nomor SK)")
    decree = serializers.FileField(required=False, help_text="the scanned decree (PDF or photo); required")


class CollectiveUpdateOut(serializers.Serializer):
    collective = serializers.UUIDField()
    count = serializers.IntegerField()
    results = DataUpdateOut(many=True)


class DataUpdateCollective(APIView):
    """Propose one change for many NIPs (fasilitator: their units; administrator: all), multipart with the
    scanned `decree`. All or nothing: a 400 names every NIP not found in scope (`not_found`) or not valid
    (`invalid`), and nothing is proposed. The rows wait, `proposed`, for a second person's approval
    (POST .../collective/{collective}/approve/)."""

    permission_classes = [IsFasilitatorOrAdministrator]
    parser_classes = [MultiPartParser, FormParser, JSONParser]

    @extend_schema(request=CollectiveUpdateIn, responses={201: CollectiveUpdateOut})
    def post(self, request):
        form = CollectiveUpdateIn(data=request.data)
        form.is_valid(raise_exception=True)
        data = form.validated_data
        done = data_update_collective(actor=request.user, nips=data["nips"], field=data["field"],
                                      history_kind=data["history_kind"], value=data["value"],
                                      effective_date=data["effective_date"] or None,
                                      reference_number=data["reference_number"], decree=data.get("decree"),
                                      decree_filename=getattr(data.get("decree"), "name", ""))
        body = {"collective": done.collective, "count": len(done.updates), "results": done.updates}
        return Response(CollectiveUpdateOut(body).data, status=status.HTTP_201_CREATED)
