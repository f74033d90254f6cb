"""Per-field ownership (issue 8): a setting says which data belongs to BKD (decided by an
administrator) and which to the agency (decided by the fasilitator of the employee's unit); a
proposal is routed to the right role when it is made, and a fasilitator cannot approve or return
BKD's data."""
import io

import pytest

from desk.models import DataUpdate
from notifications.models import Notification
from people.models import Employee
from archive.services.demo import DEMO_PEGAWAI_NIP

pytestmark = pytest.mark.django_db


def _propose(client, letter, employee, capture, **body):
    scan = io.BytesIO(letter(employee, "SURAT KEPUTUSAN"))
    scan.name = "sk.pdf"
    with capture(execute=True):
        return client.post("/api/v1/data-updates/", {"employee": employee.nip, "file": scan, **body},
                           format="multipart")


def test_bkd_data_goes_to_the_administrator_agency_data_to_the_fasilitator(users, letter, api_client_for, settings,
                                                                           django_capture_on_commit_callbacks):
    assert "field:golongan" in settings.DATA_OWNED_BY_BKD and "field:agama" not in settings.DATA_OWNED_BY_BKD
    dewi = Employee.objects.get(nip=DEMO_PEGAWAI_NIP)
    pegawai, fasilitator, admin = (api_client_for(users[name]) for name in ("pegawai", "fasilitator", "admin"))

    rank = _propose(pegawai, letter, dewi, django_capture_on_commit_callbacks, field="golongan", value="III/d")
    assert rank.status_code == 201 and rank.json()["owner"] == "bkd"
    religion = _propose(pegawai, letter, dewi, django_capture_on_commit_callbacks, field="agama", value="Islam")
    assert religion.status_code == 201 and religion.json()["owner"] == "agency"

    # Routed: the administrator is asked about the rank, the unit's fasilitator about the religion.
    to_review = {(n.recipient.username, n.target) for n in Notification.objects.filter(kind="data_update.to_review")}
    assert to_review == {("admin", f"data_update:{rank.json()['id']}"),
                         ("fasilitator", f"data_update:{religion.json()['id']}")}
    queue = fasilitator.get("/api/v1/data-updates/?status=proposed&owner=agency").json()["results"]
    assert [u["id"] for u in queue] == [religion.json()["id"]]

    rank_id = rank.json()["id"]
    refused = fasilitator.post(f"/api/v1/data-updates/{rank_id}/approve/")
    assert refused.status_code == 403 and "milik BKD" in refused.json()["detail"]
    assert fasilitator.post(f"/api/v1/data-updates/{rank_id}/return/", {"reason": "x"},
                            format="json").status_code == 403
    dewi.refresh_from_db()
    assert dewi.golongan == "III/c" and DataUpdate.objects.get(pk=rank_id).status == "proposed"

    assert fasilitator.post(f"/api/v1/data-updates/{religion.json()['id']}/approve/").status_code == 200
    approved = admin.post(f"/api/v1/data-updates/{rank_id}/approve/")
    assert approved.status_code == 200 and approved.json()["decided_by"] == "admin"
    dewi.refresh_from_db()
    assert (dewi.golongan, dewi.agama) == ("III/d", "Islam")


def test_ownership_is_a_setting_fixed_when_proposed(users, letter, api_client_for, settings,
                                                   django_capture_on_commit_callbacks):
    dewi = Employee.objects.get(nip=DEMO_PEGAWAI_NIP)
    pegawai, fasilitator = api_client_for(users["pegawai"]), api_client_for(users["fasilitator"])
    settings.DATA_OWNED_BY_BKD = ["field:agama", "history:diklat"]
    religion = _propose(pegawai, letter, dewi, django_capture_on_commit_callbacks, field="agama", value="Islam")
    training = _propose(pegawai, letter, dewi, django_capture_on_commit_callbacks, history_kind="diklat",
                        value="Diklat PIM IV", effective_date="2025-11-01")
    assert religion.json()["owner"] == training.json()["owner"] == "bkd"
    settings.DATA_OWNED_BY_BKD = []  # changed later: proposals already made keep their approver
    assert fasilitator.post(f"/api/v1/data-updates/{religion.json()['id']}/approve/").status_code == 403
    assert fasilitator.post(f"/api/v1/data-updates/{training.json()['id']}/approve/").status_code == 403
