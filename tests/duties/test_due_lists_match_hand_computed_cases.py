"""Due lists for each kind match hand-computed cases on a frozen day (6 December 2026), scoped by
role: an employee sees their own items, a fasilitator their unit's, an administrator all."""
import pytest
import time_machine

pytestmark = pytest.mark.django_db
TODAY = "2026-12-06 09:00 +0700"


def _due(client, **params):
    answer = client.get("/api/v1/due/", params)
    assert answer.status_code == 200, answer.json()
    return [(i["employee"]["nama"].split()[0], i["kind"], i["due_on"], i["overdue"]) for i in answer.json()["results"]]


@time_machine.travel(TODAY, tick=False)
def test_each_kind_as_an_administrator(province, api_client_for):
    admin = api_client_for(province["users"]["admin"])
    assert _due(admin, kind="kenaikan_pangkat", within_days=30) == [("Ani", "kenaikan_pangkat", "2026-12-01", True)]
    assert _due(admin, kind="gaji_berkala", within_days=30) == [
        ("Citra", "gaji_berkala", "2026-12-20", False), ("Ani", "gaji_berkala", "2027-01-01", False)]
    assert _due(admin, kind="gaji_berkala", within_days=20) == [("Citra", "gaji_berkala", "2026-12-20", False)]
    assert _due(admin, kind="pensiun", within_days=30) == [("Ani", "pensiun", "2027-01-01", False)]
    assert _due(admin, kind="pengangkatan_pns", within_days=30) == [
        ("Budi", "pengangkatan_pns", "2027-01-01", False)]
    assert _due(admin, kind="pengangkatan_pns", within_days=20) == []
    # Everyone at work lacks the core documents; the retiree is due for nothing.
    assert {name for name, *_ in _due(admin, kind="incomplete_file")} == {"Ani", "Budi", "Citra"}


@time_machine.travel(TODAY, tick=False)
def test_scoped_by_role_and_linked_to_the_open_request(province, api_client_for):
    from desk.models import Service
    from desk.services.requests import service_request_create

    fasilitator = api_client_for(province["users"]["fasilitator"])
    assert {name for name, *_ in _due(fasilitator, within_days=30)} == {"Ani", "Budi"}
    ani = api_client_for(province["users"]["ani"])
    assert {(kind, due_on) for _, kind, due_on, _ in _due(ani, within_days=30)
            if due_on} == {("kenaikan_pangkat", "2026-12-01"), ("gaji_berkala", "2027-01-01"),
                           ("pensiun", "2027-01-01")}
    made = service_request_create(actor=province["users"]["ani"], service=Service.objects.get(code="pensiun"),
                                  employee=province["ani"])
    [item] = ani.get("/api/v1/due/", {"kind": "pensiun"}).json()["results"]
    assert item["service"] == "pensiun" and item["service_request"] == made.pk


def test_bad_parameters_answer_400(province, api_client_for):
    admin = api_client_for(province["users"]["admin"])
    assert admin.get("/api/v1/due/", {"kind": "cuti"}).status_code == 400
    assert admin.get("/api/v1/due/", {"within_days": "²"}).status_code == 400
    assert api_client_for(None).get("/api/v1/due/").status_code == 401


@time_machine.travel(TODAY, tick=False)
def test_the_due_page_lists_the_same_items_in_indonesian(province, client):
    client.force_login(province["users"]["fasilitator"])
    page = client.get("/jatuh-tempo/", {"within_days": 30}, HTTP_ACCEPT_LANGUAGE="id").content.decode()
    assert "Ani Wulandari" in page and "Budi Santoso" in page and "Citra" not in page
    assert "terlambat" in page and "1 Desember 2026" in page
