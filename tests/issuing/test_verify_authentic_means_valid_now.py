"""POST /api/v1/verify/ answers `authentic: true` only for a document valid now: the exact bytes issued,
every signature valid, and in force. A superseded or revoked decree is `authentic: false`, its `status`
saying why — an integrator checking only the flag never accepts it (issue 22)."""
import io

import pytest

pytestmark = pytest.mark.django_db


def _verify(client, pdf: bytes) -> dict:
    upload = io.BytesIO(pdf)
    upload.name = "dokumen.pdf"
    answer = client.post("/api/v1/verify/", {"file": upload}, format="multipart")
    assert answer.status_code == 200, answer.content
    return answer.json()


def test_current_is_authentic_superseded_and_revoked_are_not(issue, users, api_client_for,
                                                              django_capture_on_commit_callbacks):
    admin, anonymous = api_client_for(users["admin"]), api_client_for(None)
    first = issue().json()
    first_pdf = admin.get(f"/api/v1/issued-documents/{first['id']}/content/").content
    assert _verify(anonymous, first_pdf) | {"signatures": None, "document": None} == {
        "authentic": True, "status": "current", "signatures": None, "document": None}

    with django_capture_on_commit_callbacks(execute=True):
        second = admin.post(f"/api/v1/issued-documents/{first['id']}/reissue/",
                            {"fields": {"pangkat_baru": "Penata Tingkat I, III/d", "tmt": "2026-05-01"}},  # TMT corrected
                            format="json").json()
    superseded = _verify(anonymous, first_pdf)
    assert superseded["authentic"] is False and superseded["status"] == "superseded"
    assert superseded["document"]["current_version"] == 2

    with django_capture_on_commit_callbacks(execute=True):
        admin.post(f"/api/v1/issued-documents/{second['id']}/revoke/", {"reason": "Salah golongan"}, format="json")
    revoked = _verify(anonymous, admin.get(f"/api/v1/issued-documents/{second['id']}/content/").content)
    assert revoked["authentic"] is False and revoked["status"] == "revoked"
    assert revoked["document"]["revoked_reason"] == "Salah golongan"
