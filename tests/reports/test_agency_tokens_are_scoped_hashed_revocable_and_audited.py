"""Tokens for other agencies' systems: an administrator makes one with scopes and sees it once; only
its hash is kept; each endpoint checks its scope (403 without it), a token for agency A cannot read
agency B (404), a revoked token is refused (401), and every use is audited."""
import hashlib

import pytest

from archive.models import AuditEvent
from people.models import Employee
from reports.models import AgencyToken

pytestmark = pytest.mark.django_db

EXPIRES = "2999-12-31T00:00:00+07:00"


@pytest.fixture
def make_token(users, api_client_for):
    admin = api_client_for(users["admin"])

    def make(*scopes):
        # Every token rests on an agreement with an expiry (issue 25); this one's legal basis covers the
        # agencies' employees without individual consent (tests/governance covers consent).
        response = admin.post("/api/v1/agency-tokens/", {
            "name": "SIMPEG Kabupaten Sidoarjo", "scopes": list(scopes), "recipient": "SIMPEG-SIDOARJO",
            "purpose": "rekonsiliasi", "agreement_reference": "PKS 800/12/2026", "expires_at": EXPIRES,
            "legal_basis": "PP 11/2017 Pasal 159 (sistem informasi ASN terintegrasi)"}, format="json")
        assert response.status_code == 201, response.content
        return response.json()

    return make


def _as(client, key):
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {key}")
    return client


def test_token_is_shown_once_and_kept_hashed(users, api_client_for, make_token):
    made = make_token("statistics:read")
    stored = AgencyToken.objects.get(pk=made["id"])
    assert stored.key_hash == hashlib.sha256(made["token"].encode()).hexdigest()
    assert made["token"] not in str(AgencyToken.objects.filter(pk=made["id"]).values().get())
    listed = api_client_for(users["admin"]).get("/api/v1/agency-tokens/").json()
    assert [t["prefix"] for t in listed] == [made["prefix"]] and "token" not in listed[0]
    assert api_client_for(users["fasilitator"]).post("/api/v1/agency-tokens/", {"name": "x", "scopes": [
        "statistics:read"]}, format="json").status_code == 403
    bad = api_client_for(users["admin"]).post("/api/v1/agency-tokens/", {
        "name": "x", "scopes": ["employees:read:*"], "recipient": "X", "purpose": "y", "agreement_reference": "PKS 1",
        "expires_at": EXPIRES}, format="json")
    assert bad.status_code == 400


def test_each_endpoint_checks_its_scope(make_token, client):
    from rest_framework.test import APIClient

    from tests.support.statistics import publish_statistics

    publish_statistics()
    statistics_only = _as(APIClient(), make_token("statistics:read")["token"])
    assert statistics_only.get("/api/v1/statistics/employees/", {"by": "agency"}).status_code == 200
    assert statistics_only.get("/api/v1/reconciliation/export/").status_code == 403
    assert statistics_only.get("/api/v1/agency/employees/").status_code == 403
    assert statistics_only.get("/api/v1/employees/").status_code == 401  # user endpoints do not know it

    reconciliation_only = _as(APIClient(), make_token("reconciliation:read")["token"])
    assert reconciliation_only.get("/api/v1/statistics/employees/").status_code == 403
    export = reconciliation_only.get("/api/v1/reconciliation/export/", {"as": "json"})
    assert export.status_code == 200 and len(export.json()["employees"]) == Employee.objects.count()
    assert reconciliation_only.post("/api/v1/reconciliation/imports/", {}).status_code in (401, 403)


def test_agency_a_cannot_read_agency_b(make_token):
    from rest_framework.test import APIClient

    dinkes = _as(APIClient(), make_token("employees:read:DINKES")["token"])
    listed = dinkes.get("/api/v1/agency/employees/").json()
    expected = set(Employee.objects.filter(unit__agency__code="DINKES").values_list("nip", flat=True))
    assert {row["nip"] for row in listed["results"]} == expected
    own = Employee.objects.filter(unit__agency__code="DINKES").first()
    other = Employee.objects.filter(unit__agency__code="DIKBUD").first()
    assert dinkes.get(f"/api/v1/agency/employees/{own.nip}/").json()["nama"] == own.nama
    response = dinkes.get(f"/api/v1/agency/employees/{other.nip}/")
    assert response.status_code == 404 and other.nama not in response.content.decode()


def test_revoked_token_is_refused_and_uses_are_audited(users, api_client_for, make_token):
    from rest_framework.test import APIClient

    made = make_token("statistics:read")
    client = _as(APIClient(), made["token"])
    assert client.get("/api/v1/statistics/").status_code == 200
    use = AuditEvent.objects.filter(action="agency_token.use", target=f"agency_token:{made['id']}").get()
    assert use.actor_id is None and use.details["path"] == "/api/v1/statistics/"
    assert api_client_for(users["admin"]).post(f"/api/v1/agency-tokens/{made['id']}/revoke/").status_code == 200
    assert client.get("/api/v1/statistics/").status_code == 401
    assert AuditEvent.objects.filter(action="agency_token.revoke").exists()
