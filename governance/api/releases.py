"""Statistics releases: an administrator prepares a dated snapshot and approves (or withdraws) it."""
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from api.permissions import IsAdministrator
from governance.models import StatisticsRelease
from governance.services.releases import (statistics_release_approve, statistics_release_prepare,
                                          statistics_release_withdraw)
from reports.statistics import UnknownValue, statistics_day


class StatisticsReleaseOut(serializers.ModelSerializer):
    prepared_by = serializers.CharField(source="prepared_by.username", allow_null=True, default=None)
    approved_by = serializers.CharField(source="approved_by.username", allow_null=True, default=None)

    class Meta:
        model = StatisticsRelease
        fields = ["id", "as_of", "status", "min_cell", "fingerprint", "prepared_by", "prepared_at", "approved_by",
                  "approved_at", "note", "withdrawn_reason"]


class StatisticsReleaseIn(serializers.Serializer):
    as_of = serializers.CharField(required=False, allow_blank=True, help_text="today (default) or a past month end")


class ReleaseApproveIn(serializers.Serializer):
    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=2000)


class ReleaseWithdrawIn(serializers.Serializer):
    reason = serializers.CharField(max_length=2000)


class StatisticsReleaseListCreate(APIView):
    permission_classes = [IsAdministrator]

    @extend_schema(responses={200: StatisticsReleaseOut(many=True)})
    def get(self, request):
        releases = StatisticsRelease.objects.select_related("prepared_by", "approved_by")[:100]
        return Response(StatisticsReleaseOut(releases, many=True).data)

    @extend_schema(request=StatisticsReleaseIn, responses={201: StatisticsReleaseOut})
    def post(self, request):
        form = StatisticsReleaseIn(data=request.data)
        form.is_valid(raise_exception=True)
        try:
            day = statistics_day(form.validated_data.get("as_of") or None)
        except UnknownValue as exc:
            raise ValidationError(exc.errors) from None
        release = statistics_release_prepare(actor=request.user, as_of=day)
        return Response(StatisticsReleaseOut(release).data, status=status.HTTP_201_CREATED)


class StatisticsReleaseApprove(APIView):
    permission_classes = [IsAdministrator]

    @extend_schema(request=ReleaseApproveIn, responses={200: StatisticsReleaseOut})
    def post(self, request, pk):
        form = ReleaseApproveIn(data=request.data)
        form.is_valid(raise_exception=True)
        release = statistics_release_approve(actor=request.user, release=get_object_or_404(StatisticsRelease, pk=pk),
                                             note=form.validated_data["note"])
        return Response(StatisticsReleaseOut(release).data)


class StatisticsReleaseWithdraw(APIView):
    permission_classes = [IsAdministrator]

    @extend_schema(request=ReleaseWithdrawIn, responses={200: StatisticsReleaseOut})
    def post(self, request, pk):
        form = ReleaseWithdrawIn(data=request.data)
        form.is_valid(raise_exception=True)
        release = statistics_release_withdraw(actor=request.user, release=get_object_or_404(StatisticsRelease, pk=pk),
                                              reason=form.validated_data["reason"])
        return Response(StatisticsReleaseOut(release).data)
