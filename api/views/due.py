"""Due lists: who is due for a periodic increase, a promotion, retirement, PNS, or a complete file."""
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from people.selectors_due import DUE_KINDS, due_items

MAX_DAYS = 3650


class DueItemOut(serializers.Serializer):
    employee = serializers.SerializerMethodField()
    kind = serializers.CharField()
    due_on = serializers.DateField(allow_null=True)
    overdue = serializers.BooleanField()
    detail = serializers.CharField()
    service = serializers.CharField(help_text="the service that settles it (blank: upload the documents)")
    service_request = serializers.IntegerField(allow_null=True, help_text="the employee's open request for it")

    def get_employee(self, item) -> dict:
        e = item.employee
        return {"nip": e.nip, "nama": e.nama, "unit": e.unit.code, "golongan": e.golongan}


class DueListOut(serializers.Serializer):
    count = serializers.IntegerField()
    results = DueItemOut(many=True)


class DueList(APIView):
    """Scoped by role: an employee their own items, a fasilitator their units', an administrator all.
    `within_days` (default 90) bounds dated items; overdue ones are always listed."""

    @extend_schema(parameters=[OpenApiParameter("kind", enum=list(DUE_KINDS)),
                               OpenApiParameter("within_days", int, description=f"0 to {MAX_DAYS}, default 90")],
                   responses={200: DueListOut})  # issue 22: the schema says what the answer is
    def get(self, request):
        kind = request.query_params.get("kind") or None
        if kind is not None and kind not in DUE_KINDS:
            raise ValidationError({"kind": _("one of: %(kinds)s") % {"kinds": ", ".join(DUE_KINDS)}})
        raw = request.query_params.get("within_days", "90")
        if not raw.isascii() or not raw.isdigit() or int(raw) > MAX_DAYS:
            raise ValidationError({"within_days": _("a whole number of days from 0 to %(max)s") % {"max": MAX_DAYS}})
        items = due_items(request.user, kind=kind, within_days=int(raw))
        return Response({"count": len(items), "results": DueItemOut(items, many=True).data})
