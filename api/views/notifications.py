"""The caller's own notifications, newest first (?unread=1); mark one read."""
from django.http import Http404
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from notifications.models import Notification
from desk.selectors import notifications_for
from notifications.services.notifications import notification_mark_read


class NotificationOut(serializers.ModelSerializer):
    class Meta:
        model = Notification
        fields = ["id", "kind", "message", "target", "created_at", "read_at"]


class NotificationList(generics.ListAPIView):
    serializer_class = NotificationOut

    def get_queryset(self):
        notifications = notifications_for(self.request.user)
        if self.request.query_params.get("unread") in ("1", "true"):
            notifications = notifications.filter(read_at__isnull=True)
        return notifications.order_by("-created_at", "-id")

    @extend_schema(parameters=[OpenApiParameter("unread", bool)])
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


class NotificationRead(APIView):
    @extend_schema(request=None, responses={200: NotificationOut})
    def post(self, request, pk):
        notification = notifications_for(request.user).filter(pk=pk).first()
        if notification is None:
            raise Http404
        return Response(NotificationOut(notification_mark_read(actor=request.user, notification=notification)).data)
