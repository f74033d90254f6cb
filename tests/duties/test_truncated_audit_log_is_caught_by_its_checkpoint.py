"""Deleting the newest audit entries (as a database superuser can, around the append-only trigger)
leaves a chain that verifies from its start; the checkpoint kept in object storage catches it."""
import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from archive.models import AuditEvent
from archive.services.audit import audit_record
from documents.services.integrity import (audit_checkpoint_latest, checkpoint_timestamped_at,
                                        integrity_check_and_alert)

pytestmark = pytest.mark.django_db


def test_deleting_the_newest_entries_is_reported(demo, users, signing_settings):
    for n in range(5):
        audit_record(actor=users["admin"], action="test.entry", target=f"uji:{n}")
    assert integrity_check_and_alert().startswith("ok")  # writes the checkpoint, timestamped by the TSA
    checkpoint = audit_checkpoint_latest()
    assert checkpoint["last_id"] == AuditEvent.objects.order_by("-id").first().pk
    assert checkpoint_timestamped_at(checkpoint) is not None
    assert checkpoint_timestamped_at({**checkpoint, "entries": checkpoint["entries"] + 1}) is None
    call_command("verify_audit_chain")
    newest = AuditEvent.objects.order_by("-id").values_list("id", flat=True)[:2]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET session_replication_role = replica")  # a superuser's way around triggers
        cursor.execute("DELETE FROM archive_auditevent WHERE id IN (%s, %s)", list(newest))
        if connection.vendor == "postgresql":
            cursor.execute("SET session_replication_role = origin")
    with pytest.raises(CommandError, match="truncated"):
        call_command("verify_audit_chain")
    outcome = integrity_check_and_alert()
    assert outcome.startswith("FAILED") and "no longer reaches its checkpoint" in outcome
    from notifications.models import Notification

    assert Notification.objects.filter(recipient=users["admin"], kind="integrity.failed").exists()
