from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    """Its models keep the `archive` app label (and its tables and migrations): see docs/architecture.md."""

    name = "documents"
    label = "documents"
