"""The notification inbox: newest first, unread marked; opening one marks it read and goes where it points."""
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render

from notifications.models import Notification
from notifications.services.notifications import notification_link, notification_mark_read


@login_required
def inbox_page(request):
    notifications = Notification.objects.filter(recipient=request.user).order_by("-created_at", "-id")
    page = Paginator(notifications, 25).get_page(request.GET.get("page"))
    return render(request, "notifications/inbox.html", {"page": page})


@login_required
def notification_open(request, pk):
    """POST: mark it read and go to what it is about."""
    notification = get_object_or_404(Notification, pk=pk, recipient=request.user)
    if request.method == "POST":
        notification_mark_read(actor=request.user, notification=notification)
        if request.POST.get("go"):
            from urllib.parse import urlparse

            return redirect(urlparse(notification_link(notification)).path or "/")
    return redirect("inbox")
