"""SI-ASN stops answering mid-pull (requests stall past the client's timeout and its retry): the pull
is kept as interrupted with what it fetched; resumed, it asks only for the NIPs not fetched yet, and
the diff holds every employee once."""
import pytest

from national.models import SiasnPull, SiasnRecord
from national.services.siasn import siasn_pull_run, siasn_pull_start

pytestmark = pytest.mark.django_db


def test_timeout_mid_pull_resumes_without_duplicates(siasn_world, users, api_client_for):
    service, nips, expected = siasn_world
    pull = siasn_pull_start(actor=users["admin"], nips=nips, run_later=False)
    service.stall_after(requests=4 * 40 + 1, count=2, seconds=1.5)  # mid-way through employee 41
    pull = siasn_pull_run(pull.pk)
    assert pull.status == SiasnPull.Status.INTERRUPTED and "did not answer" in pull.last_error
    fetched_before = set(SiasnRecord.objects.filter(pull=pull).values_list("nip", flat=True))
    assert len(fetched_before) == 40 and pull.reconciliation is None
    calls_before = len(service.calls)

    resumed = api_client_for(users["admin"]).post(f"/api/v1/siasn/pulls/{pull.pk}/resume/")
    assert resumed.status_code == 202, resumed.content
    pull = siasn_pull_run(pull.pk)
    assert pull.status == SiasnPull.Status.DONE and pull.attempts == 2
    after = service.calls[calls_before:]
    assert not any(call.split("/")[1] in fetched_before for call in after)  # nothing fetched twice
    kept = list(SiasnRecord.objects.filter(pull=pull).values_list("nip", flat=True))
    assert len(kept) == len(set(kept)) == 102
    records = pull.reconciliation.records
    assert len(records) == 100 and len({r["nip"] for r in records}) == 100
    assert {item["nip"] for item in pull.reconciliation.diff["changed"]} == {n for n, c in expected.items() if c}
    for item in pull.reconciliation.diff["changed"]:
        lines = [(e["kind"], e["title"], e["effective_date"]) for e in item.get("history", [])]
        assert len(lines) == len(set(lines)) == ("golongan" in expected[item["nip"]]) + ("jabatan" in expected[item["nip"]])
