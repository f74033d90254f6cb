from django.apps import AppConfig


class IssuingConfig(AppConfig):
    """Its models keep the `archive` app label (and its tables and migrations): see docs/architecture.md."""

    name = "issuing"
    label = "issuing"
