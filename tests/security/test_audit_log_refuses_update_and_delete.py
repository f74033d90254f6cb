"""On PostgreSQL the audit table itself refuses UPDATE and DELETE, whoever asks; the API has no
route that edits or deletes an entry."""
import pytest
from django.db import DatabaseError, connection, transaction

from archive.models import AuditEvent
from archive.services.audit import audit_record

pytestmark = pytest.mark.django_db


@pytest.fixture
def entry(users):
    return audit_record(actor=users["admin"], action="test.entry", target="x")


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the trigger exists on PostgreSQL only")
def test_update_is_refused_by_the_database(entry):
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        AuditEvent.objects.filter(pk=entry.pk).update(target="changed")
    entry.refresh_from_db()
    assert entry.target == "x"


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the trigger exists on PostgreSQL only")
def test_delete_is_refused_by_the_database(entry):
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        AuditEvent.objects.filter(pk=entry.pk).delete()
    assert AuditEvent.objects.filter(pk=entry.pk).exists()


def test_the_api_offers_no_way_to_change_an_entry(entry, users, api_client_for):
    client = api_client_for(users["admin"])
    for method in ("post", "put", "patch", "delete"):
        assert getattr(client, method)("/api/v1/audit/", {}, format="json").status_code == 405
        assert getattr(client, method)("/api/v1/audit/export/", {}, format="json").status_code == 405
    assert AuditEvent.objects.filter(pk=entry.pk, target="x").exists()
