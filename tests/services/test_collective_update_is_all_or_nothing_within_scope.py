"""Collective update (issue 8): one change for many NIPs. All or nothing: a NIP that is malformed,
listed twice, outside the caller's units (answered exactly like one that does not exist) or already
carrying the decree stops the whole submission, and the answer names each of them; otherwise every
employee gets the change, with the previous value kept, an audit entry and a notification — once a
second person approves it (issue 17: maker-checker, with the decree's scan attached)."""
import io

import pytest

from archive.models import AuditEvent
from desk.models import DataUpdate
from notifications.models import Notification
from people.models import Employee, HistoryEntry

pytestmark = pytest.mark.django_db

URL = "/api/v1/data-updates/collective/"
NOWHERE = "198001012006041009"  # well-formed, nobody's


def _decree(letter=None) -> io.BytesIO:
    from tests.support.letters import letter_pdf

    stream = io.BytesIO(letter_pdf(title="KEPUTUSAN KOLEKTIF", nip="198503152010012003", nama="Lampiran"))
    stream.name = "sk-kolektif.pdf"
    return stream


def _training(nips, **extra):
    return {"nips": nips, "history_kind": "diklat", "value": "Pelatihan Pelayanan Prima", "effective_date": "2026-03-02",
            "reference_number": "800/123/DINKES/2026", "decree": _decree(), **extra}


def _approve(client, collective):
    return client.post(f"{URL}{collective}/approve/")


def test_fasilitator_all_or_nothing_within_their_units(users, api_client_for, django_capture_on_commit_callbacks):
    fasilitator = api_client_for(users["fasilitator"])
    mine = list(Employee.objects.filter(unit__code__in=["DINKES-YANKES", "DINKES-SEK"]).values_list("nip", flat=True))
    other = Employee.objects.exclude(unit__code__in=["DINKES-YANKES", "DINKES-SEK"]).first()
    assert len(mine) >= 2 and other is not None

    refused = fasilitator.post(URL, _training([*mine, other.nip, NOWHERE, "12345", mine[0]]), format="multipart")
    assert refused.status_code == 400, refused.json()
    body = refused.json()
    assert body["not_found"] == [other.nip, NOWHERE]  # outside the units and nonexistent: the same answer
    assert [i["nip"] for i in body["invalid"]] == ["12345", mine[0]]
    assert "Tidak ada yang diterapkan" in body["detail"] and other.nama not in refused.content.decode()
    assert not HistoryEntry.objects.filter(kind="diklat").exists() and not DataUpdate.objects.exists()

    without_decree = _training(mine)
    del without_decree["decree"]
    refused = fasilitator.post(URL, without_decree, format="multipart")
    assert refused.status_code == 400 and refused.json()["errors"]["decree"]
    with django_capture_on_commit_callbacks(execute=True):
        done = fasilitator.post(URL, _training(mine), format="multipart")
    assert done.status_code == 201, done.json()
    body = done.json()
    assert body["count"] == len(mine) and sorted(r["employee"] for r in body["results"]) == sorted(mine)
    assert {r["status"] for r in body["results"]} == {"proposed"}
    assert not HistoryEntry.objects.filter(kind="diklat").exists()  # nothing until a second person approves
    assert _approve(fasilitator, body["collective"]).status_code == 403  # never the maker
    with django_capture_on_commit_callbacks(execute=True):
        approved = _approve(api_client_for(users["admin"]), body["collective"])
    assert approved.status_code == 200, approved.json()
    body = approved.json()
    assert {r["status"] for r in body["results"]} == {"approved"}
    assert {r["decided_by"] for r in body["results"]} == {"admin"}
    assert body["decree"]["reference_number"] == "800/123/DINKES/2026" and body["decree"]["sha256"]
    assert fasilitator.get(f"{URL}{body['collective']}/decree/").content.startswith(b"%PDF")
    entries = HistoryEntry.objects.filter(kind="diklat", reference_number="800/123/DINKES/2026")
    assert sorted(entries.values_list("employee__nip", flat=True)) == sorted(mine)
    assert AuditEvent.objects.filter(action="data_update.collective").count() == len(mine)
    assert Notification.objects.filter(recipient=users["pegawai"], kind="data_update.approved").exists()
    listed = fasilitator.get(f"/api/v1/data-updates/?collective={body['collective']}").json()
    assert listed["count"] == len(mine)

    again = fasilitator.post(URL, _training(mine), format="multipart")  # the same decree twice: refused, nothing doubled
    assert again.status_code == 400 and len(again.json()["invalid"]) == len(mine)
    assert entries.count() == len(mine)


def test_administrator_updates_thirty_nips_of_bkd_data(users, api_client_for, make_user):
    nips = list(Employee.objects.values_list("nip", flat=True))
    assert len(nips) == 30
    body = {"nips": nips, "field": "golongan", "value": "III/d", "reference_number": "823.3/77/BKD/2026"}
    fasilitator = api_client_for(users["fasilitator"])
    refused = fasilitator.post(URL, {**body, "decree": _decree()}, format="multipart")  # rank is BKD's data
    assert refused.status_code == 403 and "milik BKD" in refused.json()["detail"]
    before = dict(Employee.objects.values_list("nip", "golongan"))
    done = api_client_for(users["admin"]).post(URL, {**body, "decree": _decree()}, format="multipart")
    assert done.status_code == 201 and done.json()["count"] == 30
    assert _approve(fasilitator, done.json()["collective"]).status_code in (403, 404)  # BKD's data
    done = _approve(api_client_for(make_user("admin2", "administrator")), done.json()["collective"])
    assert done.status_code == 200
    assert set(Employee.objects.values_list("golongan", flat=True)) == {"III/d"}
    assert {r["employee"]: r["previous_value"] for r in done.json()["results"]} == before


def test_employees_cannot_update_collectively(users, api_client_for):
    pegawai = api_client_for(users["pegawai"])
    nip = users["pegawai"].profile.employee.nip
    assert pegawai.post(URL, _training([nip]), format="multipart").status_code == 403
    assert not DataUpdate.objects.exists()
