from django.apps import AppConfig


class DeskConfig(AppConfig):
    """Its models keep the `archive` app label (and its tables and migrations): see docs/architecture.md."""

    name = "desk"
    label = "desk"
