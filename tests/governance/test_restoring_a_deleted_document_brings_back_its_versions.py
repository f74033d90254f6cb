"""Soft-deleted documents are listed for an administrator and restored with every version they had (their
bytes never left the versioned S3 storage); the retention review lists what reached its end, and an
administrator keeps or destroys it under a recorded decree."""
import datetime as dt

import pytest

from archive.models import AuditEvent
from documents.models import Document
from archive.services.demo import DEMO_PEGAWAI_NIP
from documents.services.upload import version_content

pytestmark = [pytest.mark.services, pytest.mark.django_db]


def test_restoring_a_soft_deleted_document_brings_back_its_versions(s3_settings, users, upload, corpus,
                                                                    api_client_for):
    first = (corpus / "scans-dev" / "scan_000.jpg").read_bytes()
    second = (corpus / "scans-dev" / "scan_002.jpg").read_bytes()
    document_id = upload(users["admin"], first, nip=DEMO_PEGAWAI_NIP, document_type="ktp").json()["id"]
    assert upload(users["admin"], second, nip=DEMO_PEGAWAI_NIP, document_type="ktp").json()["id"] == document_id
    admin = api_client_for(users["admin"])
    assert admin.delete(f"/api/v1/documents/{document_id}/", {"reason": "salah unggah"},
                        format="json").status_code == 204
    assert admin.get(f"/api/v1/documents/{document_id}/").status_code == 404

    assert api_client_for(users["fasilitator"]).get("/api/v1/governance/deleted-documents/").status_code == 403
    listed = admin.get("/api/v1/governance/deleted-documents/").json()
    assert [(row["id"], row["versions"]) for row in listed] == [(document_id, 2)]

    assert admin.post(f"/api/v1/governance/deleted-documents/{document_id}/restore/", {"reason": ""},
                      format="json").status_code == 400
    restored = admin.post(f"/api/v1/governance/deleted-documents/{document_id}/restore/",
                          {"reason": "dihapus keliru"}, format="json")
    assert restored.status_code == 200, restored.content
    detail = admin.get(f"/api/v1/documents/{document_id}/")
    assert detail.status_code == 200
    document = Document.objects.get(pk=document_id)
    assert document.deleted_at is None
    assert [version_content(v) for v in document.versions.order_by("number")] == [first, second]
    content = admin.get(f"/api/v1/documents/{document_id}/content/")
    assert content.status_code == 200 and b"".join(content.streaming_content if content.streaming else
                                                   [content.content]) == second
    event = AuditEvent.objects.get(action="document.restore")
    assert event.actor == users["admin"] and event.details["versions"] == 2
    assert admin.get("/api/v1/governance/deleted-documents/").json() == []


def test_a_document_cannot_come_back_over_its_slots_new_occupant(s3_settings, users, upload, corpus, api_client_for):
    admin = api_client_for(users["admin"])
    old = upload(users["admin"], (corpus / "scans-dev" / "scan_000.jpg").read_bytes(), nip=DEMO_PEGAWAI_NIP,
                 document_type="npwp").json()["id"]
    admin.delete(f"/api/v1/documents/{old}/", {"reason": "x"}, format="json")
    upload(users["admin"], (corpus / "scans-dev" / "scan_002.jpg").read_bytes(), nip=DEMO_PEGAWAI_NIP,
           document_type="npwp")
    assert admin.post(f"/api/v1/governance/deleted-documents/{old}/restore/", {"reason": "coba"},
                      format="json").status_code == 409


def test_retention_review_lists_what_ended_for_a_decision_under_a_decree(s3_settings, users, upload, corpus,
                                                                       api_client_for, settings):
    import time_machine

    from archive.services.scheduler import scheduler_tick
    from governance.tasks import review_retention

    assert "retention-review" in settings.CELERY_BEAT_SCHEDULE
    admin = api_client_for(users["admin"])
    document_id = upload(users["admin"], (corpus / "scans-dev" / "scan_000.jpg").read_bytes(), nip=DEMO_PEGAWAI_NIP,
                         document_type="ktp").json()["id"]
    rule = admin.post("/api/v1/governance/retention/rules/", {"record_kind": "document", "document_type": "ktp",
                                                              "years": 5}, format="json")
    assert rule.status_code == 200, rule.content
    review_retention.apply().get()
    assert admin.get("/api/v1/governance/retention/items/").json() == []  # five years are not over

    # the scheduled duty (embedded scheduler, same schedule as Celery beat) finds it on its 04:00 slot
    wib = dt.timezone(dt.timedelta(hours=7))
    with time_machine.travel(dt.datetime(2026, 12, 10, 3, 0, tzinfo=wib), tick=False):
        scheduler_tick()
    Document.objects.filter(pk=document_id).update(created_at=dt.datetime(2015, 1, 1, tzinfo=dt.timezone.utc))
    with time_machine.travel(dt.datetime(2026, 12, 10, 4, 1, tzinfo=wib), tick=False):
        assert scheduler_tick()["retention-review"] == "1 new item(s) to decide"
    assert review_retention.apply().get() == "0 new item(s) to decide"  # listed once
    [item] = admin.get("/api/v1/governance/retention/items/").json()
    assert item["target"] == f"document:{document_id}" and item["ended_on"] == "2020-01-01"

    assert admin.post(f"/api/v1/governance/retention/items/{item['id']}/decide/", {"decision": "destroy",
                                                                                 "decree": ""},
                      format="json").status_code == 400
    decided = admin.post(f"/api/v1/governance/retention/items/{item['id']}/decide/", {
        "decision": "destroy", "decree": "Keputusan Kepala BKD 800/77/2026"}, format="json")
    assert decided.status_code == 200 and decided.json()["decision"] == "destroy"
    assert Document.objects.get(pk=document_id).deleted_at is not None
    assert AuditEvent.objects.filter(action="retention.destroy", target=f"document:{document_id}",
                                     details__decree="Keputusan Kepala BKD 800/77/2026").exists()
