from django.apps import AppConfig


class PeopleConfig(AppConfig):
    """Its models keep the `archive` app label (and its tables and migrations): see docs/architecture.md."""

    name = "people"
    label = "people"
