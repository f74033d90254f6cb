"""The civil service's calendar: holidays and cuti bersama, which annual leave does not count."""
import datetime as dt

from django.core.exceptions import ValidationError as DjangoValidationError
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.exceptions import ValidationError
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from api.permissions import IsAdministrator
from people.models import Holiday
from people.selectors_calendar import calendar_year, days_off_between
from people.services.calendar import holiday_record, holiday_remove


class DayOffOut(serializers.Serializer):
    date = serializers.DateField(source="day")
    name = serializers.CharField()
    kind = serializers.ChoiceField(choices=Holiday.Kind.choices)
    fixed = serializers.BooleanField(help_text="a national holiday on this date every year (not recorded here)")
    reduces_annual_leave = serializers.BooleanField()


class HolidayIn(serializers.Serializer):
    date = serializers.DateField()
    name = serializers.CharField(max_length=120)
    kind = serializers.ChoiceField(choices=Holiday.Kind.choices, default=Holiday.Kind.NATIONAL)
    reduces_annual_leave = serializers.BooleanField(default=False)


class HolidayList(APIView):
    """GET: a year's days off (anyone signed in; `?year=`, default this year), fixed national holidays included.
    POST: an administrator records a day (the year's moving holidays and cuti bersama, from the SKB)."""

    def get_permissions(self):
        return [IsAuthenticated(), IsAdministrator()] if self.request.method == "POST" else [IsAuthenticated()]

    @extend_schema(parameters=[OpenApiParameter("year", int)], responses={200: DayOffOut(many=True)})
    def get(self, request):
        text = request.query_params.get("year")
        year = calendar_year(text) if text else timezone.localdate().year
        if year is None:
            raise ValidationError({"year": _("a year such as %(year)s") % {"year": timezone.localdate().year}})
        return Response(DayOffOut(days_off_between(dt.date(year, 1, 1), dt.date(year, 12, 31)), many=True).data)

    @extend_schema(request=HolidayIn, responses={201: DayOffOut})
    def post(self, request):
        form = HolidayIn(data=request.data)
        form.is_valid(raise_exception=True)
        data = form.validated_data
        try:
            holiday = holiday_record(actor=request.user, day=data["date"], name=data["name"], kind=data["kind"],
                                     reduces_annual_leave=data["reduces_annual_leave"])
        except DjangoValidationError as exc:
            raise ValidationError({"date" if k == "day" else k: " ".join(v) for k, v in exc.message_dict.items()}
                                  ) from None
        [day] = days_off_between(holiday.day, holiday.day)
        return Response(DayOffOut(day).data, status=status.HTTP_201_CREATED)


class HolidayDetail(APIView):
    permission_classes = [IsAuthenticated, IsAdministrator]

    @extend_schema(responses={204: None})
    def delete(self, request, day):
        """A recorded day (YYYY-MM-DD); the fixed national holidays cannot be removed (404)."""
        try:
            day = dt.date.fromisoformat(day)
        except ValueError:
            raise ValidationError({"date": _("date %(text)r not understood; write YYYY-MM-DD, e.g. 2026-09-30") % {
                "text": day}}) from None
        holiday_remove(actor=request.user, holiday=get_object_or_404(Holiday, day=day))
        return Response(status=status.HTTP_204_NO_CONTENT)
