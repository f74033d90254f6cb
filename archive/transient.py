"""Errors a Celery task retries rather than records: the object storage or the database was briefly away."""
from django.db import InterfaceError, OperationalError

from documents.storage import StorageUnavailable

TRANSIENT = (StorageUnavailable, OperationalError, InterfaceError)
