"""Views leave a service's refusal and unreachable storage to the API's one error handler: with
the S3 server unreachable, issuing and downloading answer 503 in Indonesian and nothing half-made
is kept; a refused request (revoking twice) answers 400 naming why, in the same shape."""
import socket

import pytest

from issuing.models import IssuedDocument

pytestmark = [pytest.mark.django_db, pytest.mark.services]


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]  # nothing listens here once the probe is closed


def test_unreachable_storage_answers_503_and_keeps_nothing(issue, s3_settings, api_client_for, users):
    stored = issue()
    assert stored.status_code == 201, stored.json()
    s3_settings.S3_ENDPOINT = f"127.0.0.1:{_closed_port()}"
    admin = api_client_for(users["admin"])

    download = admin.get(f"/api/v1/issued-documents/{stored.json()['id']}/content/")
    assert download.status_code == 503
    assert download.json()["code"] == "service_unavailable" and "coba lagi" in download.json()["detail"]

    before = IssuedDocument.objects.count()
    refused = issue(template="kgb", fields={"gaji_baru": 4123400, "tmt": "2026-04-01"})
    assert refused.status_code == 503 and refused.json()["code"] == "service_unavailable"
    assert IssuedDocument.objects.count() == before


def test_a_refusal_answers_400_with_its_reason(issue, api_client_for, users):
    issued = issue().json()
    admin = api_client_for(users["admin"])
    first = admin.post(f"/api/v1/issued-documents/{issued['id']}/revoke/", {"reason": "Salah tanggal"}, format="json")
    assert first.status_code == 200, first.json()
    again = admin.post(f"/api/v1/issued-documents/{issued['id']}/revoke/", {"reason": "Lagi"}, format="json")
    assert again.status_code == 400
    body = again.json()
    assert body["code"] == "invalid" and body["detail"]
