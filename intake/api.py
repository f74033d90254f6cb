"""Paper intake over the API: separator sheets to print, scanned stacks in, parts filed or assigned."""
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.exceptions import ValidationError
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from api.permissions import IsFasilitatorOrAdministrator as IsStaff
from intake.models import IntakeBatch, IntakePart
from intake.selectors import intake_batches_visible_to
from intake.services import intake_batch_create, intake_part_assign
from intake.sheets_selectors import separator_slots
from intake.sheets import separator_sheets_pdf


class IntakePartOut(serializers.ModelSerializer):
    pages = serializers.SerializerMethodField()
    employee = serializers.SerializerMethodField()
    document_type = serializers.SerializerMethodField()
    document = serializers.PrimaryKeyRelatedField(read_only=True)

    class Meta:
        model = IntakePart
        fields = ["index", "pages", "employee", "document_type", "confidence", "source", "status", "reason",
                  "document"]

    def get_pages(self, part) -> list[int]:
        return [part.first_page, part.last_page]

    def get_employee(self, part) -> dict | None:
        e = part.employee
        return {"nip": e.nip, "nama": e.nama} if e else None

    def get_document_type(self, part) -> str | None:
        return part.document_type.code if part.document_type else None


class IntakeBatchOut(serializers.ModelSerializer):
    parts = IntakePartOut(many=True, read_only=True)
    filed = serializers.SerializerMethodField()
    waiting = serializers.SerializerMethodField()

    class Meta:
        model = IntakeBatch
        fields = ["id", "status", "original_filename", "source", "pages", "pages_read", "filed", "waiting", "error",
                  "created_at", "finished_at", "parts"]

    def get_filed(self, batch) -> int:
        return sum(1 for p in batch.parts.all() if p.status == IntakePart.Status.FILED)

    def get_waiting(self, batch) -> int:
        return sum(1 for p in batch.parts.all() if p.status == IntakePart.Status.REVIEW)


class IntakeBatchIn(serializers.Serializer):
    file = serializers.FileField(help_text="a scanned stack: multi-page PDF or TIFF, or a ZIP of page images")


class IntakeBatchList(APIView):
    """GET: the caller's batches (administrators: all). POST: a scanned stack, split after commit."""

    permission_classes = [IsStaff]
    parser_classes = [MultiPartParser, FormParser]

    @extend_schema(responses={200: IntakeBatchOut(many=True)})
    def get(self, request):
        batches = intake_batches_visible_to(request.user).prefetch_related("parts")[:100]
        return Response(IntakeBatchOut(batches, many=True).data)

    @extend_schema(request={"multipart/form-data": IntakeBatchIn}, responses={201: IntakeBatchOut})
    def post(self, request):
        form = IntakeBatchIn(data=request.data)
        form.is_valid(raise_exception=True)
        upload = form.validated_data["file"]
        batch = intake_batch_create(uploader=request.user, stream=upload, filename=upload.name or "")
        batch.refresh_from_db()
        return Response(IntakeBatchOut(batch).data, status=status.HTTP_201_CREATED)


class IntakeBatchDetail(APIView):
    permission_classes = [IsStaff]

    @extend_schema(responses={200: IntakeBatchOut})
    def get(self, request, pk):
        return Response(IntakeBatchOut(get_object_or_404(intake_batches_visible_to(request.user), pk=pk)).data)


class IntakeAssignIn(serializers.Serializer):
    employee = serializers.CharField(help_text="NIP")
    document_type = serializers.CharField()


class IntakePartAssign(APIView):
    """A part waiting for review is filed into the slot the fasilitator chooses (in their units)."""

    permission_classes = [IsStaff]

    @extend_schema(request=IntakeAssignIn, responses={200: IntakePartOut})
    def post(self, request, pk, index):
        batch = get_object_or_404(intake_batches_visible_to(request.user), pk=pk)
        part = get_object_or_404(batch.parts, index=index)
        form = IntakeAssignIn(data=request.data)
        form.is_valid(raise_exception=True)
        filed = intake_part_assign(actor=request.user, part=part, employee_nip=form.validated_data["employee"],
                                   document_type_code=form.validated_data["document_type"])
        return Response(IntakePartOut(filed).data)


class SeparatorSheets(APIView):
    """A printable PDF: one separator sheet per slot. `employee` (NIP) with `document_type`: one sheet;
    `employee` alone or `unit` (code): a sheet for each core document still missing there."""

    permission_classes = [IsStaff]

    @extend_schema(parameters=[OpenApiParameter("employee", str), OpenApiParameter("document_type", str),
                               OpenApiParameter("unit", str)],
                   responses={(200, "application/pdf"): bytes})
    def get(self, request):
        params = request.query_params
        if not params.get("employee") and not params.get("unit"):
            raise ValidationError({"employee": _("Give an employee (NIP) or a unit (code).")})
        slots = separator_slots(request.user, nip=params.get("employee", ""), unit=params.get("unit", ""),
                                document_type=params.get("document_type", ""))
        if not slots:
            raise ValidationError({"employee": _("No slot to print: nothing missing, or nobody in your units.")})
        response = HttpResponse(separator_sheets_pdf(slots), content_type="application/pdf")
        response["Content-Disposition"] = 'inline; filename="lembar-pemisah.pdf"'
        return response
