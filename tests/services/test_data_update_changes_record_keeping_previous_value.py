"""An employee proposes a change with its supporting scan; the unit's fasilitator approves it and
the record changes, the previous value kept with who approved and when; or returns it with a reason.
Contact details are never changed this way."""
import io

import pytest

from archive.models import AuditEvent
from desk.models import DataUpdate
from people.models import Employee, HistoryEntry
from archive.services.demo import DEMO_PEGAWAI_NIP

pytestmark = pytest.mark.django_db


def _file(content: bytes, name="scan.pdf"):
    stream = io.BytesIO(content)
    stream.name = name
    return stream


def test_field_update_approved_and_history_update_returned(users, letter, api_client_for, make_user,
                                                          django_capture_on_commit_callbacks):
    dewi = Employee.objects.get(nip=DEMO_PEGAWAI_NIP)
    assert dewi.pendidikan == "S1 Keperawatan"
    pegawai, fasilitator = api_client_for(users["pegawai"]), api_client_for(users["fasilitator"])
    admin = api_client_for(users["admin"])  # rank history is BKD's data (settings.DATA_OWNED_BY_BKD)

    def propose(**body):
        with django_capture_on_commit_callbacks(execute=True):
            return pegawai.post("/api/v1/data-updates/", {"employee": dewi.nip, **body}, format="multipart")

    refused = propose(field="phone", value="08123", file=_file(letter(dewi, "KTP")))
    assert refused.status_code == 400 and refused.json()["errors"]["field"]
    proposed = propose(field="pendidikan", value="S2 Kesehatan Masyarakat",
                       file=_file(letter(dewi, "IJAZAH MAGISTER KESEHATAN MASYARAKAT")))
    assert proposed.status_code == 201, proposed.json()
    update = proposed.json()
    assert update["status"] == "proposed" and update["value"] == "S2 Kesehatan Masyarakat"
    scan = pegawai.get(f"/api/v1/documents/{update['document']}/").json()
    assert scan["document_type"]["code"] == "ijazah"
    assert Employee.objects.get(pk=dewi.pk).pendidikan == "S1 Keperawatan"  # nothing changes yet

    outsider = api_client_for(make_user("fas-bkd", "fasilitator", units=["BKD-MUT"]))
    assert outsider.post(f"/api/v1/data-updates/{update['id']}/approve/").status_code == 404
    assert pegawai.post(f"/api/v1/data-updates/{update['id']}/approve/").status_code == 403
    approved = fasilitator.post(f"/api/v1/data-updates/{update['id']}/approve/")
    assert approved.status_code == 200, approved.json()
    body = approved.json()
    assert body["status"] == "approved" and body["previous_value"] == "S1 Keperawatan"
    assert body["decided_by"] == "fasilitator" and body["decided_at"]
    assert Employee.objects.get(pk=dewi.pk).pendidikan == "S2 Kesehatan Masyarakat"
    assert fasilitator.post(f"/api/v1/data-updates/{update['id']}/approve/").status_code == 409
    event = AuditEvent.objects.get(action="data_update.approve")
    assert event.details["previous"] == "S1 Keperawatan" and event.actor == users["fasilitator"]

    # A new rank history entry (BKD's data, decided by an administrator): returned with a reason, nothing added.
    new_rank = propose(history_kind="pangkat", value="Penata Tingkat I, III/d", effective_date="2026-04-01",
                       reference_number="823.3/0042/BKD/2026", file=_file(letter(dewi, "KEPUTUSAN KENAIKAN PANGKAT")))
    assert new_rank.status_code == 201, new_rank.json()
    returned = admin.post(f"/api/v1/data-updates/{new_rank.json()['id']}/return/",
                                {"reason": "Nomor SK tidak sama dengan yang tertera"}, format="json")
    assert returned.status_code == 200 and returned.json()["status"] == "returned"
    assert not HistoryEntry.objects.filter(employee=dewi, kind="pangkat").exists()
    kinds = [n["kind"] for n in pegawai.get("/api/v1/notifications/").json()["results"]]
    assert kinds[:2] == ["data_update.returned", "data_update.approved"]

    # Proposed again, approved: the entry exists and the scan supports it.
    again = propose(history_kind="pangkat", value="Penata Tingkat I, III/d", effective_date="2026-04-01",
                    reference_number="823.3/0043/BKD/2026", file=_file(letter(dewi, "KEPUTUSAN KENAIKAN PANGKAT")))
    assert admin.post(f"/api/v1/data-updates/{again.json()['id']}/approve/").status_code == 200
    entry = HistoryEntry.objects.get(employee=dewi, kind="pangkat")
    assert (entry.title, entry.reference_number, entry.effective_date.isoformat()) == (
        "Penata Tingkat I, III/d", "823.3/0043/BKD/2026", "2026-04-01")
    assert DataUpdate.objects.get(pk=again.json()["id"]).history_entry == entry
    assert entry.documents.get().pk == again.json()["document"]
