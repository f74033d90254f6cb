"""GET /api/v1/audit/ (administrators): newest first, filtered by action, actor, target and date;
/api/v1/audit/export/ gives the same as CSV."""
import csv
import io

import pytest
from django.utils import timezone

from archive.services.audit import audit_record

pytestmark = pytest.mark.django_db


@pytest.fixture
def entries(users):
    audit_record(actor=users["admin"], action="test.alpha", target="a")
    audit_record(actor=users["fasilitator"], action="test.beta", target="b")
    audit_record(actor=None, action="auth.login_failed", target="pegawai", details={"ip": "10.0.0.9"})


def _rows(response):
    assert response.status_code == 200, response.content
    return response.json()["results"]


def test_filters(entries, users, api_client_for):
    client = api_client_for(users["admin"])
    assert [r["action"] for r in _rows(client.get("/api/v1/audit/?action=test.beta"))] == ["test.beta"]
    assert {r["action"] for r in _rows(client.get("/api/v1/audit/?action=test."))} == {"test.alpha", "test.beta"}
    assert [r["target"] for r in _rows(client.get("/api/v1/audit/?actor=fasilitator"))] == ["b"]
    assert [r["details"]["ip"] for r in _rows(client.get("/api/v1/audit/?target=pegawai&action=auth."))] == ["10.0.0.9"]
    today = timezone.localdate().isoformat()
    assert len(_rows(client.get(f"/api/v1/audit/?date_from={today}&date_to={today}"))) >= 3
    assert _rows(client.get("/api/v1/audit/?date_to=2000-01-01")) == []
    rows = _rows(client.get("/api/v1/audit/"))
    assert [r["id"] for r in rows] == sorted((r["id"] for r in rows), reverse=True)
    assert {"previous_hash", "entry_hash", "actor", "at"} <= set(rows[0])


def test_bad_date_answers_400(entries, users, api_client_for):
    response = api_client_for(users["admin"]).get("/api/v1/audit/?date_from=kemarin")
    assert response.status_code == 400 and response.json()["code"] == "invalid"


def test_csv_export(entries, users, api_client_for):
    response = api_client_for(users["admin"]).get("/api/v1/audit/export/?action=test.")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [(r["action"], r["actor"]) for r in rows] == [("test.alpha", "admin"), ("test.beta", "fasilitator")]
