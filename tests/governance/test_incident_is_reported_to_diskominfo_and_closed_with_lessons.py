"""Pasal 31: a security incident is recorded and classified, the administrators are notified and the Diskominfo
contact (DISKOMINFO_EMAIL) is emailed after commit; the audit entries that show it are linked; it closes only
with its lessons written down."""
import pytest

from archive.models import AuditEvent
from notifications.models import Notification

pytestmark = pytest.mark.django_db


def test_an_incident_is_recorded_reported_and_closed_with_lessons(users, api_client_for, smtp_server, settings,
                                                                  django_capture_on_commit_callbacks):
    settings.DISKOMINFO_EMAIL = "csirt@kominfo.jatimprov.example.go.id"
    admin = api_client_for(users["admin"])
    suspicious = AuditEvent.objects.order_by("-id").first()
    body = {"title": "Login berulang dari alamat asing", "description": "Ratusan percobaan masuk ke akun admin.",
            "category": "unauthorised_access", "severity": "high", "occurred_at": "2026-12-01T02:00:00+07:00",
            "audit_event_ids": [suspicious.pk]}
    assert api_client_for(users["fasilitator"]).post("/api/v1/governance/incidents/", body,
                                                     format="json").status_code == 403
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        made = admin.post("/api/v1/governance/incidents/", body, format="json")
    assert made.status_code == 201, made.content
    assert smtp_server.messages == []  # nothing leaves before the record is committed
    for callback in callbacks:
        callback()
    [report] = smtp_server.to("csirt@kominfo.jatimprov.example.go.id")
    assert "Login berulang dari alamat asing" in report.subject
    incident = made.json()
    assert incident["diskominfo_notified_to"] == "csirt@kominfo.jatimprov.example.go.id"
    assert Notification.objects.filter(recipient=users["admin"], kind="incident",
                                       target=f"incident:{incident['id']}").exists()
    recorded = AuditEvent.objects.get(action="incident.record", target=f"incident:{incident['id']}")
    assert set(incident["audit_events"]) == {suspicious.pk, recorded.pk}
    assert AuditEvent.objects.filter(action="incident.report", target=f"incident:{incident['id']}").exists()

    close = f"/api/v1/governance/incidents/{incident['id']}/close/"
    assert admin.post(close, {"lessons": ""}, format="json").status_code == 400
    closed = admin.post(close, {"lessons": "Kunci akun setelah 5 kali gagal; wajibkan OTP administrator."},
                        format="json")
    assert closed.status_code == 200 and closed.json()["status"] == "closed"
    assert len(closed.json()["audit_events"]) == 3
    assert admin.post(close, {"lessons": "lagi"}, format="json").status_code == 409
