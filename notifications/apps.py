from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    """Its models keep the `archive` app label (and its tables and migrations): see docs/architecture.md."""

    name = "notifications"
    label = "notifications"
