"""An SI-ASN pull of 100 employees (OAuth2 client credentials against the stand-in) yields the
reconciliation diff — changed ranks and positions, the riwayat lines SI-ASN has and we lack, the
NIPs SI-ASN does not know — and changes nothing until an administrator confirms the diff."""
import pytest

from archive.models import AuditEvent
from people.models import Employee, HistoryEntry
from national.models import SiasnPull, SiasnRecord
from national.services.siasn import siasn_pull_run

pytestmark = pytest.mark.django_db


def test_pull_makes_the_diff_and_nothing_changes_until_confirmed(siasn_world, users, api_client_for,
                                                                 django_capture_on_commit_callbacks):
    service, nips, expected = siasn_world
    api = api_client_for(users["admin"])
    started = api.post("/api/v1/siasn/pulls/", {"nips": nips}, format="json")
    assert started.status_code == 202, started.content
    pull = siasn_pull_run(started.json()["id"])  # what the task runs

    assert pull.status == SiasnPull.Status.DONE and pull.attempts == 1
    assert service.tokens_issued == 1  # one client-credentials token for the whole pull
    assert SiasnRecord.objects.filter(pull=pull).count() == 102
    diff = api.get(f"/api/v1/reconciliation/imports/{pull.reconciliation_id}/").json()["diff"]
    changed = {item["nip"]: item for item in diff["changed"]}
    assert set(changed) == {nip for nip, changes in expected.items() if changes}
    for nip, item in changed.items():
        assert {f: c["new"] for f, c in item["changes"].items()} == expected[nip]
        if "golongan" in expected[nip]:
            assert item["history"][0]["title"] == "Penata Tingkat I, III/d"
            assert item["history"][0]["effective_date"] == "2025-04-01"
    assert diff["new"] == [] and diff["missing"] == [] and diff["errors"] == []
    assert diff["not_in_siasn"] == nips[-2:]
    # nothing applied yet
    promoted = [nip for nip, c in expected.items() if "golongan" in c]
    assert set(Employee.objects.filter(nip__in=promoted).values_list("golongan", flat=True)) == {"III/c"}
    assert not HistoryEntry.objects.filter(employee__nip__in=promoted, title="Penata Tingkat I, III/d").exists()

    wrong = api.post(f"/api/v1/reconciliation/imports/{pull.reconciliation_id}/apply/", {"fingerprint": "0" * 64},
                     format="json")
    assert wrong.status_code == 409
    with django_capture_on_commit_callbacks(execute=True):
        applied = api.post(f"/api/v1/reconciliation/imports/{pull.reconciliation_id}/apply/",
                           {"fingerprint": pull.reconciliation.fingerprint}, format="json")
    assert applied.status_code == 200, applied.content
    assert set(Employee.objects.filter(nip__in=promoted).values_list("golongan", flat=True)) == {"III/d"}
    assert HistoryEntry.objects.filter(employee__nip__in=promoted, title="Penata Tingkat I, III/d").count() == 10
    assert AuditEvent.objects.filter(action__in=["siasn.pull", "siasn.pull_done", "reconciliation.apply"]).count() == 3
