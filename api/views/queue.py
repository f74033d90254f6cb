"""The verification queue of a fasilitator (an administrator sees every unit)."""
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, serializers

from api.permissions import IsFasilitatorOrAdministrator
from api.serializers_documents import DocumentSummaryOut
from archive.selectors import document_latest_version
from documents.selectors import queue_flags, verification_queue


class QueueItemOut(DocumentSummaryOut):
    waiting_since = serializers.DateTimeField()
    flags = serializers.SerializerMethodField()

    class Meta(DocumentSummaryOut.Meta):
        fields = ["id", "employee", "document_type", "version", "waiting_since", "legibility", "flags"]

    def get_flags(self, d) -> list:
        request = self.context.get("request")
        return queue_flags(self._latest(d), was_verified=d.was_verified,
                           viewer=request.user if request is not None else None)


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
