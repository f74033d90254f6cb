"""Every staff read of personal data leaves one audit entry per request with the filter it was asked
with: document lists, search, the verification queue, /peremajaan/, the employee list and the exports
(issue 22; the detail views were audited already). An employee reading their own lists adds none."""
import pytest

from archive.models import AuditEvent
from archive.services.demo import DEMO_PEGAWAI_NIP

pytestmark = pytest.mark.django_db

STAFF_READS = [
    ("admin", "/api/v1/documents/", {"employee": DEMO_PEGAWAI_NIP}, "document.list"),
    ("admin", "/api/v1/employees/", {"q": "Dewi"}, "employee.list"),
    ("admin", "/api/v1/issued-documents/", {"employee": DEMO_PEGAWAI_NIP}, "issued.list"),
    ("admin", "/api/v1/search/", {"q": "keputusan", "status": "failed"}, "document.search"),
    ("fasilitator", "/api/v1/verification-queue/", {"flag": "low_legibility"}, "verification_queue.view"),
    ("fasilitator", "/api/v1/data-updates/", {"status": "proposed"}, "data_update.list"),
    ("admin", "/api/v1/service-requests/", {"status": "submitted"}, "service_request.list"),
    ("fasilitator", "/api/v1/due/", {"kind": "gaji_berkala", "within_days": "90"}, "due.list"),
    ("admin", "/api/v1/intake-batches/", {}, "intake.list"),
    ("admin", "/api/v1/audit/export/", {"action": "login"}, "audit.export"),
    ("fasilitator", "/api/v1/monitoring/export/", {}, "monitoring.export"),
    ("admin", "/api/v1/reconciliation/export/", {"as": "csv"}, "reconciliation.export"),
]
WEB_READS = [
    ("admin", "/cari/", {"q": "keputusan"}, "document.search"),
    ("fasilitator", "/verifikasi/", {"flag": "low_legibility"}, "verification_queue.view"),
    ("fasilitator", "/peremajaan/", {}, "data_update.list"),
    ("admin", "/jatuh-tempo/", {}, "due.list"),
]


def _entries(action):
    return list(AuditEvent.objects.filter(action=action).order_by("id"))


@pytest.mark.parametrize("who,url,query,action", STAFF_READS, ids=[r[3] + ":" + r[1] for r in STAFF_READS])
def test_an_api_list_read_by_staff_is_one_entry_with_its_filter(users, api_client_for, who, url, query, action):
    before = len(_entries(action))
    answer = api_client_for(users[who]).get(url, {**query, "page": "1"} if "export" not in url else query)
    assert answer.status_code == 200, answer.content[:300]
    if hasattr(answer, "streaming_content"):
        b"".join(answer.streaming_content)
    entries = _entries(action)
    assert len(entries) == before + 1
    entry = entries[-1]
    assert entry.actor == users[who]
    assert entry.details["filter"] == query and entry.details["via"] == "api"


@pytest.mark.parametrize("who,url,query,action", WEB_READS, ids=[r[1] for r in WEB_READS])
def test_a_web_list_read_by_staff_is_one_entry_with_its_filter(users, client, who, url, query, action):
    client.force_login(users[who])
    before = len(_entries(action))
    assert client.get(url, query).status_code == 200
    entries = _entries(action)
    assert len(entries) == before + 1 and entries[-1].details["filter"] == query


def test_an_employee_reading_their_own_lists_adds_no_entry(users, api_client_for):
    before = AuditEvent.objects.filter(action__in=["document.list", "service_request.list"]).count()
    pegawai = api_client_for(users["pegawai"])
    assert pegawai.get("/api/v1/documents/").status_code == 200
    assert pegawai.get("/api/v1/service-requests/").status_code == 200
    assert AuditEvent.objects.filter(action__in=["document.list", "service_request.list"]).count() == before


def test_the_export_command_is_audited_too(users, tmp_path):
    from django.core.management import call_command

    call_command("reconciliation_export", "--format", "csv", "--output", str(tmp_path / "data.csv"))
    entry = _entries("reconciliation.export")[-1]
    assert entry.details == {"via": "command", "format": "csv", "on": ""}
