"""What every page's header needs: the user's role (for the navigation) and their unread notifications."""
from notifications.models import Notification
from archive.selectors import user_role


def navigation(request) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"nav_role": user_role(user),
            "unread_notifications": Notification.objects.filter(recipient=user, read_at__isnull=True).count()}
