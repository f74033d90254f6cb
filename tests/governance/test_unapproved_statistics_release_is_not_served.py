"""Pasal 18: presenting data needs the administrator's recommendation. A prepared statistics release is not
served until an administrator approves it (recorded, audited); what is served is the snapshot approved, not
the data as it moves on; a withdrawn release is no longer served."""
import pytest

from archive.models import AuditEvent
from governance.models import StatisticsRelease
from reports.statistics import employee_statistics, statistics_cube

pytestmark = pytest.mark.django_db


def test_an_unapproved_release_is_not_served(users, api_client_for, population, client):
    population("ALFA", 12, sex=1)
    population("ALFA", 9, sex=2)
    admin = api_client_for(users["admin"])

    assert client.get("/api/v1/statistics/employees/", {"by": "sex"}).status_code == 404
    prepared = admin.post("/api/v1/governance/statistics-releases/", {}, format="json")
    assert prepared.status_code == 201, prepared.content
    assert prepared.json()["status"] == "pending"
    # prepared is not published: nothing is served, neither today's nor the documents'
    for path in ("/api/v1/statistics/employees/", "/api/v1/statistics/documents/"):
        response = client.get(path)
        assert response.status_code == 404 and "disetujui" in response.json()["detail"]
    assert client.get("/api/v1/statistics/employees/", {"as_of": prepared.json()["as_of"]}).status_code == 404

    # only an administrator approves
    release_id = prepared.json()["id"]
    assert api_client_for(users["fasilitator"]).post(
        f"/api/v1/governance/statistics-releases/{release_id}/approve/", {}, format="json").status_code == 403
    approved = admin.post(f"/api/v1/governance/statistics-releases/{release_id}/approve/",
                          {"note": "layak disajikan"}, format="json")
    assert approved.status_code == 200 and approved.json()["status"] == "approved"
    event = AuditEvent.objects.get(action="statistics_release.approve")
    assert event.actor == users["admin"] and event.target == f"statistics_release:{release_id}"
    assert event.details["note"] == "layak disajikan"

    served = client.get("/api/v1/statistics/employees/", {"agency": "ALFA", "by": "sex"}).json()
    assert served["release"] == release_id
    then = employee_statistics(filters={"agency": "ALFA"}, by="sex")  # the live figures, protected alike
    assert served["rows"] == then["rows"] and served["total"] == then["total"]
    assert any(row["count"] for row in served["rows"])

    # later data does not move the published figures: the snapshot is what was approved
    population("ALFA", 6, sex=1)
    again = client.get("/api/v1/statistics/employees/", {"agency": "ALFA", "by": "sex"}).json()
    assert again["rows"] == then["rows"] and again["total"] == then["total"]
    assert statistics_cube().counts[("ALFA",) + (None,) * 5] == 27  # the live data did move

    # a new release of the same day, prepared but not approved, is not served either
    newer = admin.post("/api/v1/governance/statistics-releases/", {}, format="json").json()
    assert client.get("/api/v1/statistics/employees/", {"agency": "ALFA"}).json()["release"] == release_id
    admin.post(f"/api/v1/governance/statistics-releases/{newer['id']}/approve/", {}, format="json")
    assert client.get("/api/v1/statistics/employees/", {"agency": "ALFA"}).json()["release"] == newer["id"]
    assert StatisticsRelease.objects.get(pk=release_id).status == "withdrawn"

    withdrawn = admin.post(f"/api/v1/governance/statistics-releases/{newer['id']}/withdraw/",
                           {"reason": "salah hitung"}, format="json")
    assert withdrawn.status_code == 200
    assert client.get("/api/v1/statistics/employees/").status_code == 404
