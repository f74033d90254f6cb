"""An uploaded scan is stored byte for byte, hashed, and read back integrity-checked;
the pipeline carries it to a final state with legibility, fields and a preview."""
import hashlib

import pytest

from documents.models import DocumentVersion

pytestmark = pytest.mark.django_db


def test_upload_stores_original_and_pipeline_reaches_awaiting_verification(users, upload, corpus,
                                                                           employee_of_scan, api_client_for):
    employee = employee_of_scan("scan_000.jpg")
    content = (corpus / "scans-dev" / "scan_000.jpg").read_bytes()
    response = upload(users["fasilitator"], content, nip=employee.nip, filename="../../etc/passwd.jpg")
    assert response.status_code == 201, response.content
    created = response.json()
    assert created["sha256"] == hashlib.sha256(content).hexdigest()
    assert created["version"] == 1

    client = api_client_for(users["fasilitator"])
    detail = client.get(f"/api/v1/documents/{created['id']}/").json()
    assert detail["status"] == "awaiting_verification", detail["processing_log"]
    assert detail["legibility"]["legible"] is True
    assert detail["field_checks"]["nip"] == "match"
    assert [e["step"] for e in detail["processing_log"]][:3] == ["store", "load", "ocr"]
    assert detail["versions"][0]["filename"] == "passwd.jpg"  # display only, never a path

    content_response = client.get(f"/api/v1/documents/{created['id']}/content/")
    assert content_response.status_code == 200
    assert b"".join(content_response.streaming_content) == content
    assert content_response["Content-Disposition"].startswith("attachment")
    assert content_response["X-Content-Type-Options"] == "nosniff"

    version = DocumentVersion.objects.get(document_id=created["id"])
    assert version.content_type == "image/jpeg" and version.thumbnail_key and version.perceptual_hash
    assert "passwd" not in version.object_key


def test_illegible_scan_ends_in_needs_rescan_with_reasons(users, upload, corpus, employee_of_scan):
    employee = employee_of_scan("scan_005.jpg")
    content = (corpus / "scans-dev" / "scan_005.jpg").read_bytes()
    response = upload(users["admin"], content, nip=employee.nip, filename="scan_005.jpg")
    assert response.status_code == 201
    version = DocumentVersion.objects.get(document_id=response.json()["id"])
    assert version.status == "needs_rescan"
    assert version.legibility["reasons"] and all(r["message_id"] for r in version.legibility["reasons"])


def test_broken_pdf_fails_with_a_clear_error(users, upload, corpus, employee_of_scan):
    employee = employee_of_scan("scan_000.jpg")
    content = (corpus / "real" / "invalid.pdf").read_bytes()
    response = upload(users["admin"], content, nip=employee.nip, filename="invalid.pdf")
    assert response.status_code == 201  # stored first: the original is kept even when unreadable
    version = DocumentVersion.objects.get(document_id=response.json()["id"])
    assert version.status == "failed"
    assert version.error["code"] and version.error["message"]
