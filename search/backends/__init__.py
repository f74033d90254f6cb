"""The one place that chooses the search back end: `settings.SEARCH_BACKEND`.

`database` (the default) answers with the database in use — PostgreSQL full text or SQLite
FTS5; `elasticsearch` with the server at `settings.ELASTICSEARCH_URL`.
"""
from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import connection

from search.backends.base import SearchBackend


def get_backend() -> SearchBackend:
    """A back end for this call (cheap; the Elasticsearch client itself is shared)."""
    choice = getattr(settings, "SEARCH_BACKEND", "database") or "database"
    if choice == "database":
        if connection.vendor == "postgresql":
            from search.backends.database_postgres import PostgresBackend

            return PostgresBackend()
        if connection.vendor == "sqlite":
            from search.backends.database_sqlite import SqliteBackend

            return SqliteBackend()
        raise ImproperlyConfigured(f"Database search needs PostgreSQL or SQLite, not {connection.vendor}.")
    if choice == "elasticsearch":
        from search.backends.elasticsearch import ElasticsearchBackend

        return ElasticsearchBackend.from_settings()
    raise ImproperlyConfigured(f"SEARCH_BACKEND must be 'database' or 'elasticsearch', not {choice!r}.")
