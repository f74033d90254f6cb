"""The verification queue of a fasilitator (an administrator sees every unit)."""
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, serializers

from api.permissions import IsFasilitatorOrAdministrator
from archive.models import Document
from archive.selectors import document_latest_version
from archive.selectors_queue import queue_flags, verification_queue


class QueueItemOut(serializers.ModelSerializer):
    employee = serializers.SerializerMethodField()
    document_type = serializers.SerializerMethodField()
    version = serializers.SerializerMethodField()
    waiting_since = serializers.DateTimeField()
    legibility = serializers.SerializerMethodField()
    flags = serializers.SerializerMethodField()

    class Meta:
        model = Document
        fields = ["id", "employee", "document_type", "version", "waiting_since", "legibility", "flags"]

    def _latest(self, document):
        cache = self.context.setdefault("_latest", {})
        if document.pk not in cache:
            cache[document.pk] = document_latest_version(document)
        return cache[document.pk]

    def get_employee(self, d) -> dict:
        return {"nip": d.employee.nip, "nama": d.employee.nama, "unit": d.employee.unit.code}

    def get_document_type(self, d) -> dict:
        return {"code": d.document_type.code, "name": d.document_type.name}

    def get_version(self, d) -> int:
        return self._latest(d).number

    def get_legibility(self, d) -> dict:
        return self._latest(d).legibility

    def get_flags(self, d) -> list:
        return queue_flags(self._latest(d), was_verified=d.was_verified)


class VerificationQueue(generics.ListAPIView):
    """Scans awaiting verification in the caller's units, oldest first, with flags (?unit=CODE, ?flag=CODE)."""

    permission_classes = [IsFasilitatorOrAdministrator]
    serializer_class = QueueItemOut

    def get_queryset(self):
        return verification_queue(self.request.user, unit=self.request.query_params.get("unit"))

    @extend_schema(parameters=[OpenApiParameter("unit", str), OpenApiParameter("flag", str)])
    def get(self, request, *args, **kwargs):
        wanted = request.query_params.get("flag")
        if not wanted:
            return super().get(request, *args, **kwargs)
        # Flags are computed per version; filter after, on a bounded queue page.
        queryset = self.get_queryset()
        kept = [d for d in queryset[:1000]
                if any(f["code"] == wanted for f in queue_flags(document_latest_version(d), was_verified=d.was_verified))]
        page = self.paginate_queryset(kept)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)
